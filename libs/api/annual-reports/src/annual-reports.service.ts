import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  AuditTrail,
  Clock,
  hasRole,
  NotificationSink,
  OrganizationDto,
  OrgDirectory,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import {
  ANNUAL_REPORT_STATUSES,
  annualReportDeadline,
  annualReportFormat,
  annualReportMove,
  canActOnAnnualReport,
  carriedInFromPrevious,
  checkAnnualReport,
  CURRENT_ANNUAL_FORMAT_VERSION,
  DEFAULT_OTHER_SECTION,
  failingRules,
  isAnnualReportLate,
  Role,
  unknownAnnualCells,
  type AnnualCellValues,
  type AnnualReportAction,
  type AnnualReportActor,
  type AnnualReportFormat,
} from '@sunshine/shared/domain';
import type { AnnualReportCellDto, AnnualReportDto } from './dtos/annual-report.dto';
import type { SaveAnnualReportInput } from './dtos/annual-report.inputs';
import { AnnualReportsException } from './annual-reports.exception';
import { AnnualReportsRepository, type OrgRow, type ReportRow } from './annual-reports.repository';

export const orgDto = (o: OrgRow): OrganizationDto =>
  OrganizationDto.from({
    id: o.id,
    code: o.code,
    name: o.name,
    level: o.level,
    parentId: o.parent_id,
  });

/** The cells of one table in the printed order, blank cells as null. */
export function tableCells(
  format: AnnualReportFormat,
  table: 'table2' | 'table3' | 'table4',
  values: AnnualCellValues,
): AnnualReportCellDto[] {
  return format.cells
    .filter((c) => c.table === table)
    .map((c) => ({ key: c.key, value: values[c.key] ?? null }));
}

const AUDIT_ACTION = {
  SAVE: { action: 'ANNUAL_REPORT_SAVE' },
  SUBMIT: { action: 'ANNUAL_REPORT_SUBMIT' },
  APPROVE: { action: 'ANNUAL_REPORT_APPROVE' },
  ACCEPT: { action: 'ANNUAL_REPORT_ACCEPT' },
  RETURN: { action: 'ANNUAL_REPORT_RETURN' },
} as const;

