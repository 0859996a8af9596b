import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trend of a round's open problems (`trendEvents`) reads the round's status changes by
 * `round_id`, which had no index: every year's events were read and filtered (with ten years of
 * rounds, 12,437 rows read for the 178 of this year's round). Keyed by round, then organisation
 * (a city's trend reads its own bureaus' events of the round).
 */
export class IssueEventRoundIndex1796163725142 implements MigrationInterface {
  name = 'IssueEventRoundIndex1796163725142';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX assessment_issue_events_round_idx ON assessment_issue_events(round_id, organization_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS assessment_issue_events_round_idx');
  }
}
