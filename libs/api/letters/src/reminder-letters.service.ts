import { Injectable } from '@nestjs/common';
import { AppError, AuditTrail, Clock, TenantDatabase, type Scope } from '@sunshine/api/core';
import { renderOfficialDocument } from '@sunshine/api/official-docs';
import {
  chinaDateOf,
  isAssessmentIssueOverdue,
  meetsRequirement,
  makeQuarter,
  ReportingCalendar,
  Role,
} from '@sunshine/shared/domain';
import { LetterFactsRepository } from './letter-facts.repository';
import {
  reminderCounts,
  reminderLetterDocument,
  type ReminderLetterFacts,
} from './reminder-letter';

/** Who may write to a bureau: its overseers' administrators and leaders. */
export const LETTER_ROLES: readonly Role[] = [Role.ADMIN, Role.LEADER];

/** The 催办函 to one bureau from one of its overseers. */
@Injectable()
export class ReminderLettersService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly facts: LetterFactsRepository,
  ) {}

  /** What the letter lists, as of the business day. */
  async gather(
    scope: Scope,
    organizationId: string,
    year: number,
    quarter: number,
  ): Promise<ReminderLetterFacts> {
    return this.db.run(scope, (m) => this.read(m, scope, organizationId, year, quarter));
  }

  private async read(
    m: Parameters<Parameters<TenantDatabase['run']>[1]>[0],
    scope: Scope,
    organizationId: string,
    year: number,
    quarter: number,
  ): Promise<ReminderLetterFacts> {
    if (!scope.roles.some((r) => LETTER_ROLES.includes(r)))
      throw AppError.forbidden('LETTER_ROLE', '只有上级单位的管理员或领导可以生成催办函');
    // A letter goes down the tree: only to a bureau strictly below the caller, checked in code
    // and again by walking the tree the caller may see (so it holds with RLS alone too).
    if (organizationId === scope.organizationId)
      throw AppError.forbidden('LETTER_OWN_ORGANIZATION', '催办函只能发给下级单位');
    await this.db.assertOverseer(scope, organizationId, '催办函只能发给下级单位');
    const bureau = await this.facts.bureau(m, organizationId);
    if (!bureau) throw AppError.notFound();
    if (!(await this.facts.isStrictlyBelow(m, bureau.id, scope.organizationId)))
      throw AppError.forbidden('LETTER_NOT_OVERSEER', '催办函只能发给下级单位');
    const issuer = await this.facts.bureau(m, scope.organizationId);
    const today = chinaDateOf(this.clock.now());

    const overdueReports = (await this.facts.unsentReports(m, bureau.id, year, quarter))
      .map((r) => ({
        taskNumber: r.task_number,
        taskTitle: r.task_title,
        year,
        quarter: r.quarter,
        dueDate: ReportingCalendar.forPlan({
          dueDaysAfterQuarter: r.due_days_after_quarter,
        }).dueDate(makeQuarter(year, r.quarter)),
      }))
      .filter((r) => r.dueDate < today);
    const overdueIssues = (await this.facts.openIssues(m, bureau.id))
      .filter((i) => isAssessmentIssueOverdue(i.status, i.deadline, today))
      .map((i) => ({
        issueType: i.issue_type,
        description: i.description,
        deadline: i.deadline,
        status: i.status,
      }));
    const trained = await this.facts.training(m, bureau.id, year);
    const rule = await this.facts.requirement(m, year, bureau.level);
    const requirement = rule && {
      minProvinceAttendees: rule.min_province_attendees,
      minHours: rule.min_hours,
    };
    const met = meetsRequirement(
      {
        trainees: 0,
        personHours: trained?.person_hours ?? 0,
        provinceAttendees: trained?.province_attendees ?? 0,
        trained: trained !== null,
      },
      requirement ? { level: bureau.level, ...requirement } : undefined,
    );
    return {
      bureauName: bureau.name,
      issuerName: issuer?.name ?? '',
      year,
      quarter,
      today,
      overdueReports,
      overdueIssues,
      training: met
        ? null
        : {
            requirement,
            provinceAttendees: trained?.province_attendees ?? 0,
            personHours: trained?.person_hours ?? 0,
          },
    };
  }

  /** The letter as .docx, audited as REMINDER_LETTER_EXPORT with what it lists (counts only). */
  async render(
    scope: Scope,
    organizationId: string,
    year: number,
    quarter: number,
  ): Promise<{ buffer: Buffer; fileName: string }> {
    return this.db.run(scope, async (m) => {
      const facts = await this.read(m, scope, organizationId, year, quarter);
      const buffer = await renderOfficialDocument(reminderLetterDocument(facts));
      await this.audit.record(m, scope, {
        action: 'REMINDER_LETTER_EXPORT',
        targetType: 'Organization',
        targetId: organizationId,
        organizationId,
        changes: { year, quarter, ...reminderCounts(facts) },
      });
      return { buffer, fileName: `关于督促${facts.bureauName}做好政务公开重点工作的函.docx` };
    });
  }
}
