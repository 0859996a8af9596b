/** Password rules for 等保 2.0 level 3. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MIN_CLASSES = 3;
export const PASSWORD_MAX_LENGTH = 128;
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 30;
export const IDLE_TIMEOUT_MINUTES = 30;
/** Default password lifetime (configurable: PASSWORD_MAX_AGE_DAYS; 0 turns expiry off). */
export const PASSWORD_MAX_AGE_DAYS = 90;
/** The last this many passwords (the current one included) cannot be chosen again. */
export const PASSWORD_HISTORY = 5;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'TOO_FEW_CLASSES' | 'CONTAINS_USERNAME';

export const PASSWORD_PROBLEM_MESSAGE: Record<PasswordProblem, string> = {
  TOO_SHORT: `密码长度至少为 ${PASSWORD_MIN_LENGTH} 位`,
  TOO_LONG: `密码长度不能超过 ${PASSWORD_MAX_LENGTH} 位`,
  TOO_FEW_CLASSES: '密码须包含大写字母、小写字母、数字、特殊字符中的至少三类',
  CONTAINS_USERNAME: '密码不能包含用户名',
};

export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** Returns every rule the password breaks (empty when it is acceptable). */
export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('TOO_SHORT');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('TOO_LONG');
  if (passwordClasses(password) < PASSWORD_MIN_CLASSES) problems.push('TOO_FEW_CLASSES');
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('CONTAINS_USERNAME');
  }
  return problems;
}

/**
 * Progressive delay after failed password checks, counted in the database so every instance
 * agrees. After `free` failures each further one blocks the key for base·2^k seconds (at most
 * `capSeconds`); the count starts again after `resetSeconds` without a failure. Per account name
 * (existing or not, so the answers never reveal which exist) and per client address.
 */
export interface ThrottleRule {
  free: number;
  baseSeconds: number;
  capSeconds: number;
  resetSeconds: number;
}

export const ACCOUNT_THROTTLE: ThrottleRule = {
  free: LOCKOUT_THRESHOLD,
  baseSeconds: 1,
  capSeconds: 60,
  resetSeconds: 86_400,
};

export const ADDRESS_THROTTLE: ThrottleRule = {
  free: 30,
  baseSeconds: 1,
  capSeconds: 900,
  resetSeconds: 3_600,
};
