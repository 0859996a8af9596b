import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scorecards (考评): rubrics, manual adjustments and published (frozen) scorecards. All tenant
 * tables with forced RLS.
 *
 * - score_rubrics: a version per row, never updated; owned by the assessing organisation (the
 *   province for cities and counties, a city for its own ranking of its counties); readable in
 *   its subtree and from below (a county reads the rubric it is scored by), like plans.
 * - score_adjustments: bonus, deduction or veto for a bureau (`organization_id`), entered by an
 *   assessing organisation (`assessor_id`); visible to both subtrees, never to a neighbour.
 * - published_scorecards: one frozen run (定档) of an assessor over the children of `root_id`
 *   for a period, with the rubric it used and a content hash; readable in the publisher's subtree
 *   and from below.
 * - published_scorecard_results: one row per bureau of a run with its inputs (facts), result
 *   (breakdown) and rank; visible to the bureau's subtree and the publisher's, so a bureau reads
 *   its own rank but never a neighbour's breakdown.
 */
export class ScorecardTables1796141402233 implements MigrationInterface {
  name = 'ScorecardTables1796141402233';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE score_rubrics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  level varchar(16) NOT NULL CHECK (level IN ('CITY', 'COUNTY')),
  version int NOT NULL CHECK (version > 0),
  content jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, year, level, version)
);

CREATE TABLE score_adjustments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  assessor_id uuid NOT NULL REFERENCES organizations(id),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  kind varchar(12) NOT NULL CHECK (kind IN ('BONUS', 'DEDUCTION', 'VETO')),
  points numeric(6,2) NOT NULL DEFAULT 0 CHECK (points >= 0),
  reason text NOT NULL CHECK (length(btrim(reason)) > 0),
  attachment text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (organization_id <> assessor_id)
);
CREATE INDEX score_adjustments_org_idx ON score_adjustments(organization_id, year);
CREATE INDEX score_adjustments_assessor_idx ON score_adjustments(assessor_id, year);

CREATE TABLE published_scorecards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id),
  root_id uuid NOT NULL REFERENCES organizations(id),
  year int NOT NULL,
  quarter int NOT NULL CHECK (quarter BETWEEN 0 AND 4),
  level varchar(16) NOT NULL,
  revision int NOT NULL CHECK (revision > 0),
  rubric jsonb NOT NULL,
  rubric_id uuid REFERENCES score_rubrics(id),
  rubric_version int NOT NULL,
  as_of date NOT NULL,
  content_hash char(64) NOT NULL,
  note text NOT NULL DEFAULT '',
  published_by uuid,
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, root_id, year, quarter, revision),
  UNIQUE (id, organization_id)
);
CREATE INDEX published_scorecards_root_idx ON published_scorecards(root_id, year, quarter);

CREATE TABLE published_scorecard_results (
  scorecard_id uuid NOT NULL,
  publisher_id uuid NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations(id),
  score numeric(7,2) NOT NULL,
  grade varchar(10) NOT NULL CHECK (grade IN ('EXCELLENT', 'GOOD', 'PASS', 'FAIL')),
  vetoed boolean NOT NULL,
  rank int NOT NULL CHECK (rank > 0),
  peers int NOT NULL CHECK (peers > 0),
  change numeric(7,2),
  facts jsonb NOT NULL,
  result jsonb NOT NULL,
  PRIMARY KEY (scorecard_id, organization_id),
  FOREIGN KEY (scorecard_id, publisher_id) REFERENCES published_scorecards(id, organization_id) ON DELETE CASCADE
);
CREATE INDEX published_scorecard_results_org_idx ON published_scorecard_results(organization_id);

ALTER TABLE score_rubrics ENABLE ROW LEVEL SECURITY;
ALTER TABLE score_rubrics FORCE ROW LEVEL SECURITY;
CREATE POLICY score_rubrics_owner ON score_rubrics TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY score_rubrics_read ON score_rubrics FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY score_rubrics_insert ON score_rubrics FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()));

ALTER TABLE score_adjustments ENABLE ROW LEVEL SECURITY;
ALTER TABLE score_adjustments FORCE ROW LEVEL SECURITY;
CREATE POLICY score_adjustments_owner ON score_adjustments TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY score_adjustments_read ON score_adjustments FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR assessor_id IN (SELECT app_visible_orgs()));
CREATE POLICY score_adjustments_insert ON score_adjustments FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND assessor_id IN (SELECT app_visible_orgs()));

ALTER TABLE published_scorecards ENABLE ROW LEVEL SECURITY;
ALTER TABLE published_scorecards FORCE ROW LEVEL SECURITY;
CREATE POLICY published_scorecards_owner ON published_scorecards TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY published_scorecards_read ON published_scorecards FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
CREATE POLICY published_scorecards_insert ON published_scorecards FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND root_id IN (SELECT app_visible_orgs()));

ALTER TABLE published_scorecard_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE published_scorecard_results FORCE ROW LEVEL SECURITY;
CREATE POLICY published_scorecard_results_owner ON published_scorecard_results TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY published_scorecard_results_read ON published_scorecard_results FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR publisher_id IN (SELECT app_visible_orgs()));
CREATE POLICY published_scorecard_results_insert ON published_scorecard_results FOR INSERT
  WITH CHECK (organization_id IN (SELECT app_visible_orgs()) AND publisher_id IN (SELECT app_visible_orgs()));
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'DROP TABLE IF EXISTS published_scorecard_results, published_scorecards, score_adjustments, score_rubrics',
    );
  }
}
