import { Role } from './roles';

/** Roles that sign in with a second factor (等保 2.0 level 3: two techniques for administrators). */
export const PRIVILEGED_ROLES: readonly Role[] = [Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR];

/** Who must use a second factor: the privileged accounts (default) or every account. */
export type SecondFactorScope = 'privileged' | 'all';

export function secondFactorRequired(roles: readonly Role[], scope: SecondFactorScope): boolean {
  return scope === 'all' || roles.some((r) => PRIVILEGED_ROLES.includes(r));
}

/** One-time recovery codes handed out at enrolment. */
export const RECOVERY_CODE_COUNT = 10;

/** A TOTP code: six digits (spaces allowed when typed). */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** A recovery code as printed (`abcde-12345`), in the canonical form compared with: no dash, lower case. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, '').toLowerCase();
  return /^[a-z0-9]{10}$/.test(code) ? code : null;
}

/** A readable description of a browser's user agent: 「Chrome 143 · Windows」. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '未知设备';
  const browser =
    match(ua, /Edg\/(\d+)/, 'Edge') ??
    match(ua, /(?:OPR|Opera)\/(\d+)/, 'Opera') ??
    match(ua, /Firefox\/(\d+)/, 'Firefox') ??
    match(ua, /HeadlessChrome\/(\d+)/, 'Chrome（无界面）') ??
    match(ua, /Chrome\/(\d+)/, 'Chrome') ??
    match(ua, /Version\/(\d+)[^ ]* Safari/, 'Safari') ??
    (/node|undici|curl|wget/i.test(ua) ? '程序客户端' : '浏览器');
  const os = /Windows NT/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return os ? `${browser} · ${os}` : browser;
}

function match(ua: string, re: RegExp, name: string): string | null {
  const m = re.exec(ua);
  return m ? `${name} ${m[1]}` : null;
}
