import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rectification loop's deadlines, reminders and files:
 * - a round's default deadline may be N working days from publication
 *   (`default_deadline_working_days`; `default_deadline` is then provisional until publication,
 *   when it is computed on the Chinese calendar), with the coverage warning kept for display;
 * - an issue's deadline set by hand (`deadline_overridden`) is left alone by publication;
 * - `reminders_sent`: the deadline reminder kinds already sent for the issue (each once; a
 *   return clears them, since a returned issue is owed again);
 * - `assessment_files`: files attached to an issue, by the bureau to its rectification
 *   (RECTIFICATION) or by the assessor as evidence (EVIDENCE); bytes in PostgreSQL like
 *   reporting's evidence files, forced RLS like the issues (an assessor only in its rounds).
 */
export class AssessmentLoop1796141000000 implements MigrationInterface {
  name = 'AssessmentLoop1796141000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE assessment_rounds
  ADD COLUMN default_deadline_working_days smallint
    CHECK (default_deadline_working_days BETWEEN 1 AND 250),
  ADD COLUMN deadline_warning text NOT NULL DEFAULT '';

ALTER TABLE assessment_issues
  ADD COLUMN deadline_overridden boolean NOT NULL DEFAULT false,
  ADD COLUMN reminders_sent text[] NOT NULL DEFAULT '{}';

CREATE INDEX assessment_issues_owed_idx ON assessment_issues(deadline)
  WHERE status IN ('OPEN','RECTIFYING','RETURNED','AWAITING_APPROVAL');

CREATE TABLE assessment_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issue_id uuid NOT NULL REFERENCES assessment_issues(id) ON DELETE CASCADE,
  round_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  kind varchar(16) NOT NULL CHECK (kind IN ('RECTIFICATION','EVIDENCE')),
  file_name varchar(255) NOT NULL,
  mime_type varchar(100) NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 char(64) NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid,
  uploaded_by_name varchar(64) NOT NULL DEFAULT '',
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_files_org_idx ON assessment_files(organization_id);
CREATE INDEX assessment_files_issue_idx ON assessment_files(issue_id);

ALTER TABLE assessment_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessment_files FORCE ROW LEVEL SECURITY;
CREATE POLICY assessment_files_all ON assessment_files FOR ALL
  USING (organization_id IN (SELECT app_visible_orgs())
         AND (NOT (SELECT app_is_assessor()) OR round_id IN (SELECT app_assessor_rounds())))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs())
         AND (NOT (SELECT app_is_assessor()) OR round_id IN (SELECT app_assessor_rounds())));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TABLE assessment_files;
DROP INDEX assessment_issues_owed_idx;
ALTER TABLE assessment_issues DROP COLUMN reminders_sent, DROP COLUMN deadline_overridden;
ALTER TABLE assessment_rounds DROP COLUMN deadline_warning, DROP COLUMN default_deadline_working_days;
`);
  }
}
