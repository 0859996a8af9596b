import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Precomputed figures for the completion overview (docs/benchmarks.md, issue 9): one row per
 * bureau, year, quarter, plan and category with the six counts the overview shows (assigned,
 * due, completed, accepted, reported, on time), exactly as the overview computed them from the
 * raw rows: the active assignments of the year, their task's due date against the quarter's last
 * day, the completion rollup's quarter key, and the quarter's report (status, late).
 *
 * Kept exact in the writing transaction by triggers. Reports and the completion rollup, the hot
 * path (row triggers), add their difference to their group's rows (`report_figures_bump`); changes that cannot move a
 * figure (a draft saved as a draft, a narrative edited, an approval) touch nothing. Any other
 * change that can move a figure names the (organisation, year) groups it touches (statement
 * triggers with transition tables, so a bulk write is handled once per statement), and
 * `report_figures_refresh` recomputes those groups from the raw rows (about 40 assignments × 4
 * quarters each). The triggers sit on reporting's tables and on the plans tables the figures
 * depend on (`assignments`, `plan_tasks`' due date and category); they are reporting's and only
 * write `report_figures`.
 *
 * Concurrency: both paths take a transaction-scoped advisory lock on the group after the
 * triggering write (a statement touching more than 32 groups takes one exclusive lock over all of
 * them instead, so a publication does not fill the lock table). In READ COMMITTED each statement
 * of the functions reads a fresh snapshot, so a recomputation sees every change committed before
 * it, and its own; a difference is added to what the last committer left, and a recomputation
 * waiting for the lock sees the added report once it is committed.
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
  -- Covering: a subtree's overview reads its bureaus' rows from the index alone.
  PRIMARY KEY (organization_id, year, quarter, plan_id, category_id)
    INCLUDE (assigned, due, completed, accepted, reported, on_time)
);
-- A national root's overview reads one period of every bureau: an index-only scan too, kept
-- visible by a vacuum after 2 % of the rows changed.
CREATE INDEX report_figures_period_idx ON report_figures(year, quarter)
  INCLUDE (organization_id, category_id, assigned, due, completed, accepted, reported, on_time);
ALTER TABLE report_figures SET (autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);

ALTER TABLE report_figures ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_figures FORCE ROW LEVEL SECURITY;
CREATE POLICY report_figures_owner ON report_figures TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY report_figures_tenant ON report_figures
  USING (organization_id IN (SELECT app_visible_orgs()));

