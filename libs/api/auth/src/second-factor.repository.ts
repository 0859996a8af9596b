import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne } from '@sunshine/api/core';

const FactorRow = rowShape({
  secret_enc: col.text,
  confirmed_at: col.date.nullable,
  last_step: col.number.nullable,
});
export type FactorRow = ReturnType<typeof FactorRow.parse>;

const CodeRow = rowShape({ id: col.uuid, code_hash: col.text });
const CountRow = rowShape({ n: col.int });

/**
 * The `second_factors` and `recovery_codes` tables (owned by the auth feature). Every method runs
 * in the caller's transaction, under its RLS scope.
 */
@Injectable()
export class SecondFactorRepository {
  find(m: EntityManager, userId: string): Promise<FactorRow | null> {
    return selectOne(
      m,
      FactorRow,
      'SELECT secret_enc, confirmed_at, last_step::float8 AS last_step FROM second_factors WHERE user_id = $1',
      [userId],
    );
  }

  /** Starts (or restarts) an enrolment: a new secret, not yet confirmed. */
  async begin(
    m: EntityManager,
    userId: string,
    organizationId: string,
    secretEnc: string,
  ): Promise<void> {
    await execute(
      m,
      `INSERT INTO second_factors(user_id, organization_id, secret_enc) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, last_step = NULL,
         created_at = now() WHERE second_factors.confirmed_at IS NULL`,
      [userId, organizationId, secretEnc],
    );
  }

  /**
   * Accepts a time step once: true only when it is later than every step accepted before
   * (atomic, so two requests with one code cannot both pass).
   */
  async acceptStep(
    m: EntityManager,
    userId: string,
    step: number,
    confirm: boolean,
  ): Promise<boolean> {
    const n = await execute(
      m,
      `UPDATE second_factors SET last_step = $2,
         confirmed_at = CASE WHEN $3::boolean THEN coalesce(confirmed_at, now()) ELSE confirmed_at END
       WHERE user_id = $1 AND (last_step IS NULL OR last_step < $2)
         AND (confirmed_at IS NOT NULL OR $3::boolean)`,
      [userId, step, confirm],
    );
    return n > 0;
  }

  async remove(m: EntityManager, userId: string): Promise<boolean> {
    await execute(m, 'DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    const n = await execute(m, 'DELETE FROM second_factors WHERE user_id = $1', [userId]);
    return n > 0;
  }

  async replaceRecoveryCodes(
    m: EntityManager,
    userId: string,
    organizationId: string,
    hashes: string[],
  ): Promise<void> {
    await execute(m, 'DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    for (const hash of hashes) {
      await execute(
        m,
        'INSERT INTO recovery_codes(user_id, organization_id, code_hash) VALUES ($1, $2, $3)',
        [userId, organizationId, hash],
      );
    }
  }

  unusedRecoveryCodes(
    m: EntityManager,
    userId: string,
  ): Promise<Array<{ id: string; code_hash: string }>> {
    return select(
      m,
      CodeRow,
      'SELECT id, code_hash FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
  }

  /** Marks a recovery code used; false when another request used it first. */
  async useRecoveryCode(m: EntityManager, id: string): Promise<boolean> {
    const n = await execute(
      m,
      'UPDATE recovery_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL',
      [id],
    );
    return n > 0;
  }

  async countUnused(m: EntityManager, userId: string): Promise<number> {
    const row = await selectOne(
      m,
      CountRow,
      'SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return row?.n ?? 0;
  }
}
