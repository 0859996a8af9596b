import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published view `category_refs` (owner: plans): one row per plan category, with its plan's year
 * and reporting window. Reporting's precomputed figures (`report_figures`) are kept per category
 * id; the overview reads the category's name and order, and the plan's window for the header's
 * due date, from here. `security_invoker`, so the plans' row-level security applies.
 */
export class CategoryRefs1796130495700 implements MigrationInterface {
  name = 'CategoryRefs1796130495700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE VIEW category_refs WITH (security_invoker = true) AS
  SELECT c.id AS category_id, c.plan_id, c.name, c.sort_order, p.year, p.due_days_after_quarter
  FROM plan_categories c
  LEFT JOIN plans p ON p.id = c.plan_id;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS category_refs;`);
  }
}
