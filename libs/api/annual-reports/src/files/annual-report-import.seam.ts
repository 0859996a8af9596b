import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, TenantDatabase, type Scope } from '@sunshine/api/core';
import { annualReportMove, DEFAULT_OTHER_SECTION } from '@sunshine/shared/domain';
import { AnnualReportsException } from '../annual-reports.exception';
import { AnnualReportsRepository } from '../annual-reports.repository';
import { AnnualReportsService } from '../annual-reports.service';

/**
 * Where the Excel import meets the report workflow: who may import (the bureau's own EDITOR,
 * checked before the file is read, while the report can still be saved), and the write itself,
 * which is the workflow's `save` (version check, failing rules, event, audit) with the tables
 * replaced and the text sections kept.
 */
@Injectable()
export class AnnualReportImportSeam {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: AnnualReportsRepository,
    private readonly reports: AnnualReportsService,
  ) {}

  async assertCanImport(
    m: EntityManager,
    scope: Scope,
    year: number,
    organizationId: string,
  ): Promise<void> {
    await this.db.assertVisible(scope, organizationId);
    // The organisation through RLS as well: an invisible one is not found (the file is not read).
    const [org] = await this.repo.orgs(m, [organizationId]);
    if (!org) throw AppError.notFound();
    // Code-level rule (off only in the RLS-alone test mode, where visibleOrgIds is null).
    const inCode = (await this.db.visibleOrgIds(scope)) !== null;
    if (inCode && scope.organizationId !== organizationId) throw AnnualReportsException.notOwn();
    const current = await this.repo.find(m, organizationId, year);
    if (current && annualReportMove(current.status, 'SAVE') === null)
      throw AnnualReportsException.statusStep(current.status, 'SAVE');
  }

  async replaceTables(
    m: EntityManager,
    scope: Scope,
    year: number,
    organizationId: string,
    version: number,
    cells: Record<string, number>,
  ): Promise<{ id: string; version: number }> {
    const current = await this.repo.find(m, organizationId, year);
    const saved = await this.reports.save(scope, {
      year,
      organizationId,
      version,
      sections: current
        ? { overview: current.overview, problems: current.problems, other: current.other }
        : { overview: '', problems: '', other: DEFAULT_OTHER_SECTION },
      cells: Object.entries(cells).map(([key, value]) => ({ key, value })),
    });
    return { id: saved.id as string, version: saved.version };
  }
}
