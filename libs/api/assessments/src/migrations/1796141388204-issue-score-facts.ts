import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published view `assessment_issue_facts` (owner: api-assessments): one row per problem of a
 * released round, with what a scorecard counts (type, points deducted, deadline, status, late,
 * how often its rectification was returned) and nothing of the bureau's answer. security_invoker:
 * the issues' row-level security applies to the caller.
 */
export class IssueScoreFacts1796141388204 implements MigrationInterface {
  name = 'IssueScoreFacts1796141388204';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE VIEW assessment_issue_facts WITH (security_invoker = true) AS
  SELECT i.id AS issue_id, i.organization_id, i.round_id, r.period_end AS round_period_end,
         i.issue_type, i.description, i.status, i.points_deducted, i.deadline, i.late,
         (SELECT count(*) FROM assessment_issue_events e
           WHERE e.issue_id = i.id AND e.action = 'RETURN')::int AS returned_count
  FROM assessment_issues i
  JOIN assessment_rounds r ON r.id = i.round_id
  WHERE r.status <> 'DRAFT';
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW IF EXISTS assessment_issue_facts');
  }
}
