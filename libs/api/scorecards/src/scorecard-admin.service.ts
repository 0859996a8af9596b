import { Injectable } from '@nestjs/common';
import { AppError, AuditTrail, hasRole, TenantDatabase, type Scope } from '@sunshine/api/core';
import { OrgLevel, parseRubric, Role } from '@sunshine/shared/domain';
import type { RubricDto, ScoreAdjustmentDto, ScorecardPublicationDto } from './dtos/scorecard.dto';
import { ScoreAdjustmentKindEnum } from './dtos/scorecard.dto';
import type {
  AddScoreAdjustmentInput,
  PublishScorecardInput,
  SaveRubricInput,
} from './dtos/scorecard.inputs';
import { publicationDto, rubricDto } from './scorecard-mapping';
import { freezeRun } from './scorecard-publish';
import { contentHash, orgDto, periodOf, ScorecardRunsService } from './scorecard-runs.service';
import { ScorecardsService } from './scorecards.service';
import { ScorecardsRepository } from './scorecards.repository';

const ASSESSOR_LEVELS: Record<'CITY' | 'COUNTY', readonly OrgLevel[]> = {
  CITY: [OrgLevel.NATIONAL, OrgLevel.PROVINCE],
  COUNTY: [OrgLevel.NATIONAL, OrgLevel.PROVINCE, OrgLevel.CITY],
};

