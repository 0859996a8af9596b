import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 待验收 on the completion overview (AWAITING_ACCEPTANCE in shared/domain) is counted in the
 * overview's one statement from the direct children's approved reports of the year, not kept in
 * `report_figures`. A partial index holds only approved reports, keyed by organisation and period,
 * so the count reads the year's few approved reports of each child from the index, whatever the
 * years of history (approved reports of earlier years never accepted stay out of the range).
 */
export class ApprovedReportIndex1796134608377 implements MigrationInterface {
  name = 'ApprovedReportIndex1796134608377';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE INDEX progress_reports_approved_idx ON progress_reports(organization_id, year, quarter)
  INCLUDE (assignment_id) WHERE status = 'APPROVED';
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS progress_reports_approved_idx;`);
  }
}
