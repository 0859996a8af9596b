import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans are read from below only once released. Until now the issuer's subtree read every plan of
 * its ancestors, drafts included (a county editor saw the province's unpublished plans and
 * their tasks). The ancestor branch of the read policies on `plans`, `plan_categories` and
 * `plan_tasks` now needs a plan that is not a DRAFT; the caller's own subtree (the issuer and
 * its overseers) still reads drafts.
 *
 * Categories and tasks carry no status: they are read from below when their plan is one of
 * `app_released_ancestor_plans()`, an uncorrelated set (a hashed subplan evaluated once per
 * statement, like `app_visible_orgs()`), not a per-row look-up of the plan. Measured on the
 * test data (a city, p50 of 100 runs, noisy machine): 93 tasks 0.44–0.71 ms before, 0.78–1.14 ms
 * after; its 550 assigned tasks 2.1–4.6 ms before, 2.5–4.7 ms after.
 *
 * Also `UNIQUE (id, organization_id)` on `assignments`, the target of reporting's composite
 * foreign key (a report's organisation is its assignment's).
 */
export class ReleasedPlansOnly1764547200731 implements MigrationInterface {
  name = 'ReleasedPlansOnly1764547200731';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
-- Released (published or closed) plans issued above the scope roots. SECURITY DEFINER: it
-- filters by the scope itself, and skipping the plans policy inside the categories' and tasks'
-- policies keeps their cost at the old one's (measured: +0.3 ms p50 on a city's 93 tasks).
CREATE FUNCTION app_released_ancestor_plans() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id FROM plans
  WHERE status <> 'DRAFT' AND organization_id IN (SELECT app_ancestor_orgs())
$$;

DROP POLICY plans_read ON plans;
CREATE POLICY plans_read ON plans FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         OR (status <> 'DRAFT' AND organization_id IN (SELECT app_ancestor_orgs())));

DROP POLICY plan_categories_read ON plan_categories;
CREATE POLICY plan_categories_read ON plan_categories FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         OR plan_id IN (SELECT app_released_ancestor_plans()));

DROP POLICY plan_tasks_read ON plan_tasks;
CREATE POLICY plan_tasks_read ON plan_tasks FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs())
         OR plan_id IN (SELECT app_released_ancestor_plans()));

ALTER TABLE assignments ADD CONSTRAINT assignments_id_organization_key UNIQUE (id, organization_id);
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
ALTER TABLE assignments DROP CONSTRAINT assignments_id_organization_key;
DROP POLICY plan_tasks_read ON plan_tasks;
CREATE POLICY plan_tasks_read ON plan_tasks FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
DROP POLICY plan_categories_read ON plan_categories;
CREATE POLICY plan_categories_read ON plan_categories FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
DROP POLICY plans_read ON plans;
CREATE POLICY plans_read ON plans FOR SELECT
  USING (organization_id IN (SELECT app_visible_orgs()) OR organization_id IN (SELECT app_ancestor_orgs()));
DROP FUNCTION app_released_ancestor_plans();
`);
  }
}
