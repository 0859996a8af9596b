import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { errorCode, signedIn, type ApiClient, type GraphQLResult } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import { QueryCounter } from '@sunshine/api/core';
import {
  canonicalJson,
  computeScore,
  parseRubric,
  scorecardContent,
  type ScoreFacts,
  type ScoreResult,
} from '@sunshine/shared/domain';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

// The test clock is 2025-05-20: 2024 is a complete year of demo data, 2025 has its first quarter.
let api: StartedApi;
let owner: Client;
const MARK = '【考评测试】';

interface Row {
  organization: { id: string; code: string; name: string };
  score: number;
  grade: string;
  rank: number | null;
  vetoed: boolean;
  change: number | null;
  reasons: string[];
}
interface Card {
  rows: Row[];
  average: number | null;
  vetoedCount: number;
  rubricVersion: number;
  publication: { revision: number; contentHash: string } | null;
  gradeDistribution: Array<{ grade: string; count: number }>;
}
interface Breakdown {
  score: number;
  grade: string;
  vetoed: boolean;
  rank: number | null;
  peers: number | null;
  items: Array<{
    component: string;
    label: string;
    points: number;
    source: { type: string; id: string };
  }>;
}

const CARD = `rows { organization { id code name } score grade rank vetoed change reasons }
  average vetoedCount rubricVersion publication { revision contentHash } gradeDistribution { grade count }`;
const BREAKDOWN = `score grade vetoed rank peers items { component label points source { type id } }`;

const reason = (r: GraphQLResult): unknown =>
  (r.errors?.[0]?.extensions as { reason?: string } | undefined)?.reason;

async function card(
  c: ApiClient,
  year: number,
  quarter: number | null,
  organizationId?: string,
): Promise<GraphQLResult<{ scorecard: Card }>> {
  return c.request<{ scorecard: Card }>(
    `query($y: Int!, $q: Int, $o: ID) { scorecard(year: $y, quarter: $q, organizationId: $o) { ${CARD} } }`,
    { y: year, q: quarter, o: organizationId ?? null },
  );
}

async function breakdown(
  c: ApiClient,
  year: number,
  quarter: number | null,
  organizationId: string,
): Promise<GraphQLResult<{ scoreBreakdown: Breakdown }>> {
  return c.request<{ scoreBreakdown: Breakdown }>(
    `query($y: Int!, $q: Int, $o: ID!) { scoreBreakdown(year: $y, quarter: $q, organizationId: $o) { ${BREAKDOWN} } }`,
    { y: year, q: quarter, o: organizationId },
  );
}

/**
 * The default city rubric computed in SQL straight from the owners' tables, independently of
 * the engine: tasks 45 (weighted, partial credit by the last accepted report's percent),
 * timeliness 15 (on-time reports of the four quarters), assessment 20 − deductions (restored
 * when withdrawn, at most 20) + 5 × on-time share + 5 − returns (at least 0), training 6 when
 * the requirement is met + 4 × min(1, hours per person / 8), adjustments (bonus capped at 3).
 */
