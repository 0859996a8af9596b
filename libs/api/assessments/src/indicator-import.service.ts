import { Injectable } from '@nestjs/common';
import { AuditTrail, TenantDatabase, hasRole, type Scope } from '@sunshine/api/core';
import {
  parseIndicatorSystem,
  type IndicatorNode,
  type IndicatorProblem,
  type IndicatorSystemResult,
  type IndicatorWarning,
} from '@sunshine/api/assessment-excel';
import { Role } from '@sunshine/shared/domain';
import { AssessmentsException } from './assessments.exception';
import type { IndicatorInputRow } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

export type IndicatorImportOutcome =
  | { ok: true; id: string; name: string; indicators: number; total: number; warnings: number }
  | { ok: false; errors: IndicatorProblem[]; warnings: IndicatorWarning[] };

/** The tree as rows in order, parents before children (the shape `createIndicatorSystem` takes). */
export function indicatorRows(nodes: readonly IndicatorNode[]): IndicatorInputRow[] {
  const out: IndicatorInputRow[] = [];
  const walk = (list: readonly IndicatorNode[], parent: string | null): void => {
    for (const n of list) {
      out.push({
        key: n.code,
        parentKey: parent,
        level: n.level,
        code: n.code,
        name: n.name,
        points: n.points ?? 0,
        standard: n.standard,
        deductionRule: '',
        veto: n.veto,
      });
      walk(n.children, n.code);
    }
  };
  walk(nodes, null);
  return out;
}

/** An indicator system (指标体系) from Excel: a preview that writes nothing, and the import. */
@Injectable()
export class IndicatorImportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly assessments: AssessmentsService,
  ) {}

  private async parse(scope: Scope, file: Buffer): Promise<IndicatorSystemResult> {
    if (!hasRole(scope, Role.ADMIN))
      throw AssessmentsException.forbidden('NOT_ADMIN', '只有管理员可以维护测评指标体系');
    // A live session is checked before the file is read (the parse runs off the transaction).
    await this.db.assertLiveSession(scope);
    return parseIndicatorSystem(file);
  }

  preview(scope: Scope, file: Buffer): Promise<IndicatorSystemResult> {
    return this.parse(scope, file);
  }

  async import(
    scope: Scope,
    file: Buffer,
    name: string,
    fileName: string,
  ): Promise<IndicatorImportOutcome> {
    const parsed = await this.parse(scope, file);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings };
    const rows = indicatorRows(parsed.indicators);
    return this.db.run(scope, async (m) => {
      const system = await this.assessments.createIndicatorSystem(scope, name, rows);
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_INDICATORS_IMPORT',
        targetType: 'IndicatorSystem',
        targetId: system.id,
        changes: {
          after: { name: system.name, fileName, indicators: rows.length, total: parsed.total },
        },
      });
      return {
        ok: true as const,
        id: system.id,
        name: system.name,
        indicators: rows.length,
        total: parsed.total,
        warnings: parsed.warnings.length,
      };
    });
  }
}
