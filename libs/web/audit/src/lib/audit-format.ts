import {
  AUDIT_ACTION_CODES,
  AUDIT_ACTIONS,
  AUDIT_TARGETS,
  auditActionName,
  auditTargetName,
  ROLE_LABEL,
  Role,
  type AuditActionGroup,
} from '@sunshine/shared/domain';

/** Normalises 'user.create', 'user:create', 'userCreate' to USER_CREATE. */
export function normalizeActionCode(action: string): string {
  return action
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[.:\s/-]+/g, '_')
    .toUpperCase();
}

interface UserChange {
  before?: { roles?: unknown };
  after?: { roles?: unknown };
}

function rolesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
}

/** The separation-of-duties roles (三员分立) whose account changes an auditor must spot. */
const DUTY_ROLES: readonly string[] = [Role.SECURITY_ADMIN, Role.AUDITOR];

/**
 * The Chinese name of an action. For user changes the event's `changes` (JSON text) sharpens it:
 * a changed role set reads 变更用户角色 (with the roles before and after), and a change to an
 * audit or security administrator's account names that role.
 */
export function auditActionLabel(action: string, changes?: string | null): string {
  const code = normalizeActionCode(action);
  const label = auditActionName(code);
  if (!code.startsWith('USER_') || !changes) return label;
  let parsed: UserChange;
  try {
    parsed = JSON.parse(changes) as UserChange;
  } catch {
    return label;
  }
  const before = rolesOf(parsed?.before?.roles);
  const after = rolesOf(parsed?.after?.roles);
  const name = (roles: string[]) =>
    roles.map((r) => (ROLE_LABEL as Record<string, string | undefined>)[r] ?? r).join('、');
  if (
    code === 'USER_UPDATE' &&
    before.length > 0 &&
    [...before].sort().join() !== [...after].sort().join()
  ) {
    return `变更用户角色（${name(before)} → ${name(after)}）`;
  }
  const duty = [...after, ...before].find((r) => DUTY_ROLES.includes(r));
  return duty ? `${label}（${name([duty])}）` : label;
}

/** Chinese name of an audit target type (User → 用户); unknown types show as sent. */
export function auditTargetLabel(targetType: string): string {
  const code = Object.keys(AUDIT_TARGETS).find(
    (k) => k.toLowerCase() === targetType.replace(/[_\s-]/g, '').toLowerCase(),
  );
  return auditTargetName(code ?? targetType);
}

/** The action filter's options: every code of the shared table, grouped, in Chinese. */
export function auditActionOptions(): Array<{ label: AuditActionGroup; options: Option[] }> {
  const groups = new Map<AuditActionGroup, Option[]>();
  for (const code of AUDIT_ACTION_CODES) {
    const { label, group } = AUDIT_ACTIONS[code];
    groups.set(group, [...(groups.get(group) ?? []), { value: code, label }]);
  }
  return [...groups].map(([label, options]) => ({ label, options }));
}

/** How an event's object reads: 季度进展 3.2 主动公开… (2025年第二季度). */
export interface TargetView {
  typeLabel: string;
  name: string | null;
  detail: string | null;
  /** The object can be followed: the log filtered to its events. */
  followable: boolean;
}

export function auditTargetView(target: {
  type: string;
  typeLabel: string;
  id?: string | null;
  name?: string | null;
  detail?: string | null;
}): TargetView {
  return {
    typeLabel: target.typeLabel || auditTargetLabel(target.type),
    name: target.name ?? null,
    detail: target.detail ?? null,
    followable: !!target.id && target.type !== 'System',
  };
}

export type AuditResultTone = 'success' | 'error' | 'warning' | 'default';

export function auditResultView(result: string): { label: string; tone: AuditResultTone } {
  switch (normalizeActionCode(result)) {
    case 'SUCCESS':
    case 'OK':
      return { label: '成功', tone: 'success' };
    case 'FAILURE':
    case 'FAILED':
    case 'FAIL':
    case 'ERROR':
      return { label: '失败', tone: 'error' };
    case 'DENIED':
    case 'FORBIDDEN':
      return { label: '拒绝', tone: 'warning' };
    default:
      return { label: result, tone: 'default' };
  }
}

/** `changes` is JSON text; pretty-print it, or return the text as is when it is not JSON. */
export function formatChanges(changes: string | null | undefined): string | null {
  if (!changes) return null;
  try {
    return JSON.stringify(JSON.parse(changes), null, 2);
  } catch {
    return changes;
  }
}

export interface Option {
  value: string;
  label: string;
}

/** Merges newly seen options into a list, keeping the first label per value, sorted by label. */
export function mergeOptions(known: readonly Option[], seen: readonly Option[]): Option[] {
  const map = new Map(known.map((o) => [o.value, o]));
  let changed = false;
  for (const o of seen) {
    if (!map.has(o.value)) {
      map.set(o.value, o);
      changed = true;
    }
  }
  if (!changed) return known as Option[];
  return [...map.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}