async function independentCityScores(
  year: number,
  dueQuarters: number,
  asOf: string,
  assessorId: string,
): Promise<Map<string, number>> {
  const { rows } = await owner.query<{ id: string; score: string }>(
    `WITH bureaus AS (SELECT id, level FROM organizations WHERE parent_id = $2),
     asg AS (
       SELECT a.id, a.organization_id, t.weight FROM assignments a
       JOIN plans p ON p.id = a.plan_id JOIN plan_tasks t ON t.id = a.task_id
       WHERE a.year = $1 AND a.active AND p.status IN ('PUBLISHED','CLOSED')
         AND a.organization_id IN (SELECT id FROM bureaus)),
     last_acc AS (
       SELECT DISTINCT ON (r.assignment_id) r.assignment_id, r.completion_state, r.percent
       FROM progress_reports r WHERE r.year = $1 AND r.status = 'ACCEPTED'
       ORDER BY r.assignment_id, r.quarter DESC),
     tasks AS (
       SELECT g.organization_id,
         round(45 * sum(CASE WHEN w.all_zero THEN 1 ELSE g.weight END *
           CASE WHEN l.completion_state = 'COMPLETED' THEN 1 ELSE coalesce(l.percent, 0) / 100.0 END)
           / sum(CASE WHEN w.all_zero THEN 1 ELSE g.weight END), 2) AS pts
       FROM asg g LEFT JOIN last_acc l ON l.assignment_id = g.id
       JOIN (SELECT organization_id, bool_and(weight = 0) AS all_zero FROM asg GROUP BY 1) w
         ON w.organization_id = g.organization_id
       GROUP BY g.organization_id),
     timely AS (
       SELECT g.organization_id,
         round(15.0 * (SELECT count(*) FROM progress_reports r WHERE r.assignment_id = ANY(array_agg(g.id))
             AND r.year = $1 AND r.quarter <= $4 AND r.status IN ('SUBMITTED','APPROVED','ACCEPTED') AND NOT r.late)
           / ($4 * count(*)), 2) AS pts
       FROM asg g GROUP BY g.organization_id),
     iss AS (
       SELECT i.*, (SELECT count(*) FROM assessment_issue_events e WHERE e.issue_id = i.id AND e.action = 'RETURN') AS returns
       FROM assessment_issues i JOIN assessment_rounds r ON r.id = i.round_id
       WHERE r.status <> 'DRAFT' AND r.period_end BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
         AND i.organization_id IN (SELECT id FROM bureaus)),
     assess AS (
       SELECT b.id AS organization_id,
         20 - least(20, coalesce((SELECT sum(points_deducted) FROM iss WHERE iss.organization_id = b.id AND status <> 'WITHDRAWN'), 0))
         + CASE WHEN (SELECT count(*) FROM iss WHERE iss.organization_id = b.id AND status <> 'WITHDRAWN' AND deadline <= $5::date) = 0 THEN 5
             ELSE round(5.0 * (SELECT count(*) FROM iss WHERE iss.organization_id = b.id AND status = 'VERIFIED' AND NOT late AND deadline <= $5::date)
               / (SELECT count(*) FROM iss WHERE iss.organization_id = b.id AND status <> 'WITHDRAWN' AND deadline <= $5::date), 2) END
         + greatest(0, 5 - coalesce((SELECT sum(returns) FROM iss WHERE iss.organization_id = b.id AND status <> 'WITHDRAWN'), 0)) AS pts,
         EXISTS (SELECT 1 FROM iss WHERE iss.organization_id = b.id AND issue_type = 'PRIVACY_EXPOSED' AND status NOT IN ('WITHDRAWN', 'DISPUTED')) AS vetoed
       FROM bureaus b),
     people AS (
       SELECT a.organization_id,
         count(DISTINCT regexp_replace(a.trainee_name, '\\s', '', 'g')) AS trainees,
         coalesce(sum(a.hours), 0) AS hours,
         count(DISTINCT regexp_replace(a.trainee_name, '\\s', '', 'g')) FILTER (WHERE s.organiser_kind = 'OWN' AND s.organiser_level IN ('PROVINCE','NATIONAL')) AS at_province
       FROM training_attendances a JOIN training_sessions s ON s.id = a.session_id
       WHERE a.attended AND s.status <> 'PLANNED' AND s.year = $1 GROUP BY 1),
     req AS (SELECT min_province_attendees, min_hours FROM training_requirements WHERE year = $1 AND level = 'CITY' ORDER BY updated_at LIMIT 1),
     train AS (
       SELECT b.id AS organization_id,
         CASE WHEN NOT EXISTS (SELECT 1 FROM req) THEN 10
           ELSE (CASE WHEN coalesce(p.at_province, 0) >= (SELECT min_province_attendees FROM req)
                       AND round(coalesce(p.hours, 0), 1) >= (SELECT min_hours FROM req) THEN 6 ELSE 0 END)
             + round(4 * least(1, CASE WHEN coalesce(p.trainees, 0) = 0 THEN 0 ELSE round(p.hours, 1) / p.trainees / 8.0 END), 2) END AS pts
       FROM bureaus b LEFT JOIN people p ON p.organization_id = b.id),
     adj AS (
       SELECT b.id AS organization_id,
         least(3, coalesce((SELECT sum(points) FROM score_adjustments s WHERE s.organization_id = b.id AND s.assessor_id = $3 AND s.year = $1 AND kind = 'BONUS'), 0))
         - coalesce((SELECT sum(points) FROM score_adjustments s WHERE s.organization_id = b.id AND s.assessor_id = $3 AND s.year = $1 AND kind = 'DEDUCTION'), 0) AS pts
       FROM bureaus b)
     SELECT b.id, greatest(0, coalesce(t.pts, 45) + coalesce(tl.pts, 15) + a.pts + tr.pts + adj.pts)::text AS score
     FROM bureaus b LEFT JOIN tasks t ON t.organization_id = b.id LEFT JOIN timely tl ON tl.organization_id = b.id
     JOIN assess a ON a.organization_id = b.id JOIN train tr ON tr.organization_id = b.id JOIN adj ON adj.organization_id = b.id`,
    [year, orgIdForCode('34'), assessorId, dueQuarters, asOf],
  );
  return new Map(rows.map((r) => [r.id, Number(r.score)]));
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.query(`DELETE FROM score_adjustments WHERE reason LIKE $1`, [`${MARK}%`]);
  await owner.query(`DELETE FROM published_scorecards WHERE note LIKE $1`, [`${MARK}%`]);
  await owner.query(`DELETE FROM score_rubrics WHERE note LIKE $1`, [`${MARK}%`]);
  await owner.end();
  await api.app.close();
});

