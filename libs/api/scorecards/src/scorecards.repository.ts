import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { SCORE_GRADES } from '@sunshine/shared/domain';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const RubricRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  year: col.int,
  level: col.oneOf(['CITY', 'COUNTY'] as const),
  version: col.int,
  content: col.json('rubric', isObject),
  note: col.text,
  created_at: col.date,
});
export type RubricRow = RowOf<typeof RubricRow>;

export const AdjustmentRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  assessor_id: col.uuid,
  year: col.int,
  quarter: col.quarter,
  kind: col.oneOf(['BONUS', 'DEDUCTION', 'VETO'] as const),
  points: col.number,
  reason: col.text,
  attachment: col.text.nullable,
  created_at: col.date,
});
export type AdjustmentRow = RowOf<typeof AdjustmentRow>;
const ADJUSTMENT_COLUMNS = `id, organization_id, assessor_id, year, quarter, kind, points, reason, attachment, created_at`;

export const PublishedRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  root_id: col.uuid,
  year: col.int,
  quarter: col.int,
  level: col.text,
  revision: col.int,
  rubric: col.json('rubric', isObject),
  rubric_id: col.uuid.nullable,
  rubric_version: col.int,
  as_of: col.day,
  content_hash: col.text,
  note: col.text,
  published_at: col.date,
});
export type PublishedRow = RowOf<typeof PublishedRow>;
const PUBLISHED_COLUMNS = `id, organization_id, root_id, year, quarter, level, revision, rubric, rubric_id,
  rubric_version, as_of, content_hash, note, published_at`;

export const ResultRow = rowShape({
  scorecard_id: col.uuid,
  organization_id: col.uuid,
  score: col.number,
  grade: col.oneOf(SCORE_GRADES),
  vetoed: col.bool,
  rank: col.int,
  peers: col.int,
  change: col.number.nullable,
  facts: col.json('facts', isObject),
  result: col.json('result', isObject),
});
export type ResultRow = RowOf<typeof ResultRow>;

export interface NewResult {
  organizationId: string;
  score: number;
  grade: string;
  vetoed: boolean;
  rank: number;
  peers: number;
  change: number | null;
  facts: unknown;
  result: unknown;
}

/** The scorecards feature's own tables: rubrics, adjustments, published scorecards. */
@Injectable()
export class ScorecardsRepository {
  /** Every version for the year and level set by any of the organisations, newest first. */
  rubrics(
    m: EntityManager,
    orgIds: readonly string[],
    year: number,
    level: string,
  ): Promise<RubricRow[]> {
    return select(
      m,
      RubricRow,
      `SELECT id, organization_id, year, level, version, content, note, created_at FROM score_rubrics
       WHERE organization_id = ANY($1) AND year = $2 AND level = $3 ORDER BY version DESC`,
      [[...orgIds], year, level],
    );
  }

  /** A new version (the next number for the owner, year and level). */
  insertRubric(
    m: EntityManager,
    r: { organizationId: string; year: number; level: string; content: unknown; note: string },
    userId: string,
  ): Promise<RubricRow | null> {
    return selectOne(
      m,
      RubricRow,
      `INSERT INTO score_rubrics(organization_id, year, level, version, content, note, created_by)
       SELECT $1::uuid, $2::int, $3::varchar, coalesce(max(version), 0) + 1, $4::jsonb, $5, $6::uuid
       FROM score_rubrics WHERE organization_id = $1::uuid AND year = $2::int AND level = $3::varchar
       RETURNING id, organization_id, year, level, version, content, note, created_at`,
      [r.organizationId, r.year, r.level, JSON.stringify(r.content), r.note, userId],
    );
  }

  adjustments(
    m: EntityManager,
    assessorId: string,
    orgIds: readonly string[],
    year: number,
    uptoQuarter: number,
  ): Promise<AdjustmentRow[]> {
    return select(
      m,
      AdjustmentRow,
      `SELECT ${ADJUSTMENT_COLUMNS} FROM score_adjustments
       WHERE assessor_id = $1 AND organization_id = ANY($2) AND year = $3 AND quarter <= $4
       ORDER BY created_at, id`,
      [assessorId, [...orgIds], year, uptoQuarter],
    );
  }

