import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auditTargetName, formatQuarterZh, makeQuarter } from '@sunshine/shared/domain';
import type { AuditTargetDto } from './dtos/audit-event.dto';
import {
  AuditEventsRepository,
  type AuditEventRow,
  type PlanNameRow,
  type ReportNameRow,
} from './audit-events.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

const taskName = (number: string | null, title: string): string =>
  number ? `${number} ${title}` : title;

/** A person's name with the account: 张三（340102-editor）. */
function userName(change: Json | null): string | null {
  if (!change) return null;
  const display = str(change['displayName']);
  const username = str(change['username']);
  if (display && username && display !== username) return `${display}（${username}）`;
  return display ?? username;
}

/** The names the events of one page need, read in at most three statements. */
interface Names {
  plans: Map<string, PlanNameRow>;
  reports: Map<string, ReportNameRow>;
  orgs: Map<string, string>;
}

/**
 * Names what each audit event is about, in Chinese: the task number and title of a report or a
 * task, the plan's title, the unit's name, the file's name, the person's name. Names come from the
 * owners' published read interfaces (plans' `audit_plan_names()`, reporting's
 * `audit_report_names()`, organizations' `org_units`), never from their tables; what an event
 * recorded in its own `changes` (a deleted task's title, a file name) fills in what no longer
 * exists.
 */
@Injectable()
export class AuditTargetNames {
  constructor(private readonly repo: AuditEventsRepository) {}

  async name(
    m: EntityManager,
    rows: readonly AuditEventRow[],
  ): Promise<Map<string, AuditTargetDto>> {
    const ids = (type: string) =>
      rows.filter((r) => r.target_type === type && r.target_id && UUID.test(r.target_id));
    const reportIds = new Set<string>();
    for (const r of ids('ProgressReport')) reportIds.add(r.target_id ?? '');
    for (const r of rows.filter((e) => e.target_type === 'EvidenceFile')) {
      const reportId = str(obj(r.changes)?.['reportId']);
      if (reportId && UUID.test(reportId)) reportIds.add(reportId);
    }
    const reports = new Map(
      (await this.repo.reportNames(m, [...reportIds])).map((r) => [r.id, r] as const),
    );
    const planIds = new Set<string>();
    for (const type of ['Plan', 'PlanTask', 'Assignment'])
      for (const r of ids(type)) planIds.add(r.target_id ?? '');
    for (const r of reports.values()) planIds.add(r.task_id);
    const plans = new Map(
      (await this.repo.planNames(m, [...planIds])).map((p) => [p.id, p] as const),
    );
    const orgIds = new Set<string>();
    for (const r of ids('Organization')) orgIds.add(r.target_id ?? '');
    for (const p of plans.values()) if (p.kind === 'Assignment') orgIds.add(p.organization_id);
    for (const r of reports.values()) orgIds.add(r.organization_id);
    const orgs = await this.repo.orgNames(m, [...orgIds]);
    const names: Names = { plans, reports, orgs };
    return new Map(rows.flatMap((r) => (r.target_type ? [[r.id, target(r, names)] as const] : [])));
  }
}

function reportDetail(
  report: ReportNameRow | undefined,
  names: Names,
  eventOrg: string | null,
): { task: string | null; detail: string | null } {
  if (!report) return { task: null, detail: null };
  const task = names.plans.get(report.task_id);
  const parts = [formatQuarterZh(makeQuarter(report.year, report.quarter))];
  if (report.organization_id !== eventOrg) {
    const org = names.orgs.get(report.organization_id);
    if (org) parts.push(org);
  }
  return { task: task ? taskName(task.number, task.title) : null, detail: parts.join(' · ') };
}

function target(r: AuditEventRow, names: Names): AuditTargetDto {
  const type = r.target_type ?? '';
  const id = r.target_id;
  const changes = obj(r.changes);
  const before = obj(changes?.['before']);
  const after = obj(changes?.['after']);
  const base: AuditTargetDto = {
    type,
    typeLabel: auditTargetName(type),
    id,
    name: null,
    detail: null,
  };
  switch (type) {
    case 'Plan': {
      const plan = id ? names.plans.get(id) : undefined;
      const category = str(changes?.['name']);
      return {
        ...base,
        name: plan?.title ?? str(after?.['title']) ?? str(changes?.['title']),
        detail: category ? `类别：${category}` : null,
      };
    }
    case 'PlanTask': {
      const task = id ? names.plans.get(id) : undefined;
      const title = str(before?.['title']) ?? str(after?.['title']) ?? str(changes?.['title']);
      const number = str(before?.['number']) ?? str(after?.['number']) ?? str(changes?.['number']);
      return {
        ...base,
        name: task ? taskName(task.number, task.title) : title ? taskName(number, title) : null,
      };
    }
    case 'Assignment': {
      const a = id ? names.plans.get(id) : undefined;
      return {
        ...base,
        name: a ? taskName(a.number, a.title) : str(changes?.['task']),
        detail: a ? (names.orgs.get(a.organization_id) ?? null) : null,
      };
    }
    case 'ProgressReport': {
      const { task, detail } = reportDetail(
        id ? names.reports.get(id) : undefined,
        names,
        r.organization_id,
      );
      return { ...base, name: task, detail };
    }
    case 'EvidenceFile': {
      const reportId = str(changes?.['reportId']);
      const { task, detail } = reportDetail(
        reportId ? names.reports.get(reportId) : undefined,
        names,
        r.organization_id,
      );
      return {
        ...base,
        name: str(changes?.['fileName']),
        detail: task ? [task, detail].filter(Boolean).join(' · ') : null,
      };
    }
    case 'Organization':
      return { ...base, name: id ? (names.orgs.get(id) ?? null) : null };
    case 'User': {
      // Sign-in and session events are about the actor; account changes carry the account.
      const named = userName(after) ?? userName(before) ?? str(changes?.['username']);
      const self = id !== null && id === r.user_id ? r.username : null;
      return { ...base, name: named ?? self ?? (id && !UUID.test(id) ? id : null) };
    }
    case 'AuditTrail':
      return { ...base, name: id ? `链头事件 #${id}` : null };
    case 'System':
      return { ...base, name: '阳光督导' };
    default:
      return base;
  }
}
