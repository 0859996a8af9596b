import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names of plans, tasks and assignments for the audit log (issue 8). The audit administrator sees
 * no business data (三员分立: restrictive policies refuse duty accounts every business row), yet an
 * audit event must say what it was about: "3.2 主动公开审计结果公告", not a uuid. This function is
 * the plans feature's published read interface for that: SECURITY DEFINER, it answers only
 * numbers, titles and owning organisations — no description, deadline or other content — and
 * only to a transaction with the auditor flag, within the scope's subtree (or for released plans
 * issued above it, as the read policies allow). `app.user_id` is cleared for the function's run
 * only, so the duty-account policies (which read the request user's roles) do not hide the rows
 * the checks here have already limited.
 */
export class AuditPlanNames1796130574058 implements MigrationInterface {
  name = 'AuditPlanNames1796130574058';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION audit_plan_names(p_ids uuid[])
RETURNS TABLE (id uuid, kind text, plan_id uuid, number text, title text, organization_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.user_id = '' AS $$
  SELECT p.id, 'Plan', p.id, NULL::text, p.title::text, p.organization_id
  FROM plans p
  WHERE app_is_auditor() AND p.id = ANY (p_ids)
    AND p.organization_id IN (SELECT app_visible_orgs())
  UNION ALL
  SELECT t.id, 'PlanTask', t.plan_id, t.number::text, t.title::text, t.organization_id
  FROM plan_tasks t
  WHERE app_is_auditor() AND t.id = ANY (p_ids)
    AND (t.organization_id IN (SELECT app_visible_orgs())
         OR t.plan_id IN (SELECT app_released_ancestor_plans()))
  UNION ALL
  SELECT a.id, 'Assignment', a.plan_id, t.number::text, t.title::text, a.organization_id
  FROM assignments a JOIN plan_tasks t ON t.id = a.task_id
  WHERE app_is_auditor() AND a.id = ANY (p_ids)
    AND a.organization_id IN (SELECT app_visible_orgs())
$$;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS audit_plan_names(uuid[])');
  }
}