  insertAdjustment(
    m: EntityManager,
    a: Omit<AdjustmentRow, 'id' | 'created_at'>,
    userId: string,
  ): Promise<AdjustmentRow | null> {
    return selectOne(
      m,
      AdjustmentRow,
      `INSERT INTO score_adjustments(organization_id, assessor_id, year, quarter, kind, points, reason,
         attachment, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING ${ADJUSTMENT_COLUMNS}`,
      [
        a.organization_id,
        a.assessor_id,
        a.year,
        a.quarter,
        a.kind,
        a.points,
        a.reason,
        a.attachment,
        userId,
      ],
    );
  }

  /** The latest revision of an assessor's published run over `rootId` for the period. */
  latestPublished(
    m: EntityManager,
    assessorId: string,
    rootId: string,
    year: number,
    quarter: number,
  ): Promise<PublishedRow | null> {
    return selectOne(
      m,
      PublishedRow,
      `SELECT ${PUBLISHED_COLUMNS} FROM published_scorecards
       WHERE organization_id = $1 AND root_id = $2 AND year = $3 AND quarter = $4
       ORDER BY revision DESC LIMIT 1`,
      [assessorId, rootId, year, quarter],
    );
  }

  results(m: EntityManager, scorecardId: string): Promise<ResultRow[]> {
    return select(
      m,
      ResultRow,
      `SELECT scorecard_id, organization_id, score, grade, vetoed, rank, peers, change, facts, result
       FROM published_scorecard_results WHERE scorecard_id = $1 ORDER BY rank, organization_id`,
      [scorecardId],
    );
  }

  /** A bureau's result in the latest run its overseer published for the period. */
  ownPublished(
    m: EntityManager,
    organizationId: string,
    publisherId: string,
    year: number,
    quarter: number,
  ): Promise<(ResultRow & { revision: number }) | null> {
    return selectOne(
      m,
      rowShape({ ...ResultRow.columns, revision: col.int }),
      `SELECT r.scorecard_id, r.organization_id, r.score, r.grade, r.vetoed, r.rank, r.peers, r.change,
              r.facts, r.result, s.revision
       FROM published_scorecard_results r JOIN published_scorecards s ON s.id = r.scorecard_id
       WHERE r.organization_id = $1 AND r.publisher_id = $2 AND s.year = $3 AND s.quarter = $4
       ORDER BY s.revision DESC LIMIT 1`,
      [organizationId, publisherId, year, quarter],
    );
  }

  async insertPublished(
    m: EntityManager,
    p: Omit<PublishedRow, 'id' | 'published_at' | 'revision'>,
    results: readonly NewResult[],
    userId: string | null,
  ): Promise<PublishedRow | null> {
    const row = await selectOne(
      m,
      PublishedRow,
      `INSERT INTO published_scorecards(organization_id, root_id, year, quarter, level, revision, rubric,
         rubric_id, rubric_version, as_of, content_hash, note, published_by)
       SELECT $1::uuid, $2::uuid, $3::int, $4::int, $5::varchar, coalesce(max(revision), 0) + 1, $6::jsonb,
              $7::uuid, $8::int, $9::date, $10::char(64), $11::text, $12::uuid
       FROM published_scorecards
       WHERE organization_id = $1::uuid AND root_id = $2::uuid AND year = $3::int AND quarter = $4::int
       RETURNING ${PUBLISHED_COLUMNS}`,
      [
        p.organization_id,
        p.root_id,
        p.year,
        p.quarter,
        p.level,
        JSON.stringify(p.rubric),
        p.rubric_id,
        p.rubric_version,
        p.as_of,
        p.content_hash,
        p.note,
        userId,
      ],
    );
    if (!row || results.length === 0) return row;
    await select(
      m,
      rowShape({ organization_id: col.uuid }),
      `INSERT INTO published_scorecard_results(scorecard_id, publisher_id, organization_id, score, grade,
         vetoed, rank, peers, change, facts, result)
       SELECT $1, $2, x.organization_id, x.score, x.grade, x.vetoed, x.rank, x.peers, x.change, x.facts,
              x.result
       FROM jsonb_to_recordset($3::jsonb) AS x(organization_id uuid, score numeric, grade text,
         vetoed boolean, rank int, peers int, change numeric, facts jsonb, result jsonb)
       RETURNING organization_id`,
      [
        row.id,
        row.organization_id,
        JSON.stringify(
          results.map((r) => ({
            organization_id: r.organizationId,
            score: r.score,
            grade: r.grade,
            vetoed: r.vetoed,
            rank: r.rank,
            peers: r.peers,
            change: r.change,
            facts: r.facts,
            result: r.result,
          })),
        ),
      ],
    );
    return row;
  }
}
