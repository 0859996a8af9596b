import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Precomputed figures for the completion overview (docs/benchmarks.md, issue 9): one row per
 * bureau, year, quarter, plan and category with the six counts the overview shows (assigned,
 * due, completed, accepted, reported, on time), exactly as the overview computed them from the
 * raw rows: the active assignments of the year, their task's due date against the quarter's last
 * day, the completion rollup's quarter key, and the quarter's report (status, late).
 *
 * Kept exact in the writing transaction by statement-level triggers (transition tables, so a bulk
 * insert recomputes once per statement): a change that can move a figure names the
 * (organisation, year) groups it touches, and `report_figures_refresh` recomputes those groups
 * from the raw rows (about 40 assignments × 4 quarters each). Changes that cannot move a figure
 * (a draft saved as a draft, a narrative edited) recompute nothing. The triggers sit on reporting's
 * tables and on the plans tables the figures depend on (`assignments`, `plan_tasks`' due date and
 * category); they are reporting's and only write `report_figures`.
 *
 * Concurrency: a group is recomputed under a transaction-scoped advisory lock on the group (a
 * statement touching more than 32 groups takes one exclusive lock over all of them instead, so a
 * publication does not fill the lock table), taken after the triggering write; in READ COMMITTED
 * each statement of the function reads a fresh snapshot, so the last transaction to recompute a
 * group sees every committed change before it, and its own.
 *
 * Tenant table: RLS enabled and forced; the runtime role only reads it (setup.ts).
 */
