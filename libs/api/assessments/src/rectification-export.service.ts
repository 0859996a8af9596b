import { Injectable } from '@nestjs/common';
import { AuditTrail, TenantDatabase, type Scope } from '@sunshine/api/core';
import { writeRectificationTable, type RectificationRow } from '@sunshine/api/assessment-excel';
import { ASSESSMENT_ISSUE_STATUS_LABELS } from '@sunshine/shared/domain';
import { AssessmentFilesRepository } from './assessment-files.repository';
import { AssessmentsRepository, type IndicatorRow } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

function indicatorPaths(indicators: readonly IndicatorRow[]): Map<string, string> {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const paths = new Map<string, string>();
  for (const i of indicators) {
    const names: string[] = [];
    for (
      let at: IndicatorRow | undefined = i;
      at;
      at = at.parent_id ? byId.get(at.parent_id) : undefined
    )
      names.unshift(at.name);
    paths.set(i.id, names.join(' > '));
  }
  return paths;
}

/**
 * The 整改链接表 (序号, 问题, 整改措施, 整改链接, 整改时间, 状态) of a round — one sheet per bureau the
 * caller may see — or of one bureau with the bureaus below it. A county sees only its own rows, a city its own and its
 * counties', an assessor only its rounds'. Every export is audited.
 */
@Injectable()
export class RectificationExportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly assessments: AssessmentsService,
    private readonly repo: AssessmentsRepository,
    private readonly files: AssessmentFilesRepository,
  ) {}

  async export(
    scope: Scope,
    roundId: string,
    organizationId: string | null,
  ): Promise<{ buffer: Buffer; fileName: string; rows: number }> {
    if (organizationId !== null) await this.db.assertVisible(scope, organizationId);
    return this.db.run(scope, async (m) => {
      const round = await this.assessments.loadRound(m, scope, roundId);
      const visible = await this.db.visibleOrgIds(scope);
      const rows = await this.files.exportRows(m, round.id, organizationId, visible);
      const indicators = round.indicator_system_id
        ? indicatorPaths(await this.repo.indicatorsOf(m, [round.indicator_system_id]))
        : new Map<string, string>();
      const table: RectificationRow[] = rows.map((r) => ({
        unit: { code: r.org_code, name: r.org_name },
        problem: r.description,
        indicator: r.indicator_id ? indicators.get(r.indicator_id) : undefined,
        location: r.location || undefined,
        measure: r.measure || (r.dispute ? `无需整改：${r.dispute_reason}` : ''),
        links: r.rectification_links,
        rectifiedAt: r.answered_at,
        status: ASSESSMENT_ISSUE_STATUS_LABELS[r.status],
      }));
      const org = organizationId !== null ? await this.repo.findOrg(m, organizationId) : null;
      const who = org?.name ?? '';
      const title = `${round.title}整改链接表${who ? `（${who}）` : ''}`;
      const buffer = await writeRectificationTable(table, { title });
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_RECTIFICATION_EXPORT',
        targetType: 'AssessmentRound',
        targetId: round.id,
        organizationId: organizationId ?? scope.organizationId,
        changes: {
          after: { rows: rows.length, bureaus: new Set(rows.map((r) => r.organization_id)).size },
        },
      });
      return { buffer, fileName: `${who || round.title}-整改链接表.xlsx`, rows: rows.length };
    });
  }
}