describe('scorecards', () => {
  it('equals an independent computation from the stored facts (demo data, 2025, cities)', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const r = await card(admin, 2025, null);
    expect(r.errors).toBeUndefined();
    const rows = r.data!.scorecard.rows;
    expect(rows).toHaveLength(16);
    // On 2025-05-20 only the first quarter's reports are due; problems count as due by today.
    const expected = await independentCityScores(2025, 1, '2025-05-20', orgIdForCode('34'));
    for (const row of rows)
      expect([row.organization.code, row.score]).toEqual([
        row.organization.code,
        expected.get(row.organization.id),
      ]);
    // Ties share a rank; ranks follow the scores.
    const sorted = [...rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
    sorted.forEach((row) =>
      expect(row.rank).toBe(
        1 +
          rows.filter(
            (o) => o.vetoed < row.vetoed || (o.vetoed === row.vetoed && o.score > row.score),
          ).length,
      ),
    );
    const { scorecard } = r.data!;
    expect(scorecard.gradeDistribution.reduce((s, g) => s + g.count, 0)).toBe(16);
    expect(scorecard.vetoedCount).toBe(rows.filter((x) => x.vetoed).length);
    // The average is given to two decimals: within half a hundredth of the exact mean (a mean
    // of 54.845 reads 54.85, which toBeCloseTo(…, 2) refused by a float's width).
    const mean = rows.reduce((s, x) => s + x.score, 0) / 16;
    const average = scorecard.average ?? Number.NaN;
    expect(Math.abs(average - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Number(average.toFixed(2))).toBe(average);
  });

  it('explains every point: the breakdown adds up to the score and names existing records', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const hefei = orgIdForCode('3401');
    const b = (await breakdown(admin, 2024, null, hefei)).data!.scoreBreakdown;
    const sum = b.items.reduce((s, i) => s + Math.round(i.points * 100), 0);
    expect(sum).toBe(Math.round(b.score * 100));
    expect(b.rank).toBeGreaterThan(0);
    expect(b.peers).toBe(16);
    const reports = b.items
      .filter((i) => i.source.type === 'ProgressReport')
      .map((i) => i.source.id);
    expect(reports.length).toBeGreaterThan(0);
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM progress_reports WHERE id = ANY($1) AND organization_id = $2`,
      [reports, hefei],
    );
    expect(rows[0]!.n).toBe(new Set(reports).size);
  });

  it('reproduces last year’s published (demo) results from their frozen inputs', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const shown = (await card(admin, 2024, null)).data!.scorecard;
    expect(shown.publication?.revision).toBe(1);
    const {
      rows: [pub],
    } = await owner.query<{ id: string; rubric: unknown; content_hash: string }>(
      `SELECT id, rubric, content_hash FROM published_scorecards
       WHERE organization_id = $1 AND root_id = $1 AND year = 2024 AND quarter = 0 AND revision = 1`,
      [orgIdForCode('34')],
    );
    const parsed = parseRubric(pub!.rubric);
    if ('errors' in parsed) throw new Error(parsed.errors.join());
    const { rows } = await owner.query<{
      organization_id: string;
      facts: ScoreFacts;
      result: ScoreResult;
      score: string;
    }>(
      'SELECT organization_id, facts, result, score FROM published_scorecard_results WHERE scorecard_id = $1',
      [pub!.id],
    );
    expect(rows).toHaveLength(16);
    for (const r of rows) {
      expect(canonicalJson(computeScore(parsed.rubric, r.facts))).toBe(canonicalJson(r.result));
      expect(Number(r.score)).toBe(r.result.score);
      expect(shown.rows.find((x) => x.organization.id === r.organization_id)?.score).toBe(
        r.result.score,
      );
    }
    // The hash over the canonical content, recomputed here from the stored rows.
    const hash = createHash('sha256')
      .update(
        scorecardContent({
          assessorId: orgIdForCode('34'),
          year: 2024,
          quarter: 0,
          rubric: parsed.rubric,
          bureaus: rows.map((r) => ({
            organizationId: r.organization_id,
            facts: r.facts,
            result: r.result,
          })),
        }),
      )
      .digest('hex');
    expect(hash).toBe(pub!.content_hash);
  });

  it('lets a city rank its counties with its own rubric, and a county see only its own line', async () => {
    const city = await signedIn(api.url, '3401-admin');
    const bad = await city.request(
      `mutation($i: SaveRubricInput!) { saveRubric(input: $i) { version } }`,
      {
        i: { year: 2024, level: 'COUNTY', content: '{"components": []}', note: `${MARK}坏` },
      },
    );
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const rubric = await city.request<{ rubric: { content: string } }>(
      `query { rubric(year: 2024, level: COUNTY) { content version isDefault } }`,
    );
    const content = JSON.parse(rubric.data!.rubric.content) as { bonusCap: number };
    const saved = await city.request<{ saveRubric: { version: number; isDefault: boolean } }>(
      `mutation($i: SaveRubricInput!) { saveRubric(input: $i) { version isDefault } }`,
      {
        i: {
          year: 2024,
          level: 'COUNTY',
          content: JSON.stringify({ ...content, bonusCap: 1 }),
          note: `${MARK}市级细则`,
        },
      },
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveRubric.isDefault).toBe(false);
    const countyAdmin = await signedIn(api.url, '340102-admin');
    const refused = await countyAdmin.request(
      `mutation($i: SaveRubricInput!) { saveRubric(input: $i) { version } }`,
      {
        i: { year: 2024, level: 'COUNTY', content: JSON.stringify(content), note: `${MARK}县` },
      },
    );
    expect(errorCode(refused)).toBe('FORBIDDEN');

    const own = await card(city, 2024, null);
    expect(own.data!.scorecard.rubricVersion).toBe(saved.data!.saveRubric.version);
    const counties = own.data!.scorecard.rows;
    expect(counties.length).toBeGreaterThan(1);
    expect(counties.every((c) => c.organization.code.startsWith('3401'))).toBe(true);
    // Before publication a county sees its own score without a rank.
    const before = (await card(countyAdmin, 2024, null)).data!.scorecard.rows;
    expect(before.map((x) => [x.organization.code, x.rank])).toEqual([['340102', null]]);
    const pub = await city.request(
      `mutation($i: PublishScorecardInput!) { publishScorecard(input: $i) { revision } }`,
      {
        i: { year: 2024, note: `${MARK}市级定档` },
      },
    );
    expect(pub.errors).toBeUndefined();
    const mine = (await breakdown(countyAdmin, 2024, null, orgIdForCode('340102'))).data!
      .scoreBreakdown;
    const line = counties.find((c) => c.organization.code === '340102')!;
    expect([mine.score, mine.rank, mine.peers]).toEqual([line.score, line.rank, counties.length]);
    const neighbour = await breakdown(countyAdmin, 2024, null, orgIdForCode('340103'));
    expect(errorCode(neighbour)).toBe('NOT_FOUND');
  });

  it('freezes a published scorecard; a later change shows in the diff and needs confirming', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const first = await admin.request<{
      publishScorecard: { revision: number; contentHash: string };
    }>(
      `mutation($i: PublishScorecardInput!) { publishScorecard(input: $i) { revision contentHash } }`,
      { i: { year: 2025, quarter: 1, note: `${MARK}一季度` } },
    );
    expect(first.errors).toBeUndefined();
    const frozen = (await card(admin, 2025, 1)).data!.scorecard;
    const target = frozen.rows[0]!;
    const noReason = await admin.request(
      `mutation($i: AddScoreAdjustmentInput!) { addScoreAdjustment(input: $i) { id } }`,
      {
        i: {
          organizationId: target.organization.id,
          year: 2025,
          quarter: 1,
          kind: 'DEDUCTION',
          points: 2,
          reason: '  ',
        },
      },
    );
    expect(errorCode(noReason)).toBe('BAD_USER_INPUT');
    const adj = await admin.request(
      `mutation($i: AddScoreAdjustmentInput!) { addScoreAdjustment(input: $i) { id kind points attachment } }`,
      {
        i: {
          organizationId: target.organization.id,
          year: 2025,
          quarter: 1,
          kind: 'DEDUCTION',
          points: 2,
          reason: `${MARK}年报迟报`,
          attachment: '皖审办〔2025〕1号',
        },
      },
    );
    expect(adj.errors).toBeUndefined();
    const still = (await card(admin, 2025, 1)).data!.scorecard;
    expect(still.rows).toEqual(frozen.rows);
    expect(still.publication!.contentHash).toBe(first.data!.publishScorecard.contentHash);

    const diff = await admin.request<{
      scorecardDiff: {
        currentHash: string;
        unchanged: boolean;
        rows: Array<{ organization: { id: string }; publishedScore: number; currentScore: number }>;
      };
    }>(
      `query { scorecardDiff(year: 2025, quarter: 1) { currentHash unchanged rows { organization { id } publishedScore currentScore } } }`,
    );
    const d = diff.data!.scorecardDiff;
    expect(d.unchanged).toBe(false);
    expect(d.rows).toEqual([
      {
        organization: { id: target.organization.id },
        publishedScore: target.score,
        currentScore: Math.max(0, Math.round((target.score - 2) * 100) / 100),
      },
    ]);
    const unconfirmed = await admin.request(
      `mutation($i: PublishScorecardInput!) { publishScorecard(input: $i) { revision } }`,
      {
        i: { year: 2025, quarter: 1, note: `${MARK}重新定档` },
      },
    );
    expect(reason(unconfirmed)).toBe('SCORECARD_DIFF_UNCONFIRMED');
    const second = await admin.request<{ publishScorecard: { revision: number } }>(
      `mutation($i: PublishScorecardInput!) { publishScorecard(input: $i) { revision } }`,
      { i: { year: 2025, quarter: 1, note: `${MARK}重新定档`, confirmHash: d.currentHash } },
    );
    expect(second.data!.publishScorecard.revision).toBe(first.data!.publishScorecard.revision + 1);
    const after = (await card(admin, 2025, 1)).data!.scorecard.rows.find(
      (x) => x.organization.id === target.organization.id,
    )!;
    expect(after.score).toBe(d.rows[0]!.currentScore);
    const events = await owner.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE action IN ('SCORECARD_PUBLISH', 'SCORE_ADJUSTMENT_ADD', 'SCORE_RUBRIC_SAVE')`,
    );
    expect(new Set(events.rows.map((e) => e.action))).toEqual(
      new Set(['SCORECARD_PUBLISH', 'SCORE_ADJUSTMENT_ADD', 'SCORE_RUBRIC_SAVE']),
    );
  });

  it('answers a scorecard in a bounded number of statements', async () => {
    const admin = await signedIn(api.url, '34-admin');
    await card(admin, 2025, 1); // warm
    const before = QueryCounter.count;
    const t0 = performance.now();
    const r = await card(admin, 2025, null);
    const ms = performance.now() - t0;
    const statements = QueryCounter.count - before;
    expect(r.errors).toBeUndefined();
    console.log(
      `scorecard 2025 (16 cities, live, with last year): ${ms.toFixed(0)} ms, ${statements} statements`,
    );
    expect(statements).toBeLessThan(40);
  });
});
