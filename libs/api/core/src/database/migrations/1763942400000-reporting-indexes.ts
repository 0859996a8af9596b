import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found by measurement (docs/benchmarks.md): foreign keys that cascades and FK checks
 * scan (replacing a draft plan's 5,000 tasks seq-scanned progress_reports once per task), and a
 * covering index for the completion overview's scan of a year's assignments.
 */
export class ReportingIndexes1763942400000 implements MigrationInterface {
  name = 'ReportingIndexes1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE INDEX progress_reports_task_idx ON progress_reports(task_id);
CREATE INDEX progress_reports_plan_idx ON progress_reports(plan_id);
CREATE INDEX assignments_task_idx ON assignments(task_id);
CREATE INDEX assignments_year_org_cover_idx ON assignments(year, organization_id)
  INCLUDE (id, task_id, completed_key) WHERE active;
CREATE INDEX report_events_org_idx ON report_events(organization_id);
CREATE INDEX evidence_files_org_idx ON evidence_files(organization_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX IF EXISTS progress_reports_task_idx, progress_reports_plan_idx, assignments_task_idx,
  assignments_year_org_cover_idx, report_events_org_idx, evidence_files_org_idx;
`);
  }
}
