import type { EntityManager } from 'typeorm';
import { scoreChange } from '@sunshine/shared/domain';
import type { OrgRow } from './scorecard-facts.repository';
import { contentHash, type Run } from './scorecard-runs.service';
import type { PublishedRow, ScorecardsRepository } from './scorecards.repository';

/**
 * Freezes a run (定档): the rubric it used, each bureau's inputs, result and rank, last year's
 * change, and the content hash. The caller checks who may publish and records the audit event.
 */
export function freezeRun(
  repo: ScorecardsRepository,
  m: EntityManager,
  run: Run,
  root: OrgRow,
  previous: ReadonlyMap<string, number>,
  note: string,
  userId: string | null,
): Promise<PublishedRow | null> {
  return repo.insertPublished(
    m,
    {
      organization_id: run.assessorId,
      root_id: root.id,
      year: run.period.year,
      quarter: run.period.key,
      level: run.rubric.level,
      rubric: run.rubric.rubric as unknown as Record<string, unknown>,
      rubric_id: run.rubric.row?.id ?? null,
      rubric_version: run.rubric.row?.version ?? 0,
      as_of: run.asOf,
      content_hash: contentHash(run),
      note,
    },
    run.bureaus.map((b) => ({
      organizationId: b.org.id,
      score: b.result.score,
      grade: b.result.grade,
      vetoed: b.result.vetoed,
      rank: b.rank,
      peers: run.bureaus.length,
      change: scoreChange(b.result.score, previous.get(b.org.id)),
      facts: b.facts,
      result: b.result,
    })),
    userId,
  );
}