-- The lock of the given (organisation, year) groups, to the end of the transaction: taken after
-- the write that moves their figures and before the figures are read or changed.
CREATE FUNCTION report_figures_lock(p_orgs uuid[], p_years integer[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  k record;
  n integer;
BEGIN
  SELECT count(*) INTO n FROM (SELECT DISTINCT o, y FROM unnest(p_orgs, p_years) AS x(o, y)) d;
  IF n = 0 THEN RETURN 0; END IF;
  IF n > 32 THEN
    PERFORM pg_advisory_xact_lock(1919251, 0);
  ELSE
    PERFORM pg_advisory_xact_lock_shared(1919251, 0);
    FOR k IN SELECT DISTINCT hashtext(o::text || ':' || y) AS h FROM unnest(p_orgs, p_years) AS x(o, y) ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(1919252, k.h);
    END LOOP;
  END IF;
  RETURN n;
END $$;

-- The figures of the given (organisation, year) groups, recomputed from the raw rows. Planned for
-- the groups at hand each time (a generic plan would hash every assignment of the database).
CREATE FUNCTION report_figures_refresh(p_orgs uuid[], p_years integer[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET plan_cache_mode = force_custom_plan AS $$
BEGIN
  IF report_figures_lock(p_orgs, p_years) = 0 THEN RETURN; END IF;
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

-- Reports, the hot path (one row per write): a report's change adds its difference to its
-- group's row (accepted, reported, on time), under the same group lock. Only a non-draft status
-- counts, so drafts saved as drafts and changes that keep the three flags (an approval, a
-- narrative) touch nothing. The assignment (active, plan, category) is read under the lock; a
-- report of an inactive or deleted assignment adds nothing (the assignment's own trigger
-- recomputes its group).
CREATE FUNCTION report_figures_bump(p_org uuid, p_year integer, p_quarter integer,
  p_assignment uuid, p_accepted integer, p_reported integer, p_on_time integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1919251, 0);
  PERFORM pg_advisory_xact_lock(1919252, hashtext(p_org::text || ':' || p_year));
  INSERT INTO report_figures AS f (organization_id, year, quarter, plan_id, category_id,
                                   assigned, due, completed, accepted, reported, on_time)
  SELECT p_org, p_year, p_quarter, a.plan_id, t.category_id, 0, 0, 0, p_accepted, p_reported, p_on_time
  FROM assignments a JOIN plan_tasks t ON t.id = a.task_id
  WHERE a.id = p_assignment AND a.active AND a.year = p_year AND a.organization_id = p_org
  ON CONFLICT (organization_id, year, quarter, plan_id, category_id) DO UPDATE
    SET accepted = f.accepted + EXCLUDED.accepted, reported = f.reported + EXCLUDED.reported,
        on_time = f.on_time + EXCLUDED.on_time;
END $$;

CREATE FUNCTION report_figures_on_report() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  o_acc integer := 0; o_rep integer := 0; o_ont integer := 0;
  n_acc integer := 0; n_rep integer := 0; n_ont integer := 0;
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status <> 'DRAFT' THEN
    o_rep := 1; o_acc := (OLD.status = 'ACCEPTED')::int; o_ont := (NOT OLD.late)::int;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status <> 'DRAFT' THEN
    n_rep := 1; n_acc := (NEW.status = 'ACCEPTED')::int; n_ont := (NOT NEW.late)::int;
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.organization_id, OLD.year, OLD.quarter, OLD.assignment_id)
                          = (NEW.organization_id, NEW.year, NEW.quarter, NEW.assignment_id) THEN
    IF (n_acc, n_rep, n_ont) <> (o_acc, o_rep, o_ont) THEN
      PERFORM report_figures_bump(NEW.organization_id, NEW.year, NEW.quarter, NEW.assignment_id,
        n_acc - o_acc, n_rep - o_rep, n_ont - o_ont);
    END IF;
    RETURN NULL;
  END IF;
  IF o_rep = 1 THEN
    PERFORM report_figures_bump(OLD.organization_id, OLD.year, OLD.quarter, OLD.assignment_id,
      -o_acc, -1, -o_ont);
  END IF;
  IF n_rep = 1 THEN
    PERFORM report_figures_bump(NEW.organization_id, NEW.year, NEW.quarter, NEW.assignment_id,
      n_acc, 1, n_ont);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_figures_reports AFTER INSERT OR UPDATE OR DELETE ON progress_reports
  FOR EACH ROW EXECUTE FUNCTION report_figures_on_report();

-- The completion rollup (a quarter key per assignment, set when a report is accepted): the
-- difference in completed for each quarter of the assignment's year, as for reports.
CREATE FUNCTION report_figures_on_completion() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_assignment uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.assignment_id ELSE NEW.assignment_id END;
  v_old integer := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.completed_key END;
  v_new integer := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.completed_key END;
  a record;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.assignment_id <> NEW.assignment_id THEN
    RAISE EXCEPTION 'assignment_completion.assignment_id cannot change';
  END IF;
  IF v_old IS NOT DISTINCT FROM v_new THEN RETURN NULL; END IF;
  SELECT x.organization_id, x.year INTO a FROM assignments x WHERE x.id = v_assignment;
  IF NOT FOUND THEN RETURN NULL; END IF;
  PERFORM pg_advisory_xact_lock_shared(1919251, 0);
  PERFORM pg_advisory_xact_lock(1919252, hashtext(a.organization_id::text || ':' || a.year));
  INSERT INTO report_figures AS f (organization_id, year, quarter, plan_id, category_id,
                                   assigned, due, completed, accepted, reported, on_time)
  SELECT x.organization_id, x.year, q.q, x.plan_id, t.category_id, 0, 0,
         (t.due_date <= q.q_end AND coalesce(v_new <= x.year * 10 + q.q, false))::int
         - (t.due_date <= q.q_end AND coalesce(v_old <= x.year * 10 + q.q, false))::int, 0, 0, 0
  FROM assignments x
  JOIN plan_tasks t ON t.id = x.task_id
  CROSS JOIN LATERAL (
    SELECT s.q, (make_date(x.year, s.q * 3, 1) + interval '1 month' - interval '1 day')::date AS q_end
    FROM generate_series(1, 4) AS s(q)) q
  WHERE x.id = v_assignment AND x.active
    AND (t.due_date <= q.q_end AND coalesce(v_new <= x.year * 10 + q.q, false))
        <> (t.due_date <= q.q_end AND coalesce(v_old <= x.year * 10 + q.q, false))
  ORDER BY q.q
  ON CONFLICT (organization_id, year, quarter, plan_id, category_id) DO UPDATE
    SET completed = f.completed + EXCLUDED.completed;
  RETURN NULL;
END $$;
CREATE TRIGGER report_figures_completion AFTER INSERT OR UPDATE OR DELETE ON assignment_completion
  FOR EACH ROW EXECUTE FUNCTION report_figures_on_completion();

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
DROP TRIGGER IF EXISTS report_figures_completion ON assignment_completion;
DROP TRIGGER IF EXISTS report_figures_reports ON progress_reports;
DROP FUNCTION IF EXISTS report_figures_on_tasks(), report_figures_on_assignments(),
  report_figures_on_completion(), report_figures_on_report(),
  report_figures_bump(uuid, integer, integer, uuid, integer, integer, integer),
  report_figures_refresh(uuid[], integer[]), report_figures_lock(uuid[], integer[]);
DROP TABLE IF EXISTS report_figures;
`);
  }
}
