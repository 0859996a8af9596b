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

export function auditActionLabel(action: string): string {
  return ACTION_LABEL[normalizeActionCode(action)] ?? action;
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
