/**
 * Shared vocabulary of the tenancy matrices: the demo accounts that act, what they see, and the
 * two modes (code-level checks on, and off so that row-level security alone must hold).
 */
export const MATRIX_ACTORS = [
  '34-admin',
  '34-leader',
  '34-auditor',
  'assessor',
  '3401-admin',
  '3401-editor',
  '3401-reviewer',
  '340102-admin',
  '340102-editor',
  '340102-reviewer',
];

export type MatrixRole = 'ADMIN' | 'LEADER' | 'AUDITOR' | 'ASSESSOR' | 'EDITOR' | 'REVIEWER';

export function roleOf(actor: string): MatrixRole {
  if (actor === 'assessor') return 'ASSESSOR';
  return actor.split('-')[1].toUpperCase() as MatrixRole;
}

/** The demo assessor belongs to (and is assigned) the province. */
export function orgOf(actor: string): string {
  return actor === 'assessor' ? '34' : actor.split('-')[0];
}

/** Division codes nest by prefix in the demo data (34 ⊃ 3401 ⊃ 340102). */
export function sees(actor: string, target: string): boolean {
  return target.startsWith(orgOf(actor));
}

/** Strictly above the target: the overseer of its reports. */
export function oversees(actor: string, target: string): boolean {
  return sees(actor, target) && orgOf(actor) !== target;
}

/**
 * A tenancy mode of the API under test. `codeChecks: false` replaces the code-level checks by a
 * provider override in a testing module (apps/api/src/testing.ts); no configuration reaches it.
 */
export interface MatrixMode {
  codeChecks: boolean;
}

export const MATRIX_MODES: Array<[string, MatrixMode]> = [
  ['code checks + RLS', { codeChecks: true }],
  ['RLS alone (code-level checks off)', { codeChecks: false }],
];
