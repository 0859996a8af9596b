import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Views a feature publishes so that other features can read its data without naming its tables
 * (docs/architecture.md, "Data ownership"). Every view is `security_invoker`, so the row-level
 * security of the tables underneath applies to the caller exactly as if it read the tables, and
 * the runtime role may only SELECT from them (see `applyGrants` in database/setup.ts).
 *
 * | view                        | owner          | one row per                                   |
 * | --------------------------- | -------------- | --------------------------------------------- |
 * | org_units                   | organizations  | organisation                                  |
 * | assigned_tasks              | plans          | assignment, with its plan, task and category  |
 * | task_refs                   | plans          | task                                          |
 * | unread_notification_counts  | notifications  | organisation with unread notifications        |
 * | report_quarters             | reporting      | quarterly report (assignment × quarter)       |
 *
 * assigned_tasks joins with LEFT JOINs on primary keys (the foreign keys guarantee the rows) so
 * that PostgreSQL can drop a join whose columns a statement does not use.
 */
export class PublishedViews1764115200000 implements MigrationInterface {
  name = 'PublishedViews1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE VIEW org_units WITH (security_invoker = true) AS
  SELECT o.id, o.code, o.name, o.level, o.parent_id
  FROM organizations o;

CREATE VIEW assigned_tasks WITH (security_invoker = true) AS
  SELECT a.id AS assignment_id, a.organization_id, a.plan_id, a.task_id, a.year, a.active,
         a.change_reason,
         p.status AS plan_status, p.due_days_after_quarter,
         t.number AS task_number, t.title AS task_title, t.description AS task_description,
         t.deadline_text, t.due_date AS task_due_date, t.weight, t.evidence,
         t.target_value, t.target_unit, t.sort_order AS task_sort_order,
         t.adjusted_at, t.adjustment_note,
         t.category_id, c.name AS category_name, c.sort_order AS category_sort_order
  FROM assignments a
  LEFT JOIN plans p ON p.id = a.plan_id
  LEFT JOIN plan_tasks t ON t.id = a.task_id
  LEFT JOIN plan_categories c ON c.id = t.category_id;

CREATE VIEW task_refs WITH (security_invoker = true) AS
  SELECT t.id AS task_id, t.plan_id, t.number, t.title, c.name AS category_name
  FROM plan_tasks t
  LEFT JOIN plan_categories c ON c.id = t.category_id;

CREATE VIEW unread_notification_counts WITH (security_invoker = true) AS
  SELECT n.organization_id, count(*)::int AS unread
  FROM notifications n
  WHERE n.read_at IS NULL
  GROUP BY n.organization_id;

CREATE VIEW report_quarters WITH (security_invoker = true) AS
  SELECT r.id AS report_id, r.assignment_id, r.organization_id, r.plan_id, r.task_id,
         r.year, r.quarter, r.completion_state, r.percent, r.actual_value, r.status,
         r.due_date, r.late, r.submitted_at, r.accepted_at, r.updated_at
  FROM progress_reports r;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
DROP VIEW IF EXISTS report_quarters, unread_notification_counts, task_refs, assigned_tasks, org_units;
`);
  }
}
