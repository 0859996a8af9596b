import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a quarterly report is, for the audit log (issue 8): its task, quarter and bureau, so an
 * event reads "季度进展：3.2 … · 2025年第一季度" instead of a uuid. The reporting feature's published
 * read interface for the audit administrator, who sees no business data (三员分立): SECURITY
 * DEFINER, it answers only these references — no narrative, figures or evidence — and only to a
 * transaction with the auditor flag, within the scope's subtree. `app.user_id` is cleared for the
 * function's run only, so the duty-account policies do not hide the rows the checks here limit.
 * Task names come from plans' `audit_plan_names()`.
 */
export class AuditReportNames1796130574071 implements MigrationInterface {
  name = 'AuditReportNames1796130574071';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE FUNCTION audit_report_names(p_ids uuid[])
RETURNS TABLE (id uuid, task_id uuid, year integer, quarter integer, organization_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public SET app.user_id = '' AS $$
  SELECT r.id, r.task_id, r.year, r.quarter::integer, r.organization_id
  FROM progress_reports r
  WHERE app_is_auditor() AND r.id = ANY (p_ids)
    AND r.organization_id IN (SELECT app_visible_orgs())
$$;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION IF EXISTS audit_report_names(uuid[])');
  }
}
