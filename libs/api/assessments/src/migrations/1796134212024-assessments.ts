import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Third-party assessment (第三方测评): indicator systems, rounds with their bureaus in scope and
 * their assessor accounts, issues and every transition of an issue. All tables are owned by the
 * assessments feature and carry forced RLS.
 *
 * An ASSESSOR account's scope roots are its assigned organisations (often the province), which
 * would let it read every bureau's issues; the policies therefore also require, for an assessor,
 * a round it is assigned to (`app_assessor_rounds()`). `app_is_assessor()` reads the caller's
 * own user row (SECURITY DEFINER, evaluated once per statement).
 *
 * Location and rectification URLs are stored as plain columns (`location`,
 * `rectification_links`) so that a link checker can read them.
 */
export class Assessments1796134212024 implements MigrationInterface {
  name = 'Assessments1796134212024';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE indicator_systems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name varchar(200) NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, organization_id)
);
CREATE INDEX indicator_systems_org_idx ON indicator_systems(organization_id);

CREATE TABLE indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  system_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  parent_id uuid REFERENCES indicators(id) ON DELETE CASCADE,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  code varchar(20) NOT NULL,
  name varchar(200) NOT NULL,
  points numeric(6,2) NOT NULL DEFAULT 0 CHECK (points >= 0),
  standard text NOT NULL DEFAULT '',
  deduction_rule text NOT NULL DEFAULT '',
  veto boolean NOT NULL DEFAULT false,
  sort_order integer NOT NULL DEFAULT 0,
  FOREIGN KEY (system_id, organization_id) REFERENCES indicator_systems(id, organization_id) ON DELETE CASCADE,
  UNIQUE (system_id, code)
);
CREATE INDEX indicators_org_idx ON indicators(organization_id);
CREATE INDEX indicators_system_idx ON indicators(system_id);

CREATE TABLE assessment_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  title varchar(200) NOT NULL,
  assessor_name varchar(200) NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL CHECK (period_end >= period_start),
  indicator_system_id uuid REFERENCES indicator_systems(id),
  default_deadline date NOT NULL,
  status varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','CLOSED')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX assessment_rounds_org_idx ON assessment_rounds(organization_id);

CREATE TABLE assessment_round_bureaus (
  round_id uuid NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (round_id, organization_id)
);
CREATE INDEX assessment_round_bureaus_org_idx ON assessment_round_bureaus(organization_id);

CREATE TABLE assessment_round_assessors (
  round_id uuid NOT NULL REFERENCES assessment_rounds(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  -- the round's issuer: who manages the assignment
  organization_id uuid NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (round_id, user_id)
);
CREATE INDEX assessment_round_assessors_org_idx ON assessment_round_assessors(organization_id);
CREATE INDEX assessment_round_assessors_user_idx ON assessment_round_assessors(user_id);

CREATE TABLE assessment_issues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  indicator_id uuid REFERENCES indicators(id),
  issue_type varchar(40) NOT NULL,
  description text NOT NULL,
  location text NOT NULL DEFAULT '',
  severity varchar(10) NOT NULL DEFAULT 'MEDIUM' CHECK (severity IN ('LOW','MEDIUM','HIGH')),
  points_deducted numeric(6,2) NOT NULL DEFAULT 0 CHECK (points_deducted >= 0),
  deadline date NOT NULL,
  status varchar(24) NOT NULL DEFAULT 'OPEN' CHECK (status IN
    ('OPEN','RECTIFYING','AWAITING_APPROVAL','AWAITING_VERIFICATION','DISPUTED','VERIFIED','RETURNED','WITHDRAWN')),
  measure text NOT NULL DEFAULT '',
  rectification_links text[] NOT NULL DEFAULT '{}',
  dispute boolean NOT NULL DEFAULT false,
  dispute_reason text NOT NULL DEFAULT '',
  submitted_by uuid,
  answered_at timestamptz,
  late boolean NOT NULL DEFAULT false,
  verified_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (round_id, organization_id) REFERENCES assessment_round_bureaus(round_id, organization_id)
);
CREATE INDEX assessment_issues_org_idx ON assessment_issues(organization_id);
CREATE INDEX assessment_issues_round_idx ON assessment_issues(round_id, organization_id);

