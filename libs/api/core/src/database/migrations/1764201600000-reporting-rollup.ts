import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The completion rollup moves from the plans table `assignments.completed_key` into a table that
 * reporting owns: one row per assignment that has an accepted report saying COMPLETED, with the
 * quarter key (`quarterKey` in libs/shared/domain: year × 10 + quarter) of the first such report.
 * Reporting no longer writes a table of the plans feature. Tenant table: RLS enabled and forced.
 */
export class ReportingRollup1764201600000 implements MigrationInterface {
  name = 'ReportingRollup1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE assignment_completion (
  assignment_id uuid PRIMARY KEY REFERENCES assignments(id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  completed_key integer NOT NULL CHECK (completed_key % 10 BETWEEN 1 AND 4)
);
CREATE INDEX assignment_completion_org_idx ON assignment_completion(organization_id);

INSERT INTO assignment_completion(assignment_id, organization_id, completed_key)
  SELECT id, organization_id, completed_key FROM assignments WHERE completed_key IS NOT NULL;

ALTER TABLE assignment_completion ENABLE ROW LEVEL SECURITY;
ALTER TABLE assignment_completion FORCE ROW LEVEL SECURITY;
CREATE POLICY assignment_completion_owner ON assignment_completion TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY assignment_completion_tenant ON assignment_completion
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));

DROP INDEX assignments_year_org_cover_idx;
ALTER TABLE assignments DROP COLUMN completed_key;
CREATE INDEX assignments_year_org_cover_idx ON assignments(year, organization_id)
  INCLUDE (id, task_id) WHERE active;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE assignments ADD COLUMN completed_key integer;
UPDATE assignments a SET completed_key = c.completed_key
  FROM assignment_completion c WHERE c.assignment_id = a.id;
DROP INDEX assignments_year_org_cover_idx;
CREATE INDEX assignments_year_org_cover_idx ON assignments(year, organization_id)
  INCLUDE (id, task_id, completed_key) WHERE active;
DROP TABLE assignment_completion;
`);
  }
}
