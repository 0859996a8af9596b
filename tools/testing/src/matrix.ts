/**
 * Shared vocabulary of the tenancy matrices: the demo accounts that act, what they see, and the
 * two modes (code-level checks on, and off so that row-level security alone must hold).
 */
export const MATRIX_ACTORS = [
  '34-admin',
  '34-leader',
  '34-security',
  '34-auditor',
  'assessor',
  '3401-admin',
  '3401-editor',
  '3401-reviewer',
  '340102-admin',
  '340102-editor',
  '340102-reviewer',
];

export type MatrixRole =
  'ADMIN' | 'LEADER' | 'SECURITY_ADMIN' | 'AUDITOR' | 'ASSESSOR' | 'EDITOR' | 'REVIEWER';

export function roleOf(actor: string): MatrixRole {
  if (actor === 'assessor') return 'ASSESSOR';
  const [, suffix] = actor.split('-');
  if (suffix === undefined) throw new Error(`matrix actor without a role: ${actor}`);
  const role = suffix.toUpperCase();
  return (role === 'SECURITY' ? 'SECURITY_ADMIN' : role) as MatrixRole;
}

/**
 * Whether the actor works with business data at all: the audit and security administrators do
 * not (三员分立), whatever their scope.
 */
export function doesBusiness(actor: string): boolean {
  return !['AUDITOR', 'SECURITY_ADMIN'].includes(roleOf(actor));
}

/** The demo assessor belongs to (and is assigned) the province. */
export function orgOf(actor: string): string {
  if (actor === 'assessor') return '34';
  const dash = actor.indexOf('-');
  return dash < 0 ? actor : actor.slice(0, dash);
}

/** Division codes nest by prefix in the demo data (34 ⊃ 3401 ⊃ 340102). */
export function sees(actor: string, target: string): boolean {
  return target.startsWith(orgOf(actor));
}

/** Strictly above the target: the overseer of its reports. */
export function oversees(actor: string, target: string): boolean {
  return sees(actor, target) && orgOf(actor) !== target;
}

/** The target's parent: its direct overseer, who accepts or returns its reports. */
export function isParentOf(actor: string, target: string): boolean {
  const org = orgOf(actor);
  return target.startsWith(org) && target.length === org.length + 2;
}

/**
 * A tenancy mode of the API under test. `codeChecks: false` replaces the code-level checks by a
 * provider override in a testing module (apps/api/src/testing.ts); no configuration reaches it.
 */
export interface MatrixMode {
  codeChecks: boolean;
}

/**
 * Target organisations relative to the demo actors: 34 province · 3401 合肥 (its counties 340102
 * 瑶海, 340103 庐阳) · 3402 芜湖 (its county 340202 镜湖) — own, subordinate, sibling, parent,
 * another city and its county for every actor.
 */
export const MATRIX_TARGETS = ['34', '3401', '340102', '340103', '3402', '340202'] as const;

export const MATRIX_MODES: Array<[string, MatrixMode]> = [
  ['code checks + RLS', { codeChecks: true }],
  ['RLS alone (code-level checks off)', { codeChecks: false }],
];

/** Below or at the actor's organisation, or above it (an issuer whose plans the actor works under). */
export function readsPlansOf(actor: string, target: string): boolean {
  return sees(actor, target) || orgOf(actor).startsWith(target);
}

/** What one matrix cell did: allowed or refused (with its code), and whether data moved anyway. */
export interface CellOutcome {
  ok: boolean;
  code?: string;
  /** A refused call that changed the target's data, or a call that showed data of another tenant. */
  leaked?: boolean;
}

/** The codes a refusal may carry: an error, or an answer that simply shows nothing. */
export const DENIED_CODES = ['FORBIDDEN', 'NOT_FOUND', 'EMPTY', 'NOT_LISTED'];

/** The mismatches of one cell against its expectation (empty when the cell is as expected). */
export function cellMismatches(
  actor: string,
  target: string,
  expected: boolean,
  out: CellOutcome,
  deniedCodes: string[] = DENIED_CODES,
): string[] {
  const problems: string[] = [];
  if (out.ok !== expected)
    problems.push(
      `${actor} → ${target}: expected ${expected ? 'allowed' : 'denied'}, got ${out.ok ? 'allowed' : out.code}`,
    );
  else if (!expected && !deniedCodes.includes(out.code ?? ''))
    problems.push(`${actor} → ${target}: denied with ${out.code}`);
  if (out.leaked) problems.push(`${actor} → ${target}: data crossed the tenant boundary`);
  return problems;
}

/** The outcome of a file request: 2xx is allowed, otherwise the error body's code. */
export async function httpOutcome(res: Response): Promise<CellOutcome> {
  if (res.ok) return { ok: true };
  const text = await res.text();
  let code = String(res.status);
  try {
    const body = JSON.parse(text) as { code?: string };
    if (body.code) code = body.code;
  } catch {
    // not JSON: keep the status
  }
  return { ok: false, code };
}
