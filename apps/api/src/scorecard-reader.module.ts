import { Global, Injectable, Module } from '@nestjs/common';
import {
  ScorecardReader,
  type Scope,
  type ScorecardItem,
  type ScorecardSnapshot,
} from '@sunshine/api/core';
import { ScorecardsModule, ScorecardsService } from '@sunshine/api/scorecards';

const org = (o: { id: string; code: string; name: string }) => ({
  id: o.id,
  code: o.code,
  name: o.name,
});

/**
 * `ScorecardReader` over the scorecards feature's own service, so that api-letters (the 通报 and
 * the Excel export) reads scorecards with the same tenancy as the `scorecard` query without
 * importing another feature. Composed here, in the app, which may import features.
 */
@Injectable()
export class ScorecardsReader extends ScorecardReader {
  constructor(private readonly scorecards: ScorecardsService) {
    super();
  }

  async scorecard(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string | null,
  ): Promise<ScorecardSnapshot> {
    const s = await this.scorecards.scorecard(scope, year, quarter, organizationId);
    return {
      year: s.year,
      quarter: s.quarter,
      organization: org(s.organization),
      assessor: s.assessor ? org(s.assessor) : null,
      maxScore: s.maxScore,
      average: s.average,
      rubricVersion: s.rubricVersion,
      rows: s.rows.map((r) => ({
        organization: org(r.organization),
        score: r.score,
        grade: r.grade,
        gradeLabel: r.gradeLabel,
        rank: r.rank,
        vetoed: r.vetoed,
        change: r.change,
        reasons: [...r.reasons],
      })),
      gradeDistribution: s.gradeDistribution.map((g) => ({ ...g })),
      vetoedCount: s.vetoedCount,
      publication: s.publication && {
        revision: s.publication.revision,
        publishedAt: s.publication.publishedAt,
        contentHash: s.publication.contentHash,
      },
    };
  }

  async breakdown(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string,
  ): Promise<{ score: number; grade: string; vetoed: boolean; items: ScorecardItem[] }> {
    const b = await this.scorecards.breakdown(scope, year, quarter, organizationId);
    return {
      score: b.score,
      grade: b.grade,
      vetoed: b.vetoed,
      items: b.items.map((i) => ({
        component: i.component,
        label: i.label,
        points: i.points,
        source: { type: i.source.type, id: i.source.id },
      })),
    };
  }
}

@Global()
@Module({
  imports: [ScorecardsModule],
  providers: [ScorecardsReader, { provide: ScorecardReader, useExisting: ScorecardsReader }],
  exports: [ScorecardReader],
})
export class ScorecardReaderModule {}
