import { Injectable } from '@nestjs/common';
import { Clock, hasRole, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import { chinaDateOf, Role } from '@sunshine/shared/domain';
import { AssessmentLoopRepository } from './assessment-loop.repository';
import { AssessmentsException } from './assessments.exception';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { issueTrend, type TrendPoint } from './assessment-trend';

export interface MenuCounts {
  toRectify: number;
  returned: number;
  toVerify: number;
}

/** The loop's reads: menu counts (one statement) and the trend of a round's problems. */
@Injectable()
export class AssessmentLoopService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly clock: Clock,
    private readonly orgs: OrgDirectory,
    private readonly loop: AssessmentLoopRepository,
    private readonly assessments: AssessmentsService,
    private readonly repo: AssessmentsRepository,
  ) {}

  /**
   * 待整改 and 被退回 for a bureau's EDITOR or REVIEWER; 待复核 for an assessor (its rounds) and
   * for an ADMIN (the rounds its organisation issued).
   */
  async menuCounts(scope: Scope): Promise<MenuCounts> {
    const bureau = hasRole(scope, Role.EDITOR) || hasRole(scope, Role.REVIEWER);
    const decides = hasRole(scope, Role.ASSESSOR)
      ? 'ASSESSOR'
      : hasRole(scope, Role.ADMIN)
        ? 'ISSUER'
        : 'NONE';
    if (!bureau && decides === 'NONE') return { toRectify: 0, returned: 0, toVerify: 0 };
    const row = await this.db.run(scope, (m) =>
      this.loop.menuCounts(m, scope.organizationId, bureau, decides),
    );
    return { toRectify: row.to_rectify, returned: row.returned, toVerify: row.to_verify };
  }

  /**
   * The trend of the round's problems (of `organizationId`'s subtree when given) over its life:
   * open, rectified awaiting 复核, verified, by day or by week, up to today or the round's close.
   */
  async trend(
    scope: Scope,
    roundId: string,
    organizationId?: string | null,
  ): Promise<{ bucket: 'DAY' | 'WEEK'; points: TrendPoint[] }> {
    if (organizationId) await this.db.assertVisible(scope, organizationId);
    return this.db.run(scope, async (m) => {
      const round = await this.assessments.loadRound(m, scope, roundId);
      // The organisation must be readable (org_units under RLS), whatever the code checks.
      if (organizationId && !(await this.repo.findOrg(m, organizationId)))
        throw AssessmentsException.notFound();
      let within: string[] | null = organizationId
        ? [...(await this.orgs.subtree([organizationId]))]
        : null;
      const visible = await this.db.visibleOrgIds(scope);
      if (visible !== null && !hasRole(scope, Role.ASSESSOR)) {
        const mine = new Set(visible);
        within = (within ?? [...mine]).filter((id) => mine.has(id));
      }
      if (within && within.length === 0) throw AssessmentsException.notFound();
      const events = await this.loop.trendEvents(m, round.id, within);
      const end = round.closed_at ?? this.clock.now();
      return issueTrend(events, chinaDateOf(end));
    });
  }
}
