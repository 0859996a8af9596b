import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row's parent is in the row's own organisation. Row-level security checks a new row's
 * `organization_id`, but a plain foreign key checks the parent id alone, and bypasses RLS: under a
 * county's own scope, evidence or a history event could be inserted on a sibling's report, or a
 * report on a sibling's assignment, and the foreign-key error told an existing id from a missing
 * one. Composite foreign keys on (parent id, organization_id) make a foreign parent fail exactly
 * as a missing one does (the API answers NOT_FOUND for both).
 */
export class SameTenantParents1764547200732 implements MigrationInterface {
  name = 'SameTenantParents1764547200732';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE progress_reports ADD CONSTRAINT progress_reports_id_organization_key UNIQUE (id, organization_id);

ALTER TABLE progress_reports DROP CONSTRAINT progress_reports_assignment_id_fkey;
ALTER TABLE progress_reports ADD CONSTRAINT progress_reports_assignment_same_org_fkey
  FOREIGN KEY (assignment_id, organization_id) REFERENCES assignments(id, organization_id) ON DELETE CASCADE;

ALTER TABLE assignment_completion DROP CONSTRAINT assignment_completion_assignment_id_fkey;
ALTER TABLE assignment_completion ADD CONSTRAINT assignment_completion_assignment_same_org_fkey
  FOREIGN KEY (assignment_id, organization_id) REFERENCES assignments(id, organization_id) ON DELETE CASCADE;

ALTER TABLE report_events DROP CONSTRAINT report_events_report_id_fkey;
ALTER TABLE report_events ADD CONSTRAINT report_events_report_same_org_fkey
  FOREIGN KEY (report_id, organization_id) REFERENCES progress_reports(id, organization_id) ON DELETE CASCADE;

ALTER TABLE evidence_files DROP CONSTRAINT evidence_files_report_id_fkey;
ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_report_same_org_fkey
  FOREIGN KEY (report_id, organization_id) REFERENCES progress_reports(id, organization_id) ON DELETE CASCADE;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE evidence_files DROP CONSTRAINT evidence_files_report_same_org_fkey;
ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_report_id_fkey
  FOREIGN KEY (report_id) REFERENCES progress_reports(id) ON DELETE CASCADE;
ALTER TABLE report_events DROP CONSTRAINT report_events_report_same_org_fkey;
ALTER TABLE report_events ADD CONSTRAINT report_events_report_id_fkey
  FOREIGN KEY (report_id) REFERENCES progress_reports(id) ON DELETE CASCADE;
ALTER TABLE assignment_completion DROP CONSTRAINT assignment_completion_assignment_same_org_fkey;
ALTER TABLE assignment_completion ADD CONSTRAINT assignment_completion_assignment_id_fkey
  FOREIGN KEY (assignment_id) REFERENCES assignments(id) ON DELETE CASCADE;
ALTER TABLE progress_reports DROP CONSTRAINT progress_reports_assignment_same_org_fkey;
ALTER TABLE progress_reports ADD CONSTRAINT progress_reports_assignment_id_fkey
  FOREIGN KEY (assignment_id) REFERENCES assignments(id) ON DELETE CASCADE;
ALTER TABLE progress_reports DROP CONSTRAINT progress_reports_id_organization_key;
`);
  }
}
