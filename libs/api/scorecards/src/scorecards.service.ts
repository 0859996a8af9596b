import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  diffScores,
  SCORE_GRADE_LABELS,
  scoreChange,
  type OrgLevel,
  type ScoreResult,
} from '@sunshine/shared/domain';
import {
  ScoreGradeEnum,
  type RubricDto,
  type ScoreBreakdownDto,
  type ScorecardDiffDto,
  type ScorecardDto,
} from './dtos/scorecard.dto';
import {
  frozenRubric,
  scorecardDto,
  itemDtos,
  publicationDto,
  rubricDto,
  type ViewRow,
} from './scorecard-mapping';
import type { OrgRow } from './scorecard-facts.repository';
import {
  contentHash,
  orgDto,
  periodOf,
  ScorecardRunsService,
  type Period,
  type ResolvedRubric,
  type Run,
} from './scorecard-runs.service';
import { ScorecardsRepository, type PublishedRow } from './scorecards.repository';

/** An assessor's view over the children of a root: frozen when published, else live. */
export interface View {
  assessorId: string;
  root: OrgRow;
  rubric: ResolvedRubric;
  rows: ViewRow[];
  publication: PublishedRow | null;
}

const asResult = (v: unknown): ScoreResult => v as ScoreResult;

/** Scorecard reads: the ranking of a unit's children, a bureau's breakdown, the diff, the rubric. */
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly runs: ScorecardRunsService,
    private readonly repo: ScorecardsRepository,
  ) {}

  async scorecard(
    scope: Scope,
    year: number,
    quarter: number | null | undefined,
    organizationId?: string | null,
  ): Promise<ScorecardDto> {
    const period = periodOf(year, quarter);
    const rootId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, rootId);
    return this.db.run(scope, async (m) => {
      const root = await this.visibleOrg(m, rootId);
      const childIds = await this.orgs.childrenOf(rootId);
      if (childIds.length === 0) {
        // A bureau without children: its own line, scored by its overseer.
        const b = await this.bureau(m, scope, root, period);
        return scorecardDto(period, root, b.assessor, b.rubric, [b.row], b.publication);
      }
      const view = await this.view(m, scope.organizationId, root, childIds, period);
      const [assessor] = await this.runs.orgRows(m, [view.assessorId]);
      return scorecardDto(period, root, assessor ?? null, view.rubric, view.rows, view.publication);
    });
  }

  async breakdown(
    scope: Scope,
    year: number,
    quarter: number | null | undefined,
    organizationId: string,
  ): Promise<ScoreBreakdownDto> {
    const period = periodOf(year, quarter);
    await this.db.assertVisible(scope, organizationId);
    return this.db.run(scope, async (m) => {
      const org = await this.visibleOrg(m, organizationId);
      const b = await this.bureau(m, scope, org, period);
      const r = b.row.result;
      return {
        organization: orgDto(org),
        assessor: b.assessor ? orgDto(b.assessor) : null,
        year,
        quarter: period.quarter,
        score: r.score,
        maxScore: r.maxScore,
        grade: r.grade as ScoreGradeEnum,
        gradeLabel: SCORE_GRADE_LABELS[r.grade],
        vetoed: r.vetoed,
        vetoes: r.vetoes.map((v) => ({ key: v.key, label: v.label, source: { ...v.source } })),
        rank: b.ranked ? b.row.rank : null,
        peers: b.ranked ? b.peers : null,
        change: b.row.change,
        items: itemDtos(r),
        components: r.components.map((c) => ({ ...c })),
        publication: b.publication ? publicationDto(b.publication) : null,
      };
    });
  }

  async diff(
    scope: Scope,
    year: number,
    quarter: number | null | undefined,
    organizationId?: string | null,
  ): Promise<ScorecardDiffDto> {
    const period = periodOf(year, quarter);
    const rootId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, rootId);
    return this.db.run(scope, async (m) => {
      const root = await this.visibleOrg(m, rootId);
      const { run, published, results } = await this.compare(m, scope.organizationId, root, period);
      const snap = (
        r: ScoreResult,
      ): { score: number; grade: ScoreResult['grade']; vetoed: boolean } => ({
        score: r.score,
        grade: r.grade,
        vetoed: r.vetoed,
      });
      const before = new Map(results.map((r) => [r.organization_id, snap(asResult(r.result))]));
      const after = new Map(run.bureaus.map((b) => [b.org.id, snap(b.result)]));
      const changed = diffScores(before, after);
      const orgRows = await this.runs.orgRows(
        m,
        changed.map((c) => c.organizationId),
      );
      const hash = contentHash(run);
      return {
        publication: published ? publicationDto(published) : null,
        currentHash: hash,
        unchanged: published?.content_hash === hash,
        rubricChanged:
          !!published && JSON.stringify(published.rubric) !== JSON.stringify(run.rubric.rubric),
        rows: changed.flatMap((c) => {
          const org = orgRows.find((o) => o.id === c.organizationId);
          if (!org) return [];
          return [
            {
              organization: orgDto(org),
              publishedScore: c.before?.score ?? null,
              currentScore: c.after?.score ?? null,
              publishedGrade: (c.before?.grade as ScoreGradeEnum) ?? null,
              currentGrade: (c.after?.grade as ScoreGradeEnum) ?? null,
              publishedVetoed: c.before?.vetoed ?? null,
              currentVetoed: c.after?.vetoed ?? null,
            },
          ];
        }),
      };
    });
  }

  async rubric(scope: Scope, year: number, level: OrgLevel): Promise<RubricDto> {
    periodOf(year, null);
    return this.db.run(scope, async (m) => {
      const r = await this.runs.rubricFor(m, scope.organizationId, year, level);
      const [owner] = r.row ? await this.runs.orgRows(m, [r.row.organization_id]) : [];
      return rubricDto(r, year, owner ?? null);
    });
  }

  /** The live run over a root's children, with the latest published run and its results. */
  async compare(
    m: EntityManager,
    assessorId: string,
    root: OrgRow,
    period: Period,
  ): Promise<{
    run: Run;
    published: PublishedRow | null;
    results: Awaited<ReturnType<ScorecardsRepository['results']>>;
  }> {
    const childIds = await this.orgs.childrenOf(root.id);
    if (childIds.length === 0)
      throw AppError.badInput('NO_CHILDREN', `${root.name}没有下级单位，无法排名`);
    const children = await this.runs.orgRows(m, childIds);
    const run = await this.runs.run(m, assessorId, children, period);
    const published = await this.repo.latestPublished(
      m,
      assessorId,
      root.id,
      period.year,
      period.key,
    );
    const results = published ? await this.repo.results(m, published.id) : [];
    return { run, published, results };
  }

  /** Last year's scores of the same view (published, else computed now). */
  async previousScores(
    m: EntityManager,
    assessorId: string,
    root: OrgRow,
    children: readonly OrgRow[],
    period: Period,
  ): Promise<Map<string, number>> {
    if (period.year <= 2000 || children.length === 0) return new Map();
    const last = periodOf(period.year - 1, period.quarter);
    const published = await this.repo.latestPublished(m, assessorId, root.id, last.year, last.key);
    if (published)
      return new Map(
        (await this.repo.results(m, published.id)).map((r) => [r.organization_id, r.score]),
      );
    const run = await this.runs.run(m, assessorId, children, last);
    // A year without any assigned task was not run in Sunshine: nothing to compare with.
    if (run.bureaus.every((b) => (b.facts.tasks ?? []).length === 0)) return new Map();
    return new Map(run.bureaus.map((b) => [b.org.id, b.result.score]));
  }

  private async view(
    m: EntityManager,
    assessorId: string,
    root: OrgRow,
    childIds: readonly string[],
    period: Period,
  ): Promise<View> {
    const published = await this.repo.latestPublished(
      m,
      assessorId,
      root.id,
      period.year,
      period.key,
    );
    if (published) {
      const results = await this.repo.results(m, published.id);
      const orgRows = await this.runs.orgRows(
        m,
        results.map((r) => r.organization_id),
      );
      const level = orgRows[0]?.level ?? (published.level as OrgLevel);
      const rows = results.flatMap((r) => {
        const org = orgRows.find((o) => o.id === r.organization_id);
        const result = asResult(r.result);
        const previousScore = r.change === null ? null : scoreChange(r.score, r.change);
        return org
          ? [{ org, result, facts: r.facts, rank: r.rank, change: r.change, previousScore }]
          : [];
      });
      return {
        assessorId,
        root,
        rubric: frozenRubric(published, level),
        rows,
        publication: published,
      };
    }
    const children = await this.runs.orgRows(m, childIds);
    const run = await this.runs.run(m, assessorId, children, period);
    const previous = await this.previousScores(m, assessorId, root, children, period);
    const rows = run.bureaus
      .map((b) => {
        const prev = previous.get(b.org.id) ?? null;
        return {
          org: b.org,
          result: b.result,
          facts: b.facts,
          rank: b.rank,
          change: scoreChange(b.result.score, prev),
          previousScore: prev,
        };
      })
      .sort((a, b) => a.rank - b.rank || a.org.code.localeCompare(b.org.code));
    return { assessorId, root, rubric: run.rubric, rows, publication: null };
  }

  /**
   * One bureau as the caller may see it: an overseer sees it within its own view of the bureau
   * and its peers (rank included); the bureau itself sees the result its direct overseer
   * published (with its rank among its peers), else its live score without a rank.
   */
  private async bureau(
    m: EntityManager,
    scope: Scope,
    org: OrgRow,
    period: Period,
  ): Promise<{
    row: ViewRow;
    peers: number;
    ranked: boolean;
    assessor: OrgRow | null;
    rubric: ResolvedRubric;
    publication: PublishedRow | null;
  }> {
    const parentId = await this.orgs.parentOf(org.id);
    if (!parentId)
      throw AppError.badInput('NOT_ASSESSED', `${org.name}不参加考评（没有上级考评单位）`);
    if (await this.orgs.isStrictAncestor(scope.organizationId, org.id)) {
      const parent = await this.visibleOrg(m, parentId);
      const view = await this.view(
        m,
        scope.organizationId,
        parent,
        await this.orgs.childrenOf(parentId),
        period,
      );
      const row = view.rows.find((r) => r.org.id === org.id);
      if (!row) throw AppError.notFound();
      const [assessor] = await this.runs.orgRows(m, [view.assessorId]);
      return {
        row,
        peers: view.rows.length,
        ranked: true,
        assessor: assessor ?? null,
        rubric: view.rubric,
        publication: view.publication,
      };
    }
    const own = await this.repo.ownPublished(m, org.id, parentId, period.year, period.key);
    if (own) {
      const published = await this.repo.latestPublished(
        m,
        parentId,
        parentId,
        period.year,
        period.key,
      );
      const result = asResult(own.result);
      return {
        row: {
          org,
          result,
          facts: own.facts,
          rank: own.rank,
          change: own.change,
          previousScore: own.change === null ? null : scoreChange(own.score, own.change),
        },
        peers: own.peers,
        ranked: true,
        assessor: null,
        rubric: published
          ? frozenRubric(published, org.level)
          : await this.runs.rubricFor(m, parentId, period.year, org.level),
        publication: published,
      };
    }
    const run = await this.runs.run(m, parentId, [org], period);
    const b = run.bureaus[0]!;
    let previousScore: number | null = null;
    if (period.year > 2000) {
      const last = periodOf(period.year - 1, period.quarter);
      const prevOwn = await this.repo.ownPublished(m, org.id, parentId, last.year, last.key);
      const lastRun = prevOwn ? null : (await this.runs.run(m, parentId, [org], last)).bureaus[0]!;
      previousScore = prevOwn
        ? prevOwn.score
        : lastRun && (lastRun.facts.tasks ?? []).length > 0
          ? lastRun.result.score
          : null;
    }
    return {
      row: {
        org,
        result: b.result,
        facts: b.facts,
        rank: 0,
        change: scoreChange(b.result.score, previousScore),
        previousScore,
      },
      peers: 0,
      ranked: false,
      assessor: null,
      rubric: run.rubric,
      publication: null,
    };
  }

  private async visibleOrg(m: EntityManager, id: string): Promise<OrgRow> {
    const [org] = await this.runs.orgRows(m, [id]);
    if (!org) throw AppError.notFound();
    return org;
  }
}
