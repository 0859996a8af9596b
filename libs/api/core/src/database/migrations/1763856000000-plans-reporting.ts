import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'plan_categories',
  'plan_tasks',
  'assignments',
  'progress_reports',
  'report_events',
  'evidence_files',
  'notifications',
  'reminders',
];

/**
 * Annual key-task plans and quarterly progress reporting.
 *
 * Plans, their categories and tasks belong to the issuing organisation (the province) and are
 * readable by its whole subtree (a county reads the province's checklist), writable only inside
 * the issuer's own scope. Assignments, reports, events, evidence and notifications belong to the
 * assigned bureau and follow the usual subtree rule.
 */
export class PlansReporting1763856000000 implements MigrationInterface {
  name = 'PlansReporting1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- Organisations above the scope roots: the issuers whose plans the caller works under.
CREATE FUNCTION app_ancestor_orgs() RETURNS SETOF uuid LANGUAGE sql STABLE AS $$
  SELECT ancestor_id FROM org_closure WHERE descendant_id = ANY (app_scope_roots())
$$;

CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title varchar(200) NOT NULL,
  status varchar(12) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','CLOSED')),
  due_days_after_quarter integer NOT NULL DEFAULT 10 CHECK (due_days_after_quarter BETWEEN 1 AND 60),
  published_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX plans_org_year_idx ON plans(organization_id, year);

CREATE TABLE plan_categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  name varchar(100) NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (plan_id, name)
);

CREATE TABLE plan_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  category_id uuid NOT NULL REFERENCES plan_categories(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  number varchar(20) NOT NULL,
  title varchar(200) NOT NULL,
  description text NOT NULL DEFAULT '',
  lead_departments text[] NOT NULL DEFAULT '{}',
  cooperating_departments text[] NOT NULL DEFAULT '{}',
  deadline jsonb NOT NULL,
  deadline_text varchar(100) NOT NULL DEFAULT '',
  due_date date NOT NULL,
  levels text[] NOT NULL,
  weight numeric(6,2) NOT NULL DEFAULT 0 CHECK (weight >= 0),
  evidence text NOT NULL DEFAULT '',
  target_value numeric(12,2),
  target_unit varchar(20),
  sort_order integer NOT NULL DEFAULT 0,
  adjusted_at timestamptz,
  adjustment_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (plan_id, number)
);
CREATE INDEX plan_tasks_category_idx ON plan_tasks(category_id);

CREATE TABLE assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  task_id uuid NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  change_reason text,
  -- year*10+quarter of the first accepted report saying COMPLETED (a rollup for the overview)
  completed_key integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id, organization_id)
);
CREATE INDEX assignments_org_year_idx ON assignments(organization_id, year) WHERE active;
CREATE INDEX assignments_plan_idx ON assignments(plan_id);

CREATE TABLE progress_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  task_id uuid NOT NULL REFERENCES plan_tasks(id) ON DELETE CASCADE,
  year integer NOT NULL,
  quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  completion_state varchar(12) NOT NULL DEFAULT 'NOT_STARTED'
    CHECK (completion_state IN ('NOT_STARTED','IN_PROGRESS','COMPLETED','BLOCKED')),
  percent smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  actual_value numeric(12,2),
  narrative text NOT NULL DEFAULT '',
  problems text NOT NULL DEFAULT '',
  next_steps text NOT NULL DEFAULT '',
  evidence_urls jsonb NOT NULL DEFAULT '[]',
  status varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','APPROVED','ACCEPTED')),
  due_date date NOT NULL,
  late boolean NOT NULL DEFAULT false,
  returned_stage varchar(10),
  returned_reason text,
  returned_by uuid,
  returned_at timestamptz,
  submitted_by uuid,
  submitted_at timestamptz,
  approved_by uuid,
  approved_at timestamptz,
  accepted_by uuid,
  accepted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (assignment_id, year, quarter)
);
CREATE INDEX progress_reports_org_period_idx ON progress_reports(organization_id, year, quarter);
CREATE INDEX progress_reports_period_status_idx ON progress_reports(year, quarter, status);

CREATE TABLE report_events (
  id bigserial PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  action varchar(24) NOT NULL,
  from_status varchar(10),
  to_status varchar(10) NOT NULL,
  user_id uuid,
  username varchar(64),
  actor_organization_id uuid,
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_events_report_idx ON report_events(report_id, id);

CREATE TABLE evidence_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  file_name varchar(255) NOT NULL,
  mime_type varchar(100) NOT NULL,
  size_bytes integer NOT NULL,
  sha256 char(64) NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_files_report_idx ON evidence_files(report_id);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  kind varchar(20) NOT NULL,
  title varchar(200) NOT NULL,
  body text NOT NULL DEFAULT '',
  link varchar(300),
  dedupe_key varchar(200),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (organization_id, dedupe_key)
);
CREATE INDEX notifications_org_idx ON notifications(organization_id, created_at DESC);

CREATE TABLE reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year integer NOT NULL,
  quarter smallint NOT NULL,
  sent_by uuid,
  target_count integer NOT NULL,
  missing_reports integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE plans FORCE ROW LEVEL SECURITY;
CREATE POLICY plans_owner ON plans TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY plans_read ON plans FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY plans_write ON plans FOR INSERT WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY plans_update ON plans FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs())) WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY plans_delete ON plans FOR DELETE USING (organization_id IN (SELECT app_visible_orgs()));
`);
    for (const t of ['plan_categories', 'plan_tasks']) {
      await q.query(`
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${t}_owner ON ${t} TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY ${t}_read ON ${t} FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY ${t}_insert ON ${t} FOR INSERT WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY ${t}_update ON ${t} FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs())) WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY ${t}_delete ON ${t} FOR DELETE USING (organization_id IN (SELECT app_visible_orgs()));`);
    }
    for (const t of TENANT_TABLES.filter((x) => !x.startsWith('plan_'))) {
      await q.query(`
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${t}_owner ON ${t} TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY ${t}_tenant ON ${t}
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE IF EXISTS reminders, notifications, evidence_files, report_events, progress_reports,
  assignments, plan_tasks, plan_categories, plans CASCADE;
DROP FUNCTION IF EXISTS app_ancestor_orgs();
`);
  }
}