/** Annual disclosure reports: one per bureau and year, drafted, submitted, approved and accepted. */
@Injectable()
export class AnnualReportsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly orgs: OrgDirectory,
    private readonly clock: Clock,
    private readonly notifications: NotificationSink,
    private readonly repo: AnnualReportsRepository,
  ) {}

  get(scope: Scope, year: number, organizationId?: string): Promise<AnnualReportDto> {
    return this.db.run(scope, async (m) => {
      const org = await this.visibleOrg(m, scope, organizationId ?? scope.organizationId);
      const row = await this.repo.find(m, org.id, year);
      return this.toDto(m, scope, org, year, row);
    });
  }

  save(scope: Scope, input: SaveAnnualReportInput): Promise<AnnualReportDto> {
    return this.db.run(scope, async (m) => {
      const org = await this.visibleOrg(m, scope, input.organizationId ?? scope.organizationId);
      await this.assertOwn(scope, org.id);
      const before = await this.repo.find(m, org.id, input.year);
      if (before && annualReportMove(before.status, 'SAVE') === null)
        throw AnnualReportsException.statusStep(before.status, 'SAVE');
      const format = annualReportFormat(before?.format_version ?? CURRENT_ANNUAL_FORMAT_VERSION);
      const cells: Record<string, number | null> = {};
      for (const c of input.cells) cells[c.key] = c.value ?? null;
      const unknown = unknownAnnualCells(format, cells);
      if (unknown.length) throw AnnualReportsException.unknownCells(unknown);
      const previous = await this.repo.find(m, org.id, input.year - 1);
      const content = {
        formatVersion: format.version,
        overview: input.sections.overview,
        problems: input.sections.problems,
        other: input.sections.other,
        cells,
        failingRules: this.failing(format, cells, previous),
      };
      let row: ReportRow | null;
      if (!before) {
        if (input.version !== 0) throw AnnualReportsException.versionConflict();
        row = await this.repo.insert(m, org.id, input.year, content, scope.userId);
        if (!row) throw AnnualReportsException.versionConflict();
      } else {
        if (before.version !== input.version) throw AnnualReportsException.versionConflict();
        row = await this.repo.update(m, before.id, input.version, content, scope.userId);
        if (!row) throw AnnualReportsException.versionConflict();
      }
      await this.repo.addEvent(m, row, this.event(scope, 'SAVE', row.status, row.status, ''));
      await this.audit.record(m, scope, {
        action: AUDIT_ACTION.SAVE.action,
        targetType: 'AnnualReport',
        targetId: row.id,
        organizationId: org.id,
        changes: {
          after: { year: input.year, version: row.version, failingRules: row.failing_rules.length },
        },
      });
      return this.toDto(m, scope, org, input.year, row);
    });
  }

  submit(scope: Scope, id: string, version: number): Promise<AnnualReportDto> {
    return this.move(scope, id, version, 'SUBMIT', async (m, row, org) => {
      await this.assertOwn(scope, org.id);
      const format = annualReportFormat(row.format_version);
      const previous = await this.repo.find(m, row.organization_id, row.year - 1);
      const failed = failingRules(
        checkAnnualReport({ format, values: row.cells, previous: previous?.cells ?? null }),
      );
      if (failed.length) throw AnnualReportsException.failingRules(failed);
      return { status: 'SUBMITTED', submitted: true, failingRules: [], returnReason: null };
    });
  }

  approve(scope: Scope, id: string, version: number): Promise<AnnualReportDto> {
    return this.move(scope, id, version, 'APPROVE', async (_m, row, org) => {
      await this.assertOwn(scope, org.id);
      if (row.submitted_by === scope.userId) throw AnnualReportsException.ownSubmission();
      return { status: 'APPROVED', approved: true, returnReason: null };
    });
  }

  accept(scope: Scope, id: string, version: number): Promise<AnnualReportDto> {
    return this.move(scope, id, version, 'ACCEPT', async (_m, _row, org) => {
      await this.assertParent(scope, org.id);
      return { status: 'ACCEPTED', accepted: true, returnReason: null };
    });
  }

  returnReport(
    scope: Scope,
    id: string,
    version: number,
    reason: string,
  ): Promise<AnnualReportDto> {
    const text = reason.trim();
    if (text.length < 2)
      throw AppError.badInput('ANNUAL_REPORT_RETURN_REASON', '请填写退回原因', [
        { field: 'reason', message: '请填写退回原因' },
      ]);
    return this.move(scope, id, version, 'RETURN', async (m, row, org) => {
      if (row.status === 'SUBMITTED') {
        // The bureau's own reviewer sends a submitted report back before approving it.
        if (!hasRole(scope, Role.REVIEWER)) throw AppError.forbidden();
        await this.assertOwn(scope, org.id);
      } else {
        await this.assertParent(scope, org.id);
      }
      await this.notifications.notify(m, [
        {
          organizationId: org.id,
          kind: 'RETURNED',
          title: `${row.year}年政府信息公开工作年度报告被退回`,
          body: `退回原因：${text}`,
          link: `/annual-reports?year=${row.year}`,
        },
      ]);
      return { status: 'RETURNED', returnReason: text, reason: text };
    });
  }

  private async move(
    scope: Scope,
    id: string,
    version: number,
    action: Exclude<AnnualReportAction, 'SAVE'>,
    decide: (
      m: EntityManager,
      row: ReportRow,
      org: OrgRow,
    ) => Promise<{
      status: (typeof ANNUAL_REPORT_STATUSES)[number];
      submitted?: boolean;
      approved?: boolean;
      accepted?: boolean;
      failingRules?: string[];
      returnReason?: string | null;
      reason?: string;
    }>,
  ): Promise<AnnualReportDto> {
    return this.db.run(scope, async (m) => {
      const row = await this.repo.findById(m, id);
      if (!row || !(await this.db.canSee(scope, row.organization_id))) throw AppError.notFound();
      const org = await this.visibleOrg(m, scope, row.organization_id);
      if (annualReportMove(row.status, action) === null)
        throw AnnualReportsException.statusStep(row.status, action);
      const t = await decide(m, row, org);
      if (row.version !== version) throw AnnualReportsException.versionConflict();
      const after = await this.repo.transition(m, row.id, version, t, scope.userId);
      if (!after) throw AnnualReportsException.versionConflict();
      await this.repo.addEvent(
        m,
        after,
        this.event(scope, action, row.status, after.status, t.reason ?? ''),
      );
      await this.audit.record(m, scope, {
        action: AUDIT_ACTION[action].action,
        targetType: 'AnnualReport',
        targetId: row.id,
        organizationId: org.id,
        changes: {
          before: { status: row.status },
          after: {
            status: after.status,
            year: row.year,
            ...(t.reason ? { reason: t.reason } : {}),
          },
        },
      });
      return this.toDto(m, scope, org, row.year, after);
    });
  }

  private event(
    scope: Scope,
    action: AnnualReportAction,
    from: string,
    to: string,
    reason: string,
  ) {
    return { action, from, to, reason, actorId: scope.userId, actorName: scope.username };
  }

  private failing(
    format: AnnualReportFormat,
    cells: AnnualCellValues,
    previous: ReportRow | null,
  ): string[] {
    return failingRules(
      checkAnnualReport({ format, values: cells, previous: previous?.cells ?? null }),
    ).map((c) => c.rule);
  }

  /** The organisation, if the caller sees it (code check, then RLS through `org_units`). */
  private async visibleOrg(m: EntityManager, scope: Scope, id: string): Promise<OrgRow> {
    await this.db.assertVisible(scope, id);
    const [org] = await this.repo.orgs(m, [id]);
    // The caller's own organisation is readable; a report of it is only visible when it is in
    // the caller's subtree (an assessor's scope is its assignments, not its own organisation).
    if (!org || !(await this.db.canSee(scope, id))) throw AppError.notFound();
    return org;
  }

  /** Whether the code-level tenant checks run (off only in the RLS-alone test mode). */
  private async checksInCode(scope: Scope): Promise<boolean> {
    return (await this.db.visibleOrgIds(scope)) !== null;
  }

  private async assertOwn(scope: Scope, organizationId: string): Promise<void> {
    if ((await this.checksInCode(scope)) && scope.organizationId !== organizationId)
      throw AnnualReportsException.notOwn();
  }

  /** Code-level check that the caller is the report's direct overseer (its parent bureau). */
  private async assertParent(scope: Scope, organizationId: string): Promise<void> {
    if (
      (await this.checksInCode(scope)) &&
      (await this.orgs.parentOf(organizationId)) !== scope.organizationId
    )
      throw AnnualReportsException.notOverseer();
  }

  /** The relation of the caller to the report, for the actions it may take. */
  private async actors(scope: Scope, organizationId: string): Promise<AnnualReportActor[]> {
    const out: AnnualReportActor[] = [];
    if (scope.organizationId === organizationId) {
      if (hasRole(scope, Role.EDITOR)) out.push('BUREAU_EDITOR');
      if (hasRole(scope, Role.REVIEWER)) out.push('BUREAU_REVIEWER');
    } else if (
      hasRole(scope, Role.REVIEWER, Role.ADMIN) &&
      (await this.orgs.parentOf(organizationId)) === scope.organizationId
    ) {
      out.push('OVERSEER');
    }
    return out;
  }

  async toDto(
    m: EntityManager,
    scope: Scope,
    org: OrgRow,
    year: number,
    row: ReportRow | null,
  ): Promise<AnnualReportDto> {
    const format = annualReportFormat(row?.format_version ?? CURRENT_ANNUAL_FORMAT_VERSION);
    const previous = await this.repo.find(m, org.id, year - 1);
    const prefill = previous ? carriedInFromPrevious(format, previous.cells) : null;
    const values: AnnualCellValues = row?.cells ?? prefill ?? {};
    const sections = {
      overview: row?.overview ?? '',
      problems: row?.problems ?? '',
      other: row?.other ?? DEFAULT_OTHER_SECTION,
    };
    const status = row?.status ?? 'DRAFT';
    const actors = await this.actors(scope, org.id);
    const actions = (['SAVE', 'SUBMIT', 'APPROVE', 'ACCEPT', 'RETURN'] as const).filter(
      (a) =>
        actors.some((who) => canActOnAnnualReport(status, a, who)) &&
        (a !== 'APPROVE' || row?.submitted_by !== scope.userId) &&
        (a === 'SAVE' || row !== null),
    );
    return {
      id: row?.id ?? null,
      year,
      organization: orgDto(org),
      status,
      version: row?.version ?? 0,
      formatVersion: format.version,
      sections,
      table2: tableCells(format, 'table2', values),
      table3: tableCells(format, 'table3', values),
      table4: tableCells(format, 'table4', values),
      carriedInPrefill: prefill
        ? Object.entries(prefill).map(([key, value]) => ({ key, value }))
        : [],
      previousValues: previous
        ? format.cells.map((c) => ({ key: c.key, value: previous.cells[c.key] ?? null }))
        : [],
      checks: checkAnnualReport({ format, values, sections, previous: previous?.cells ?? null }),
      deadline: annualReportDeadline(year),
      late: isAnnualReportLate(year, row?.first_submitted_at ?? null, this.clock.now()),
      submittedAt: row?.submitted_at ?? null,
      approvedAt: row?.approved_at ?? null,
      acceptedAt: row?.accepted_at ?? null,
      returnReason: row?.return_reason ?? null,
      actions,
      events: row
        ? (await this.repo.events(m, row.id)).map((e) => ({
            id: e.id,
            action: e.action,
            fromStatus: e.from_status,
            toStatus: e.to_status,
            reason: e.reason,
            actorName: e.actor_name,
            at: e.at,
          }))
        : [],
    };
  }
}