export class ReportFigures1796130495755 implements MigrationInterface {
  name = 'ReportFigures1796130495755';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE report_figures (
  organization_id uuid NOT NULL REFERENCES organizations(id),
  year integer NOT NULL,
  quarter smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  plan_id uuid NOT NULL,
  category_id uuid NOT NULL,
  assigned integer NOT NULL,
  due integer NOT NULL,
  completed integer NOT NULL,
  accepted integer NOT NULL,
  reported integer NOT NULL,
  on_time integer NOT NULL,
  PRIMARY KEY (organization_id, year, quarter, plan_id, category_id)
);
-- A national root's overview reads one period of every bureau: an index-only scan, kept
-- visible by a vacuum after 2 % of the rows changed (every figure write rewrites a bureau's rows).
CREATE INDEX report_figures_period_idx ON report_figures(year, quarter)
  INCLUDE (organization_id, category_id, assigned, due, completed, accepted, reported, on_time);
ALTER TABLE report_figures SET (autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);

ALTER TABLE report_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_figures FORCE ROW LEVEL SECURITY;
CREATE POLICY report_figures_owner ON report_figures TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY report_figures_tenant ON report_figures
  USING (organization_id IN (SELECT app_visible_orgs()));

-- The figures of the given (organisation, year) groups, recomputed from the raw rows.
CREATE FUNCTION report_figures_refresh(p_orgs uuid[], p_years integer[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k record;
  n integer;
BEGIN
  SELECT count(*) INTO n FROM (SELECT DISTINCT o, y FROM unnest(p_orgs, p_years) AS x(o, y)) d;
  IF n = 0 THEN RETURN; END IF;
  IF n > 32 THEN
    PERFORM pg_advisory_xact_lock(1919251, 0);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(1919251, 0);
    FOR k IN SELECT DISTINCT hashtext(o::text || ':' || y) AS h FROM unnest(p_orgs, p_years) AS x(o, y) ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(1919252, k.h);
    END LOOP;
  END IF;
  DELETE FROM report_figures f
  USING (SELECT DISTINCT o, y FROM unnest(p_orgs, p_years) AS x(o, y)) g
  WHERE f.organization_id = g.o AND f.year = g.y;
  INSERT INTO report_figures(organization_id, year, quarter, plan_id, category_id,
                             assigned, due, completed, accepted, reported, on_time)
  SELECT a.organization_id, a.year, q.q, a.plan_id, t.category_id,
         count(*),
         count(*) FILTER (WHERE t.due_date <= q.q_end),
         count(*) FILTER (WHERE t.due_date <= q.q_end AND ac.completed_key <= a.year * 10 + q.q),
         count(r.id) FILTER (WHERE r.status = 'ACCEPTED'),
         count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED')),
         count(r.id) FILTER (WHERE r.status IN ('SUBMITTED', 'APPROVED', 'ACCEPTED') AND NOT r.late)
  FROM (SELECT DISTINCT o, y FROM unnest(p_orgs, p_years) AS x(o, y)) g
  JOIN assignments a ON a.organization_id = g.o AND a.year = g.y AND a.active
  JOIN plan_tasks t ON t.id = a.task_id
  CROSS JOIN LATERAL (
    SELECT s.q, (make_date(a.year, s.q * 3, 1) + interval '1 month' - interval '1 day')::date AS q_end
    FROM generate_series(1, 4) AS s(q)) q
  LEFT JOIN assignment_completion ac ON ac.assignment_id = a.id
  LEFT JOIN progress_reports r ON r.assignment_id = a.id AND r.year = a.year AND r.quarter = q.q
  GROUP BY a.organization_id, a.year, q.q, a.plan_id, t.category_id;
END $$;

-- Reports: only a non-draft status counts, so drafts saved as drafts recompute nothing.
CREATE FUNCTION report_figures_on_reports() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_figures_refresh(array_agg(organization_id), array_agg(year))
    FROM new_rows WHERE status <> 'DRAFT';
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_figures_refresh(array_agg(organization_id), array_agg(year))
    FROM old_rows WHERE status <> 'DRAFT';
  ELSE
    PERFORM report_figures_refresh(array_agg(k.o), array_agg(k.y))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.organization_id, o.year), (n.organization_id, n.year)) AS k(o, y)
    WHERE (o.status <> 'DRAFT' OR n.status <> 'DRAFT')
      AND (o.status, o.late, o.year, o.quarter, o.assignment_id, o.organization_id)
          IS DISTINCT FROM (n.status, n.late, n.year, n.quarter, n.assignment_id, n.organization_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_figures_reports_ins AFTER INSERT ON progress_reports
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_reports();
CREATE TRIGGER report_figures_reports_upd AFTER UPDATE ON progress_reports
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_reports();
CREATE TRIGGER report_figures_reports_del AFTER DELETE ON progress_reports
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_reports();

-- The completion rollup (a quarter key per assignment).
CREATE FUNCTION report_figures_on_completion() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_figures_refresh(array_agg(a.organization_id), array_agg(a.year))
    FROM new_rows c JOIN assignments a ON a.id = c.assignment_id;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_figures_refresh(array_agg(a.organization_id), array_agg(a.year))
    FROM old_rows c JOIN assignments a ON a.id = c.assignment_id;
  ELSE
    PERFORM report_figures_refresh(array_agg(a.organization_id), array_agg(a.year))
    FROM old_rows o JOIN new_rows n ON n.assignment_id = o.assignment_id
    JOIN assignments a ON a.id = n.assignment_id
    WHERE o.completed_key IS DISTINCT FROM n.completed_key;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_figures_completion_ins AFTER INSERT ON assignment_completion
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_completion();
CREATE TRIGGER report_figures_completion_upd AFTER UPDATE ON assignment_completion
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_completion();
CREATE TRIGGER report_figures_completion_del AFTER DELETE ON assignment_completion
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_completion();

-- Assignments (plans): created, deactivated, re-activated, deleted with their plan or task.
CREATE FUNCTION report_figures_on_assignments() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM report_figures_refresh(array_agg(organization_id), array_agg(year))
    FROM new_rows WHERE active;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM report_figures_refresh(array_agg(organization_id), array_agg(year))
    FROM old_rows WHERE active;
  ELSE
    PERFORM report_figures_refresh(array_agg(k.o), array_agg(k.y))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.organization_id, o.year), (n.organization_id, n.year)) AS k(o, y)
    WHERE (o.active OR n.active)
      AND (o.active, o.task_id, o.plan_id, o.organization_id, o.year)
          IS DISTINCT FROM (n.active, n.task_id, n.plan_id, n.organization_id, n.year);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_figures_assignments_ins AFTER INSERT ON assignments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_assignments();
CREATE TRIGGER report_figures_assignments_upd AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_assignments();
CREATE TRIGGER report_figures_assignments_del AFTER DELETE ON assignments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_assignments();

-- Tasks (plans): an adjusted due date or a task moved to another category.
CREATE FUNCTION report_figures_on_tasks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM report_figures_refresh(array_agg(a.organization_id), array_agg(a.year))
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  JOIN assignments a ON a.task_id = n.id AND a.active
  WHERE (o.due_date, o.category_id) IS DISTINCT FROM (n.due_date, n.category_id);
  RETURN NULL;
END $$;
CREATE TRIGGER report_figures_tasks_upd AFTER UPDATE ON plan_tasks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_figures_on_tasks();

-- The figures of the data already there.
SELECT report_figures_refresh(array_agg(organization_id), array_agg(year))
FROM (SELECT DISTINCT organization_id, year FROM assignments WHERE active) k;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP TRIGGER IF EXISTS report_figures_tasks_upd ON plan_tasks;
DROP TRIGGER IF EXISTS report_figures_assignments_ins ON assignments;
DROP TRIGGER IF EXISTS report_figures_assignments_upd ON assignments;
DROP TRIGGER IF EXISTS report_figures_assignments_del ON assignments;
DROP TRIGGER IF EXISTS report_figures_completion_ins ON assignment_completion;
DROP TRIGGER IF EXISTS report_figures_completion_upd ON assignment_completion;
DROP TRIGGER IF EXISTS report_figures_completion_del ON assignment_completion;
DROP TRIGGER IF EXISTS report_figures_reports_ins ON progress_reports;
DROP TRIGGER IF EXISTS report_figures_reports_upd ON progress_reports;
DROP TRIGGER IF EXISTS report_figures_reports_del ON progress_reports;
DROP FUNCTION IF EXISTS report_figures_on_tasks(), report_figures_on_assignments(),
  report_figures_on_completion(), report_figures_on_reports(), report_figures_refresh(uuid[], integer[]);
DROP TABLE IF EXISTS report_figures;
`);
  }
}