CREATE TABLE assessment_issue_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issue_id uuid NOT NULL REFERENCES assessment_issues(id) ON DELETE CASCADE,
  round_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  action varchar(20) NOT NULL,
  from_status varchar(24),
  to_status varchar(24) NOT NULL,
  actor_id uuid,
  actor_name varchar(64) NOT NULL DEFAULT '',
  comment text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_issue_events_org_idx ON assessment_issue_events(organization_id);
CREATE INDEX assessment_issue_events_issue_idx ON assessment_issue_events(issue_id, at);

CREATE FUNCTION app_is_assessor() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS \$\$
  SELECT EXISTS (SELECT 1 FROM users WHERE id = app_user_id() AND roles @> ARRAY['ASSESSOR'])
\$\$;

CREATE FUNCTION app_assessor_rounds() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS \$\$
  SELECT round_id FROM assessment_round_assessors WHERE user_id = app_user_id()
\$\$;

-- Released rounds with a bureau in the caller's subtree (a bureau reads the round it is assessed in).
CREATE FUNCTION app_assessed_rounds() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS \$\$
  SELECT b.round_id FROM assessment_round_bureaus b JOIN assessment_rounds r ON r.id = b.round_id
  WHERE r.status <> 'DRAFT' AND b.organization_id IN (SELECT app_visible_orgs())
\$\$;

ALTER TABLE indicator_systems ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicator_systems FORCE ROW LEVEL SECURITY;
CREATE POLICY indicator_systems_read ON indicator_systems FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY indicator_systems_write ON indicator_systems FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor()));

ALTER TABLE indicators ENABLE ROW LEVEL SECURITY;
ALTER TABLE indicators FORCE ROW LEVEL SECURITY;
CREATE POLICY indicators_read ON indicators FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY indicators_write ON indicators FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor()));

ALTER TABLE assessment_rounds ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_rounds FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_rounds_read ON assessment_rounds FOR SELECT
  USING (CASE WHEN (SELECT app_is_assessor()) THEN id IN (SELECT app_assessor_rounds())
         ELSE organization_id IN (SELECT app_visible_orgs()) OR id IN (SELECT app_assessed_rounds()) END);
CREATE POLICY assessment_rounds_insert ON assessment_rounds FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor()));
CREATE POLICY assessment_rounds_update ON assessment_rounds FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor()));

ALTER TABLE assessment_round_bureaus ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_round_bureaus FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_round_bureaus_read ON assessment_round_bureaus FOR SELECT
  USING (CASE WHEN (SELECT app_is_assessor()) THEN round_id IN (SELECT app_assessor_rounds())
         ELSE organization_id IN (SELECT app_visible_orgs())
           OR round_id IN (SELECT id FROM assessment_rounds WHERE organization_id IN (SELECT app_visible_orgs())) END);
CREATE POLICY assessment_round_bureaus_insert ON assessment_round_bureaus FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor())
    AND round_id IN (SELECT id FROM assessment_rounds WHERE organization_id IN (SELECT app_visible_orgs())));

ALTER TABLE assessment_round_assessors ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_round_assessors FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_round_assessors_read ON assessment_round_assessors FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR user_id = app_user_id());
CREATE POLICY assessment_round_assessors_insert ON assessment_round_assessors FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND NOT (SELECT app_is_assessor()));

ALTER TABLE assessment_issues ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_issues FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_issues_all ON assessment_issues FOR ALL
  USING (organization_id IN (SELECT app_visible_orgs())
         AND (NOT (SELECT app_is_assessor()) OR round_id IN (SELECT app_assessor_rounds())))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs())
         AND (NOT (SELECT app_is_assessor()) OR round_id IN (SELECT app_assessor_rounds())));

ALTER TABLE assessment_issue_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_issue_events FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_issue_events_read ON assessment_issue_events FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         AND (NOT (SELECT app_is_assessor()) OR round_id IN (SELECT app_assessor_rounds())));
CREATE POLICY assessment_issue_events_insert ON assessment_issue_events FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs())
         AND (NOT (SELECT app_is_assessor()) OR round_id IN (SELECT app_assessor_rounds())));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE assessment_issue_events, assessment_issues, assessment_round_assessors,
  assessment_round_bureaus, assessment_rounds, indicators, indicator_systems;
DROP FUNCTION app_assessed_rounds(), app_assessor_rounds(), (SELECT app_is_assessor());
`);
  }
}
