import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8 (stumbles 7 and 12):
 * - A draft never submitted stays with its bureau: overseers, ancestors and leaders read a report
 *   from its first submission on (`isVisibleAbove` in shared/domain: not a draft, or a draft sent
 *   back). The single tenant policy of `progress_reports` is split so that reading adds that rule;
 *   writes keep the subtree rule (a return by the overseer yields a returned draft, still visible).
 *   Evidence files and history events of a hidden draft are hidden with it.
 * - History entries and 催办 records keep the acting person's display name beside the account.
 * - A 催办 records its business time (`sent_at`, the application clock), for the 24-hour interval.
 */
export class DraftsStayHome1796130541295 implements MigrationInterface {
  name = 'DraftsStayHome1796130541295';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
DROP POLICY progress_reports_tenant ON progress_reports;
CREATE POLICY progress_reports_read ON progress_reports FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         AND (organization_id = app_org_id() OR status <> 'DRAFT' OR returned_stage IS NOT NULL));
CREATE POLICY progress_reports_insert ON progress_reports FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY progress_reports_update ON progress_reports FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY progress_reports_delete ON progress_reports FOR DELETE
  USING (organization_id IN (SELECT app_visible_orgs()));

DROP POLICY evidence_files_tenant ON evidence_files;
CREATE POLICY evidence_files_read ON evidence_files FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         AND EXISTS (SELECT 1 FROM progress_reports r WHERE r.id = evidence_files.report_id));
CREATE POLICY evidence_files_insert ON evidence_files FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY evidence_files_update ON evidence_files FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY evidence_files_delete ON evidence_files FOR DELETE
  USING (organization_id IN (SELECT app_visible_orgs()));

DROP POLICY report_events_tenant ON report_events;
CREATE POLICY report_events_read ON report_events FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         AND EXISTS (SELECT 1 FROM progress_reports r WHERE r.id = report_events.report_id));
CREATE POLICY report_events_insert ON report_events FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY report_events_update ON report_events FOR UPDATE
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY report_events_delete ON report_events FOR DELETE
  USING (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE report_events ADD COLUMN display_name varchar(64);
UPDATE report_events e SET display_name = u.display_name FROM users u WHERE u.id = e.user_id;

ALTER TABLE reminders ADD COLUMN sent_by_name varchar(64);
ALTER TABLE reminders ADD COLUMN sent_at timestamptz;
UPDATE reminders SET sent_at = created_at;
UPDATE reminders m SET sent_by_name = u.display_name FROM users u WHERE u.id = m.sent_by;
ALTER TABLE reminders ALTER COLUMN sent_at SET NOT NULL, ALTER COLUMN sent_at SET DEFAULT now();
CREATE INDEX reminders_org_quarter_idx ON reminders(organization_id, year, quarter, sent_at DESC);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP INDEX IF EXISTS reminders_org_quarter_idx;
ALTER TABLE reminders DROP COLUMN sent_at, DROP COLUMN sent_by_name;
ALTER TABLE report_events DROP COLUMN display_name;
`);
    for (const t of ['progress_reports', 'evidence_files', 'report_events']) {
      await q.query(`
DROP POLICY ${t}_read ON ${t};
DROP POLICY ${t}_insert ON ${t};
DROP POLICY ${t}_update ON ${t};
DROP POLICY ${t}_delete ON ${t};
CREATE POLICY ${t}_tenant ON ${t}
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));`);
    }
  }
}
