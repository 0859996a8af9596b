import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a page looked like when an owner pointed at it (`link_owners.baseline_hash`): the content
 * hash of the link's first successful check at or after the owner's registration, so a feature
 * can say "unchanged since the issue was raised". Published for other features:
 * `link_status` gains the current content hash; `link_owner_refs` (one row per owner × link)
 * tells which links a record of another feature points at, with that baseline.
 */
export class LinkOwnerBaselines1796135000000 implements MigrationInterface {
  name = 'LinkOwnerBaselines1796135000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE link_owners ADD COLUMN baseline_hash text, ADD COLUMN baseline_at timestamptz;
CREATE INDEX link_owners_baseline_idx ON link_owners (link_id) WHERE baseline_hash IS NULL;

CREATE OR REPLACE VIEW link_status WITH (security_invoker = true) AS
  SELECT l.id AS link_id, l.organization_id, l.url,
         CASE WHEN l.last_outcome IS NULL THEN 'PENDING'
              WHEN l.last_outcome = 'OK' THEN 'OK'
              WHEN l.last_outcome IN ('BLOCKED', 'INVALID') THEN 'BLOCKED'
              ELSE 'BROKEN' END AS health,
         l.last_outcome AS outcome, l.last_status_code AS status_code,
         l.last_final_url AS final_url, l.last_response_ms AS response_ms, l.last_title AS title,
         l.last_checked_at AS checked_at, l.last_changed AS changed,
         l.last_unchanged_since_first AS unchanged_since_first, l.last_problem AS problem,
         CASE WHEN l.last_outcome = 'OK' THEN l.last_hash END AS content_hash
  FROM links l;

CREATE VIEW link_owner_refs WITH (security_invoker = true) AS
  SELECT o.owner_kind, o.owner_id, o.link_id, o.organization_id, o.created_at AS registered_at,
         o.baseline_hash, o.baseline_at
  FROM link_owners o;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP VIEW IF EXISTS link_owner_refs;
DROP VIEW IF EXISTS link_status;
CREATE VIEW link_status WITH (security_invoker = true) AS
  SELECT l.id AS link_id, l.organization_id, l.url,
         CASE WHEN l.last_outcome IS NULL THEN 'PENDING'
              WHEN l.last_outcome = 'OK' THEN 'OK'
              WHEN l.last_outcome IN ('BLOCKED', 'INVALID') THEN 'BLOCKED'
              ELSE 'BROKEN' END AS health,
         l.last_outcome AS outcome, l.last_status_code AS status_code,
         l.last_final_url AS final_url, l.last_response_ms AS response_ms, l.last_title AS title,
         l.last_checked_at AS checked_at, l.last_changed AS changed,
         l.last_unchanged_since_first AS unchanged_since_first, l.last_problem AS problem
  FROM links l;
DROP INDEX IF EXISTS link_owners_baseline_idx;
ALTER TABLE link_owners DROP COLUMN baseline_hash, DROP COLUMN baseline_at;
`);
  }
}
