import { Injectable } from '@nestjs/common';
import {
  AppError,
  AuditTrail,
  Clock,
  ScorecardReader,
  TenantDatabase,
  type Scope,
  type ScorecardItem,
  type ScorecardSnapshot,
} from '@sunshine/api/core';
import { renderOfficialDocument } from '@sunshine/api/official-docs';
import { chinaDateOf, Role } from '@sunshine/shared/domain';
import { bulletinDocument, bulletinPeriod } from './bulletin';
import { scorecardWorkbook } from './scorecard-excel';

/** The scorecard in official and spreadsheet form: the 通报 (.docx) and the Excel export. */
@Injectable()
export class ScorecardFilesService {
  constructor(
    private readonly scorecards: ScorecardReader,
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The ranking the caller issues (or reads): its subordinates, never a bureau's own line. */
  private async ranking(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string | null,
  ): Promise<ScorecardSnapshot> {
    if (!scope.roles.some((r) => r === Role.ADMIN || r === Role.LEADER))
      throw AppError.forbidden('SCORECARD_FILES_ROLE', '只有管理员或领导可以导出考评结果');
    const s = await this.scorecards.scorecard(scope, year, quarter, organizationId);
    const own = s.rows.length === 1 && s.rows[0]?.organization.id === s.organization.id;
    if (own || s.rows.length === 0)
      throw AppError.forbidden('SCORECARD_NO_SUBORDINATES', '本单位没有下级单位的考评结果');
    return s;
  }

  async bulletin(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string | null,
  ): Promise<{ buffer: Buffer; fileName: string }> {
    const s = await this.ranking(scope, year, quarter, organizationId);
    const date = s.publication
      ? chinaDateOf(s.publication.publishedAt)
      : chinaDateOf(this.clock.now());
    const buffer = await renderOfficialDocument(
      bulletinDocument({ scorecard: s, issuer: s.assessor?.name ?? s.organization.name, date }),
    );
    await this.record(scope, 'SCORECARD_BULLETIN_EXPORT', s);
    return {
      buffer,
      fileName: `${bulletinPeriod(year, quarter)}${s.organization.name}考评情况通报.docx`,
    };
  }

  async workbook(
    scope: Scope,
    year: number,
    quarter: number | null,
    organizationId: string | null,
  ): Promise<{ buffer: Buffer; fileName: string }> {
    const s = await this.ranking(scope, year, quarter, organizationId);
    const breakdowns = new Map<string, readonly ScorecardItem[]>();
    for (const row of s.rows) {
      const b = await this.scorecards.breakdown(scope, year, quarter, row.organization.id);
      breakdowns.set(row.organization.id, b.items);
    }
    const buffer = await scorecardWorkbook(s, breakdowns);
    await this.record(scope, 'SCORECARD_EXPORT', s);
    return {
      buffer,
      fileName: `${bulletinPeriod(year, quarter)}${s.organization.name}考评结果.xlsx`,
    };
  }

  private record(
    scope: Scope,
    action: 'SCORECARD_BULLETIN_EXPORT' | 'SCORECARD_EXPORT',
    s: ScorecardSnapshot,
  ): Promise<void> {
    return this.db.run(scope, (m) =>
      this.audit.record(m, scope, {
        action,
        targetType: 'Organization',
        targetId: s.organization.id,
        organizationId: s.organization.id,
        changes: {
          year: s.year,
          quarter: s.quarter,
          rows: s.rows.length,
          published: s.publication?.revision ?? null,
        },
      }),
    );
  }
}
