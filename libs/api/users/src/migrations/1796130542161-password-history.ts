import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hashes (argon2id) of each account's most recent passwords, so the last five cannot be chosen
 * again (等保 2.0 level 3). Owned by the users feature with the `users` table; a tenant table.
 */
export class PasswordHistory1796130542161 implements MigrationInterface {
  name = 'PasswordHistory1796130542161';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE password_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX password_history_user_idx ON password_history(user_id, created_at DESC);
CREATE INDEX password_history_organization_idx ON password_history(organization_id);
-- Every account's current password starts its history.
INSERT INTO password_history(user_id, organization_id, password_hash, created_at)
  SELECT id, organization_id, password_hash, password_changed_at FROM users;

ALTER TABLE password_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_history FORCE ROW LEVEL SECURITY;
CREATE POLICY password_history_tenant ON password_history
  USING (organization_id IN (SELECT app_visible_orgs()) OR user_id = app_user_id())
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY password_history_owner ON password_history TO CURRENT_USER USING (true) WITH CHECK (true);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS password_history');
  }
}
