import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training (培训): sessions, the bureaus invited, attendance, and the yearly requirement. All
 * tenant tables with forced RLS.
 *
 * - training_sessions: owned by the organiser (`organization_id`); readable in its subtree and
 *   from below (a county reads the province's and its city's sessions), like plans.
 * - training_invitations / training_attendances: carry both the organiser (`session_org_id`) and
 *   the bureau (`organization_id`). A row is visible to the organiser's subtree and to the
 *   bureau's subtree: a county sees its own people at the province's session, never a
 *   neighbour's; the organiser sees everyone at its session.
 * - training_requirements: set by the province per year and level; readable from below.
 */
export class TrainingTables1796133842099 implements MigrationInterface {
  name = 'TrainingTables1796133842099';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  organiser_level varchar(16) NOT NULL,
  organiser_kind varchar(16) NOT NULL CHECK (organiser_kind IN ('OWN', 'EXTERNAL')),
  organiser_name text,
  year int NOT NULL,
  title text NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL,
  place text NOT NULL DEFAULT '',
  online boolean NOT NULL DEFAULT false,
  hours numeric(5,1) NOT NULL CHECK (hours > 0),
  topics text[] NOT NULL DEFAULT '{}',
  lecturers jsonb NOT NULL DEFAULT '[]',
  audience_levels text[] NOT NULL DEFAULT '{}',
  audience_roles text[] NOT NULL DEFAULT '{}',
  capacity int CHECK (capacity IS NULL OR capacity > 0),
  registration_deadline date,
  status varchar(16) NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD', 'ARCHIVED')),
  version int NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date >= start_date),
  CHECK (organiser_kind = 'OWN' OR organiser_name IS NOT NULL)
);
CREATE INDEX training_sessions_organization_idx ON training_sessions(organization_id, year);
CREATE INDEX training_sessions_year_idx ON training_sessions(year, start_date);

CREATE TABLE training_invitations (
  session_id uuid NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  session_org_id uuid NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (session_id, organization_id)
);
CREATE INDEX training_invitations_organization_idx ON training_invitations(organization_id);
CREATE INDEX training_invitations_session_org_idx ON training_invitations(session_org_id);

CREATE TABLE training_attendances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
  session_org_id uuid NOT NULL REFERENCES organizations(id),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  trainee_name text NOT NULL,
  post text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  planned boolean NOT NULL DEFAULT true,
  attended boolean NOT NULL DEFAULT false,
  hours numeric(5,1) NOT NULL DEFAULT 0 CHECK (hours >= 0),
  note text NOT NULL DEFAULT '',
  source varchar(16) NOT NULL DEFAULT 'HOST' CHECK (source IN ('HOST', 'BUREAU', 'IMPORT')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, organization_id, trainee_name, phone)
);
CREATE INDEX training_attendances_organization_idx ON training_attendances(organization_id);
CREATE INDEX training_attendances_session_org_idx ON training_attendances(session_org_id);
CREATE INDEX training_attendances_session_idx ON training_attendances(session_id);

CREATE TABLE training_requirements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year int NOT NULL,
  level varchar(16) NOT NULL,
  min_province_attendees int NOT NULL DEFAULT 1 CHECK (min_province_attendees >= 0),
  min_hours numeric(6,1) NOT NULL DEFAULT 0 CHECK (min_hours >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, year, level)
);
CREATE INDEX training_requirements_organization_idx ON training_requirements(organization_id);

ALTER TABLE training_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY training_sessions_owner ON training_sessions TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY training_sessions_read ON training_sessions FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY training_sessions_insert ON training_sessions FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY training_sessions_update ON training_sessions FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs())) WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY training_sessions_delete ON training_sessions FOR DELETE
  USING (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE training_requirements ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_requirements FORCE ROW LEVEL SECURITY;
CREATE POLICY training_requirements_owner ON training_requirements TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY training_requirements_read ON training_requirements FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY training_requirements_insert ON training_requirements FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY training_requirements_update ON training_requirements FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs())) WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY training_requirements_delete ON training_requirements FOR DELETE
  USING (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE training_invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY training_invitations_owner ON training_invitations TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY training_invitations_read ON training_invitations FOR SELECT
  USING (session_org_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY training_invitations_write ON training_invitations FOR INSERT
  WITH CHECK (session_org_id IN (SELECT app_visible_orgs()) AND organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY training_invitations_delete ON training_invitations FOR DELETE
  USING (session_org_id IN (SELECT app_visible_orgs()));

ALTER TABLE training_attendances ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_attendances FORCE ROW LEVEL SECURITY;
CREATE POLICY training_attendances_owner ON training_attendances TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY training_attendances_tenant ON training_attendances
  USING (session_org_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs())
    AND session_id IN (SELECT id FROM training_sessions));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE IF EXISTS training_attendances, training_invitations, training_requirements, training_sessions',
    );
  }
}
