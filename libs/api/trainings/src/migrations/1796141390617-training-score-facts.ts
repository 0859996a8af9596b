import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published views of the trainings feature for the scorecard, aggregated so that no name or phone
 * leaves the feature (security_invoker: the tables' row-level security applies to the caller):
 *
 * - `training_bureau_years`: per bureau and year, over attended rows of held or archived sessions,
 *   the people trained (a name counts once per bureau, whitespace ignored, as in the coverage),
 *   person-hours, and people at province-level sessions (own sessions of a PROVINCE or NATIONAL
 *   organiser);
 * - `training_requirement_levels`: the yearly requirement per level and who set it.
 */
export class TrainingScoreFacts1796141390617 implements MigrationInterface {
  name = 'TrainingScoreFacts1796141390617';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE VIEW training_bureau_years WITH (security_invoker = true) AS
  SELECT a.organization_id, s.year,
         count(DISTINCT regexp_replace(a.trainee_name, '\\s', '', 'g'))::int AS trainees,
         round(sum(a.hours), 1)::float8 AS person_hours,
         count(DISTINCT regexp_replace(a.trainee_name, '\\s', '', 'g')) FILTER (
           WHERE s.organiser_kind = 'OWN' AND s.organiser_level IN ('PROVINCE', 'NATIONAL'))::int
           AS province_attendees
  FROM training_attendances a
  JOIN training_sessions s ON s.id = a.session_id
  WHERE a.attended AND s.status <> 'PLANNED'
  GROUP BY a.organization_id, s.year;

CREATE VIEW training_requirement_levels WITH (security_invoker = true) AS
  SELECT r.organization_id, r.year, r.level, r.min_province_attendees, r.min_hours, r.updated_at
  FROM training_requirements r;
`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW IF EXISTS training_requirement_levels, training_bureau_years');
  }
}
