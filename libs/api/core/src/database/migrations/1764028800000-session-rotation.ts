import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a refresh token was last rotated. The grace window for parallel tabs presenting the
 * just-rotated token is measured from the rotation itself, not from the session's last activity
 * (which ordinary requests also touch).
 */
export class SessionRotation1764028800000 implements MigrationInterface {
  name = 'SessionRotation1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN rotated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN rotated_at`);
  }
}
