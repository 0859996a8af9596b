import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History stays flat for the worklist (docs/benchmarks.md, "History"): its counts of reports to
 * review, to accept and returned read `progress_reports` by organisation and status, and the only
 * index by organisation also keys the period, so each count read every year's reports of the
 * organisation (ten years of history: 1.3× one year). Partial indexes hold only the open ones.
 */
export class OpenReportIndexes1796132163134 implements MigrationInterface {
  name = 'OpenReportIndexes1796132163134';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE INDEX progress_reports_pending_idx ON progress_reports(organization_id, status)
  WHERE status IN ('SUBMITTED', 'APPROVED');
CREATE INDEX progress_reports_returned_idx ON progress_reports(organization_id)
  WHERE status = 'DRAFT' AND returned_stage IS NOT NULL;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP INDEX IF EXISTS progress_reports_pending_idx, progress_reports_returned_idx;`,
    );
  }
}
