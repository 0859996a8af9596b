import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annual disclosure reports (政府信息公开工作年度报告): one row per bureau and year, and the
 * workflow's event log. Tenant tables with forced RLS: a row is visible to the bureau's subtree
 * (the bureau itself and its overseers), never to a neighbour.
 *
 * The table cells are one JSONB object keyed by the format's stable cell keys
 * (`t3.received.natural` → 2); the format (libs/shared/domain annual-report-format.ts) is
 * versioned data and `format_version` says which one a report was written in, so a future format
 * adds keys without a schema change. `failing_rules` keeps the hard rules the stored values fail
 * (recomputed at every write), for the province's figures.
 */
export class AnnualReportTables1796135107000 implements MigrationInterface {
  name = 'AnnualReportTables1796135107000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE annual_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  format_version varchar(16) NOT NULL,
  status varchar(16) NOT NULL DEFAULT 'DRAFT'
    CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'ACCEPTED', 'RETURNED')),
  overview text NOT NULL DEFAULT '',
  problems text NOT NULL DEFAULT '',
  other text NOT NULL DEFAULT '',
  cells jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(cells) = 'object'),
  failing_rules text[] NOT NULL DEFAULT '{}',
  version int NOT NULL DEFAULT 1,
  first_submitted_at timestamptz,
  submitted_at timestamptz,
  submitted_by uuid,
  approved_at timestamptz,
  approved_by uuid,
  accepted_at timestamptz,
  accepted_by uuid,
  return_reason text,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, year)
);
CREATE INDEX annual_reports_year_idx ON annual_reports(year, organization_id);

CREATE TABLE annual_report_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES annual_reports(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  action varchar(16) NOT NULL CHECK (action IN ('SAVE', 'SUBMIT', 'APPROVE', 'ACCEPT', 'RETURN')),
  from_status varchar(16) NOT NULL,
  to_status varchar(16) NOT NULL,
  reason text NOT NULL DEFAULT '',
  actor_id uuid,
  actor_name text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX annual_report_events_report_idx ON annual_report_events(report_id, at);
CREATE INDEX annual_report_events_organization_idx ON annual_report_events(organization_id);

ALTER TABLE annual_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE annual_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY annual_reports_owner ON annual_reports TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY annual_reports_tenant ON annual_reports
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE annual_report_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE annual_report_events FORCE ROW LEVEL SECURITY;
CREATE POLICY annual_report_events_owner ON annual_report_events TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY annual_report_events_read ON annual_report_events FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY annual_report_events_insert ON annual_report_events FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs())
    AND report_id IN (SELECT id FROM annual_reports));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS annual_report_events, annual_reports');
  }
}
