import { ROLE_LABEL, Role } from '@sunshine/shared/domain';

/** Chinese names of the audit actions the API is expected to record; unknown codes show as sent. */
const ACTION_LABEL: Record<string, string> = {
  LOGIN: '登录',
  LOGIN_SUCCESS: '登录',
  LOGIN_FAILED: '登录失败',
  LOGIN_FAILURE: '登录失败',
  LOGOUT: '退出登录',
  REFRESH: '刷新会话',
  TOKEN_REFRESH: '刷新会话',
  ACCOUNT_LOCKED: '账户锁定',
  CHANGE_PASSWORD: '修改密码',
  PASSWORD_CHANGE: '修改密码',
  PASSWORD_CHANGED: '修改密码',
  CREATE_USER: '新建用户',
  USER_CREATE: '新建用户',
  USER_CREATED: '新建用户',
  UPDATE_USER: '修改用户',
  USER_UPDATE: '修改用户',
  USER_UPDATED: '修改用户',
  DISABLE_USER: '停用用户',
  USER_DISABLE: '停用用户',
  USER_DISABLED: '停用用户',
  ENABLE_USER: '启用用户',
  USER_ENABLE: '启用用户',
  USER_ENABLED: '启用用户',
  RESET_USER_PASSWORD: '重置密码',
  USER_RESET_PASSWORD: '重置密码',
  USER_PASSWORD_RESET: '重置密码',
  PASSWORD_RESET: '重置密码',
  USER_ROLES_CHANGE: '变更用户角色',
  SEED_ADMIN: '安装时创建管理员账户',
  SEED_DEMO: '载入演示数据',
  SESSION_IDLE_TIMEOUT: '会话超时',
  REFRESH_TOKEN_REUSE: '刷新令牌被重复使用',
  SECOND_FACTOR_ENROL: '启用两步验证',
  SECOND_FACTOR_RESET: '重置两步验证',
  SESSION_END: '结束登录设备',
  USER_SESSIONS_END: '结束用户全部会话',
  VERIFY_AUDIT_TRAIL: '校验审计链',
  AUDIT_VERIFY: '校验审计链',
  ACCESS_DENIED: '越权访问',
  FORBIDDEN: '越权访问',
};

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
  const label = ACTION_LABEL[code] ?? action;
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

const TARGET_LABEL: Record<string, string> = {
  USER: '用户',
  ORGANIZATION: '单位',
  SESSION: '会话',
  AUDIT_TRAIL: '审计链',
  AUDIT_EVENT: '审计记录',
};

/** Chinese name of an audit target type (User → 用户); unknown types show as sent. */
export function auditTargetLabel(targetType: string): string {
  return TARGET_LABEL[normalizeActionCode(targetType)] ?? targetType;
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
