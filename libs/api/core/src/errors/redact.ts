import type { Logger, QueryRunner } from 'typeorm';
import { log } from '../logging/logger';

/**
 * Log hygiene: what an operator sees of a failure must never carry credentials. Errors are copied
 * into plain objects before they are printed: statement parameters are dropped (a failed
 * `createUser` carries the argon2 hash; any statement may carry a token or personal data), and
 * every string is scrubbed of things that look like password hashes, tokens or passwords.
 */

const REDACTED = '[redacted]';

/** Statement parameters: left out entirely. */
const PARAMETER_KEYS = /^(parameters|params|values|binds)$/i;

/** Keys whose values are never printed, whatever they hold. */
const SECRET_KEYS =
  /^(password|passwordHash|password_hash|currentPassword|newPassword|temporaryPassword|token|tokenHash|token_hash|previous_token_hash|accessToken|refreshToken|secret|authorization|cookie|jwtSecret)$/i;

const PATTERNS: Array<[RegExp, string]> = [
  // argon2 / bcrypt / scrypt-style encoded hashes
  [/\$argon2(?:id|i|d)\$[^\s'",)}\]]*/g, REDACTED],
  [/\$2[aby]\$\d{2}\$[./A-Za-z0-9]{20,}/g, REDACTED],
  // JSON web tokens
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g, REDACTED],
  // Authorization headers and the refresh cookie
  [/\b(bearer)\s+[\w.~+/=-]+/gi, `$1 ${REDACTED}`],
  [/\b(sunshine_rt)=[^;\s'"]+/g, `$1=${REDACTED}`],
  // password=..., "token": "...", secret: ...
  [
    /\b(password|passwd|pwd|secret|token|api[_-]?key)(["']?\s*[:=]\s*["']?)[^\s"',;}&]+/gi,
    `$1$2${REDACTED}`,
  ],
  // PostgreSQL error details quote the values of a row or key
  [/(Failing row contains )\(.*\)/gs, `$1(${REDACTED})`],
  [/(Key \((?:[^()]|\([^()]*\))*\)=)\((?:[^()]|\([^()]*\))*\)/g, `$1(${REDACTED})`],
  // long hex or base64url runs: token hashes and raw secrets
  [/\b[0-9a-f]{48,}\b/gi, REDACTED],
];

export function redactText(text: string): string {
  return PATTERNS.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/** A copy of any value that is safe to print: secrets and statement parameters removed. */
export function redactForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redactForLog(v, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out.name = value.name;
    out.message = redactText(value.message);
    if (value.stack) out.stack = redactText(value.stack);
  }
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || key === 'stack' || key === 'message' || PARAMETER_KEYS.test(key))
      continue;
    out[key] = SECRET_KEYS.test(key) ? REDACTED : redactForLog(v, depth + 1, seen);
  }
  if (value instanceof Error && 'cause' in value && value.cause !== undefined) {
    out.cause = redactForLog(value.cause, depth + 1, seen);
  }
  return out;
}

/**
 * Logs a failure at level error, every argument redacted (the logger redacts again): the one way
 * the API logs a failure. The first error among the values is the line's `err`.
 */
export function logError(label: string, ...values: unknown[]): void {
  const err = values.find((v) => v instanceof Error);
  const detail = values.filter((v) => v !== err).map((v) => redactForLog(v));
  log().error(
    {
      err: err === undefined ? undefined : redactForLog(err),
      detail: detail.length ? detail : undefined,
    },
    redactText(label),
  );
}

/**
 * TypeORM logger for the owner's connections (migrations, set-up, seeding): prints failed
 * statements without their parameters, and nothing else.
 */
export class RedactingQueryLogger implements Logger {
  logQuery(): void {}
  logQueryError(
    error: string | Error,
    query: string,
    _parameters?: unknown[],
    _r?: QueryRunner,
  ): void {
    logError(`[database] statement failed: ${query}`, error);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    log().debug(redactText(message));
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') log().warn({ detail: redactForLog(message) }, 'database warning');
  }
}
