import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The second factor at sign-in (TOTP, RFC 6238) and its recovery codes, owned by the auth feature.
 *
 * - `second_factors`: one row per account that has begun or finished enrolment; the TOTP secret
 *   is stored encrypted (AES-256-GCM, key from SECOND_FACTOR_KEY, never in the database);
 *   `last_step` is the last accepted time step, so a code is accepted once (no replay);
 * - `recovery_codes`: ten one-time codes per account, argon2id-hashed, each used once.
 *
 * Both are tenant tables (forced RLS by the account's organisation), read and written in the
 * account's own scope at sign-in and in the security administrator's scope on a reset.
 */
export class SecondFactor1796130537945 implements MigrationInterface {
  name = 'SecondFactor1796130537945';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE second_factors (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  secret_enc text NOT NULL,
  confirmed_at timestamptz,
  last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX second_factors_organization_idx ON second_factors(organization_id);

CREATE TABLE recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes(user_id) WHERE used_at IS NULL;
CREATE INDEX recovery_codes_organization_idx ON recovery_codes(organization_id);

ALTER TABLE second_factors ENABLE ROW LEVEL SECURITY;
ALTER TABLE second_factors FORCE ROW LEVEL SECURITY;
CREATE POLICY second_factors_tenant ON second_factors
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY second_factors_owner ON second_factors TO CURRENT_USER USING (true) WITH CHECK (true);

ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY recovery_codes_tenant ON recovery_codes
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY recovery_codes_owner ON recovery_codes TO CURRENT_USER USING (true) WITH CHECK (true);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS recovery_codes; DROP TABLE IF EXISTS second_factors;');
  }
}