/** Scorecard writes: rubric versions, adjustments, publishing (定档). All audited. */
@Injectable()
export class ScorecardAdminService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly runs: ScorecardRunsService,
    private readonly reads: ScorecardsService,
    private readonly repo: ScorecardsRepository,
  ) {}

  /** A new version of the caller's rubric: the province for cities and counties, a city for its counties. */
  async saveRubric(scope: Scope, input: SaveRubricInput): Promise<RubricDto> {
    periodOf(input.year, null);
    if (input.level !== OrgLevel.CITY && input.level !== OrgLevel.COUNTY)
      throw AppError.badInput('RUBRIC_LEVEL', '考评细则只适用于市级或县级单位');
    let json: unknown;
    try {
      json = JSON.parse(input.content);
    } catch {
      throw AppError.badInput('RUBRIC_INVALID', '考评细则不是有效的 JSON');
    }
    const parsed = parseRubric(json);
    if ('errors' in parsed)
      throw AppError.badInput(
        'RUBRIC_INVALID',
        `考评细则有误：${parsed.errors.slice(0, 5).join('；')}`,
        parsed.errors.map((message) => ({ field: 'content', message })),
      );
    return this.db.run(scope, async (m) => {
      const [own] = await this.runs.orgRows(m, [scope.organizationId]);
      if (!own || !ASSESSOR_LEVELS[input.level as 'CITY' | 'COUNTY'].includes(own.level))
        throw AppError.forbidden(
          'RUBRIC_NOT_ASSESSOR',
          input.level === OrgLevel.CITY
            ? '市级单位的考评细则由省级单位制定'
            : '县级单位的考评细则由省级或市级单位制定',
        );
      const row = await this.repo.insertRubric(
        m,
        {
          organizationId: own.id,
          year: input.year,
          level: input.level,
          content: parsed.rubric,
          note: (input.note ?? '').trim(),
        },
        scope.userId,
      );
      if (!row) throw AppError.forbidden();
      await this.audit.record(m, scope, {
        action: 'SCORE_RUBRIC_SAVE',
        targetType: 'ScoreRubric',
        targetId: row.id,
        changes: {
          after: { year: row.year, level: row.level, version: row.version, note: row.note },
        },
      });
      return rubricDto({ rubric: parsed.rubric, row, level: input.level }, input.year, own);
    });
  }

  /** A bonus, deduction or veto for a bureau below the caller, in the caller's own view. */
  async addAdjustment(scope: Scope, input: AddScoreAdjustmentInput): Promise<ScoreAdjustmentDto> {
    const reason = input.reason.trim();
    if (!reason) throw AppError.badInput('REASON_REQUIRED', '请填写加减分理由');
    const veto = input.kind === ScoreAdjustmentKindEnum.VETO;
    const points = veto ? 0 : (input.points ?? 0);
    if (!veto && !(points > 0))
      throw AppError.badInput('POINTS_REQUIRED', '加分、扣分须填写大于0的分值', [
        { field: 'points', message: '请填写分值' },
      ]);
    if (input.organizationId === scope.organizationId)
      throw AppError.forbidden('NOT_OVERSEER', '不能为本单位加减分');
    await this.db.assertVisible(scope, input.organizationId);
    await this.db.assertOverseer(scope, input.organizationId, '只有上级单位可以加减分');
    return this.db.run(scope, async (m) => {
      const [org] = await this.runs.orgRows(m, [input.organizationId]);
      if (!org) throw AppError.notFound();
      const row = await this.repo.insertAdjustment(
        m,
        {
          organization_id: org.id,
          assessor_id: scope.organizationId,
          year: input.year,
          quarter: input.quarter as 1 | 2 | 3 | 4,
          kind: input.kind,
          points,
          reason,
          attachment: input.attachment?.trim() || null,
        },
        scope.userId,
      );
      if (!row) throw AppError.forbidden();
      await this.audit.record(m, scope, {
        action: 'SCORE_ADJUSTMENT_ADD',
        targetType: 'ScoreAdjustment',
        targetId: row.id,
        changes: {
          after: {
            organizationId: org.id,
            year: row.year,
            quarter: row.quarter,
            kind: row.kind,
            points: row.points,
            reason: row.reason,
            attachment: row.attachment,
          },
        },
      });
      return {
        id: row.id,
        organization: orgDto(org),
        assessorId: row.assessor_id,
        year: row.year,
        quarter: row.quarter,
        kind: row.kind as ScoreAdjustmentKindEnum,
        points: row.points,
        reason: row.reason,
        attachment: row.attachment,
        createdAt: row.created_at,
      };
    });
  }

  /**
   * Freezes the caller's current results over the children of a unit (定档). A later revision
   * needs `confirmHash` = the hash `scorecardDiff` showed, so nobody republishes without having
   * seen what changed.
   */
  async publish(scope: Scope, input: PublishScorecardInput): Promise<ScorecardPublicationDto> {
    if (!hasRole(scope, Role.ADMIN)) throw AppError.forbidden();
    const period = periodOf(input.year, input.quarter);
    const rootId = input.organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, rootId);
    return this.db.run(scope, async (m) => {
      const [root] = await this.runs.orgRows(m, [rootId]);
      if (!root) throw AppError.notFound();
      const { run, published } = await this.reads.compare(m, scope.organizationId, root, period);
      if (run.bureaus.length === 0) throw AppError.notFound();
      const hash = contentHash(run);
      if (published) {
        if (published.content_hash === hash)
          throw AppError.conflict('SCORECARD_UNCHANGED', '考评结果与已定档内容一致，无需重新定档');
        if (input.confirmHash !== hash)
          throw AppError.conflict(
            'SCORECARD_DIFF_UNCONFIRMED',
            '考评结果与已定档内容不同，请先查看差异并确认后再重新定档',
            { currentHash: hash, publishedHash: published.content_hash },
          );
      }
      const children = run.bureaus.map((b) => b.org);
      const previous = await this.reads.previousScores(
        m,
        scope.organizationId,
        root,
        children,
        period,
      );
      const row = await freezeRun(
        this.repo,
        m,
        run,
        root,
        previous,
        (input.note ?? '').trim(),
        scope.userId,
      );
      if (!row) throw AppError.forbidden();
      await this.audit.record(m, scope, {
        action: 'SCORECARD_PUBLISH',
        targetType: 'PublishedScorecard',
        targetId: row.id,
        changes: {
          after: {
            rootId: root.id,
            year: row.year,
            quarter: row.quarter,
            revision: row.revision,
            rubricVersion: row.rubric_version,
            contentHash: row.content_hash,
            bureaus: run.bureaus.length,
          },
          ...(published
            ? { before: { revision: published.revision, contentHash: published.content_hash } }
            : {}),
        },
      });
      return publicationDto(row);
    });
  }
}
