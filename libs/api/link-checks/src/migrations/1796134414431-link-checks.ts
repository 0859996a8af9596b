import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['links', 'link_owners', 'link_checks'];

/**
 * The link checker's tables (api-link-checks): one row per organisation and URL with its current
 * state (`links`), who points at it (`link_owners`: a record of another feature), and every check
 * (`link_checks`, the history). Forced RLS by organisation on all three, duty accounts excluded;
 * a child row's organisation is its link's (composite foreign keys). Published for other
 * features: `link_status` (one row per link, its health).
 */
export class LinkChecks1796134414431 implements MigrationInterface {
  name = 'LinkChecks1796134414431';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
  created_at timestamptz NOT NULL DEFAULT now(),
  first_hash text,
  first_ok_at timestamptz,
  checks integer NOT NULL DEFAULT 0,
  last_checked_at timestamptz,
  last_outcome text CHECK (last_outcome IN ('OK','HTTP_ERROR','DNS','TIMEOUT','NETWORK','TLS','REDIRECTS','BLOCKED','INVALID')),
  last_status_code integer,
  last_final_url text,
  last_response_ms integer,
  last_hash text,
  last_title text,
  last_problem text,
  last_changed boolean NOT NULL DEFAULT false,
  last_unchanged_since_first boolean NOT NULL DEFAULT false,
  UNIQUE (organization_id, url),
  UNIQUE (id, organization_id)
);
CREATE INDEX links_due_idx ON links (last_checked_at NULLS FIRST);

CREATE TABLE link_owners (
  link_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  owner_kind text NOT NULL CHECK (owner_kind ~ '^[a-z][a-z0-9-]{0,62}$'),
  owner_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_kind, owner_id, link_id),
  FOREIGN KEY (link_id, organization_id) REFERENCES links(id, organization_id) ON DELETE CASCADE
);
CREATE INDEX link_owners_link_idx ON link_owners (link_id);
CREATE INDEX link_owners_org_idx ON link_owners (organization_id);

CREATE TABLE link_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  link_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now(),
  outcome text NOT NULL CHECK (outcome IN ('OK','HTTP_ERROR','DNS','TIMEOUT','NETWORK','TLS','REDIRECTS','BLOCKED','INVALID')),
  broken boolean NOT NULL,
  status_code integer,
  final_url text,
  redirects integer NOT NULL DEFAULT 0,
  response_ms integer,
  content_type text,
  bytes_read integer NOT NULL DEFAULT 0,
  truncated boolean NOT NULL DEFAULT false,
  content_hash text,
  title text,
  snapshot text CHECK (length(snapshot) <= 20000),
  problem text,
  changed boolean NOT NULL DEFAULT false,
  unchanged_since_first boolean NOT NULL DEFAULT false,
  FOREIGN KEY (link_id, organization_id) REFERENCES links(id, organization_id) ON DELETE CASCADE
);
CREATE INDEX link_checks_link_idx ON link_checks (link_id, checked_at DESC);
CREATE INDEX link_checks_org_idx ON link_checks (organization_id);
`);
    for (const t of TABLES) {
      await q.query(`
ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${t}_owner ON ${t} TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY ${t}_tenant ON ${t}
  USING (organization_id IN (SELECT app_visible_orgs()))
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));
CREATE POLICY ${t}_no_duty_accounts ON ${t} AS RESTRICTIVE
  USING (NOT (SELECT app_is_duty_account())) WITH CHECK (NOT (SELECT app_is_duty_account()));
`);
    }
    await q.query(`
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
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP VIEW IF EXISTS link_status; DROP TABLE IF EXISTS link_checks, link_owners, links;`,
    );
  }
}
