import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training materials (slides, handouts, photos) attached to a session, stored in the database
 * with their SHA-256 like report evidence. `session_org_id` is the organiser: whoever may read
 * the session (its subtree and the bureaus below) may read its materials; only the organiser's
 * subtree may add or remove them (the code narrows that to the organiser itself).
 *
 * Sessions also keep their organiser's name (`organiser_org_name`, set by a trigger on insert):
 * a county reads the province's sessions but not the province's row in `organizations`, and a
 * certificate names the organiser of each session.
 */
export class TrainingMaterials1796140000101 implements MigrationInterface {
  name = 'TrainingMaterials1796140000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE training_sessions ADD COLUMN organiser_org_name text NOT NULL DEFAULT '';
UPDATE training_sessions s SET organiser_org_name = o.name FROM org_units o WHERE o.id = s.organization_id;
CREATE FUNCTION training_sessions_organiser_name() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.organiser_org_name = '' THEN
    NEW.organiser_org_name := coalesce((SELECT name FROM org_units WHERE id = NEW.organization_id), '');
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER training_sessions_organiser_name BEFORE INSERT ON training_sessions
  FOR EACH ROW EXECUTE FUNCTION training_sessions_organiser_name();

CREATE TABLE training_materials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
  session_org_id uuid NOT NULL REFERENCES organizations(id),
  kind varchar(16) NOT NULL CHECK (kind IN ('SLIDES', 'HANDOUT', 'PHOTO', 'OTHER')),
  file_name text NOT NULL,
  mime_type text NOT NULL,
  size_bytes int NOT NULL CHECK (size_bytes > 0),
  sha256 char(64) NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_materials_session_idx ON training_materials(session_id, created_at);
CREATE INDEX training_materials_session_org_idx ON training_materials(session_org_id);

ALTER TABLE training_materials ENABLE ROW LEVEL SECURITY;
ALTER TABLE training_materials FORCE ROW LEVEL SECURITY;
CREATE POLICY training_materials_owner ON training_materials TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY training_materials_read ON training_materials FOR SELECT
  USING (session_org_id IN (SELECT app_visible_orgs()) OR session_org_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY training_materials_insert ON training_materials FOR INSERT
  WITH CHECK (session_org_id IN (SELECT app_visible_orgs())
    AND session_id IN (SELECT id FROM training_sessions s WHERE s.organization_id = session_org_id));
CREATE POLICY training_materials_delete ON training_materials FOR DELETE
  USING (session_org_id IN (SELECT app_visible_orgs()));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS training_materials;
DROP TRIGGER IF EXISTS training_sessions_organiser_name ON training_sessions;
DROP FUNCTION IF EXISTS training_sessions_organiser_name();
ALTER TABLE training_sessions DROP COLUMN IF EXISTS organiser_org_name;`);
  }
}
