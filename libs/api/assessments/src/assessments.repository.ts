import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { issueLinkStatesSql } from './links/issue-links.repository';
import {
  ASSESSMENT_ISSUE_STATUSES,
  ASSESSMENT_ROUND_STATUSES,
  ASSESSMENT_SEVERITIES,
  ORG_LEVEL_ORDER,
  type AssessmentIssueStatus,
  type AssessmentSeverity,
} from '@sunshine/shared/domain';

export const RoundRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  title: col.text,
  assessor_name: col.text,
  period_start: col.day,
  period_end: col.day,
  indicator_system_id: col.uuid.nullable,
  default_deadline: col.day,
  default_deadline_working_days: col.int.nullable,
  deadline_warning: col.text,
  status: col.oneOf(ASSESSMENT_ROUND_STATUSES),
  created_at: col.date,
  published_at: col.date.nullable,
  closed_at: col.date.nullable,
  version: col.int,
});
export type RoundRow = RowOf<typeof RoundRow>;

const ROUND_COLUMNS = `id, organization_id, title, assessor_name, period_start, period_end,
  indicator_system_id, default_deadline, default_deadline_working_days, deadline_warning, status,
  created_at, published_at, closed_at, version`;

export const IssueRow = rowShape({
  id: col.uuid,
  round_id: col.uuid,
  organization_id: col.uuid,
  indicator_id: col.uuid.nullable,
  issue_type: col.text,
  description: col.text,
  location: col.text,
  severity: col.oneOf(ASSESSMENT_SEVERITIES),
  points_deducted: col.number,
  deadline: col.day,
  status: col.oneOf(ASSESSMENT_ISSUE_STATUSES),
  measure: col.text,
  rectification_links: col.textArray,
  dispute: col.bool,
  dispute_reason: col.text,
  submitted_by: col.uuid.nullable,
  answered_at: col.date.nullable,
  late: col.bool,
  verified_at: col.date.nullable,
  created_at: col.date,
  updated_at: col.date,
  version: col.int,
});
export type IssueRow = RowOf<typeof IssueRow>;

const ISSUE_COLUMNS = `id, round_id, organization_id, indicator_id, issue_type, description, location,
  severity, points_deducted, deadline, status, measure, rectification_links, dispute, dispute_reason,
  submitted_by, answered_at, late, verified_at, created_at, updated_at, version`;

export const EventRow = rowShape({
  id: col.uuid,
  issue_id: col.uuid,
  action: col.text,
  from_status: col.text.nullable,
  to_status: col.text,
  actor_name: col.text,
  comment: col.text,
  at: col.date,
});
export type EventRow = RowOf<typeof EventRow>;

export const IndicatorRow = rowShape({
  id: col.uuid,
  system_id: col.uuid,
  parent_id: col.uuid.nullable,
  level: col.int,
  code: col.text,
  name: col.text,
  points: col.number,
  standard: col.text,
  deduction_rule: col.text,
  veto: col.bool,
});
export type IndicatorRow = RowOf<typeof IndicatorRow>;

const SystemRow = rowShape({ id: col.uuid, organization_id: col.uuid, name: col.text });
export type SystemRow = RowOf<typeof SystemRow>;

const OrgRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(ORG_LEVEL_ORDER),
  parent_id: col.uuid.nullable,
});
export type OrgRow = RowOf<typeof OrgRow>;

const IdRow = rowShape({ id: col.uuid });
const RoundOrgRow = rowShape({ round_id: col.uuid, organization_id: col.uuid });
const RoundUserRow = rowShape({ round_id: col.uuid, user_id: col.uuid });

/** A new issue (manual entry or an import, in the caller's transaction). */
export interface NewIssue {
  roundId: string;
  organizationId: string;
  indicatorId: string | null;
  issueType: string;
  description: string;
  location: string;
  severity: AssessmentSeverity;
  pointsDeducted: number;
  deadline: string;
  createdBy: string;
}

export interface IssueFilterSql {
  roundId?: string;
  /** Organisations to include (an organisation with its descendants, resolved by the caller). */
  organizationIds?: string[];
  statuses?: AssessmentIssueStatus[];
  issueType?: string;
  /** Overdue relative to this China calendar day. */
  overdueOn?: string;
  /** Visible organisation ids for the code-level filter (null: RLS alone). */
  visibleOrgIds?: string[] | null;
  /** Issues whose link state is one of these (links/issue-links.repository.ts). */
  linkStates?: readonly string[];
  limit: number;
}

export interface IndicatorInputRow {
  key: string;
  parentKey: string | null;
  level: number;
  code: string;
  name: string;
  points: number;
  standard: string;
  deductionRule: string;
  veto: boolean;
}

/**
 * The assessments feature's tables: indicator systems, rounds (bureaus in scope, assessors),
 * issues and their events; organisations are read from the published `org_units` view.
 * Every method runs in the caller's transaction.
 */
@Injectable()
export class AssessmentsRepository {
  listRounds(m: EntityManager): Promise<RoundRow[]> {
    return select(
      m,
      RoundRow,
      `SELECT ${ROUND_COLUMNS} FROM assessment_rounds ORDER BY period_end DESC, created_at DESC`,
    );
  }

  findRound(m: EntityManager, id: string, lock = false): Promise<RoundRow | null> {
    return selectOne(
      m,
      RoundRow,
      `SELECT ${ROUND_COLUMNS} FROM assessment_rounds WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
  }

  async insertRound(
    m: EntityManager,
    r: {
      organizationId: string;
      title: string;
      assessorName: string;
      periodStart: string;
      periodEnd: string;
      indicatorSystemId: string | null;
      defaultDeadline: string;
      createdBy: string;
    },
  ): Promise<RoundRow> {
    const row = await selectOne(
      m,
      RoundRow,
      `INSERT INTO assessment_rounds(organization_id, title, assessor_name, period_start, period_end,
         indicator_system_id, default_deadline, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ROUND_COLUMNS}`,
      [
        r.organizationId,
        r.title,
        r.assessorName,
        r.periodStart,
        r.periodEnd,
        r.indicatorSystemId,
        r.defaultDeadline,
        r.createdBy,
      ],
    );
    if (!row) throw new Error('insert assessment_rounds returned no row');
    return row;
  }

  async setRoundStatus(
    m: EntityManager,
    id: string,
    status: 'PUBLISHED' | 'CLOSED',
  ): Promise<RoundRow | null> {
    return selectOne(
      m,
      RoundRow,
      `UPDATE assessment_rounds SET status = $2::varchar, updated_at = now(), version = version + 1,
         published_at = CASE WHEN $2::varchar = 'PUBLISHED' THEN now() ELSE published_at END,
         closed_at = CASE WHEN $2::varchar = 'CLOSED' THEN now() ELSE closed_at END
       WHERE id = $1 RETURNING ${ROUND_COLUMNS}`,
      [id, status],
    );
  }

  async addBureaus(m: EntityManager, roundId: string, orgIds: readonly string[]): Promise<void> {
    await execute(
      m,
      `INSERT INTO assessment_round_bureaus(round_id, organization_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [roundId, [...orgIds]],
    );
  }

  async addAssessors(
    m: EntityManager,
    roundId: string,
    issuerId: string,
    userIds: readonly string[],
  ): Promise<void> {
    await execute(
      m,
      `INSERT INTO assessment_round_assessors(round_id, user_id, organization_id)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [roundId, [...userIds], issuerId],
    );
  }

  async bureausOf(m: EntityManager, roundIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await select(
      m,
      RoundOrgRow,
      `SELECT round_id, organization_id FROM assessment_round_bureaus WHERE round_id = ANY($1)`,
      [[...roundIds]],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.round_id, [...(out.get(r.round_id) ?? []), r.organization_id]);
    return out;
  }

  async isBureauOf(m: EntityManager, roundId: string, orgId: string): Promise<boolean> {
    return (
      (await selectOne(
        m,
        RoundOrgRow,
        `SELECT round_id, organization_id FROM assessment_round_bureaus
         WHERE round_id = $1 AND organization_id = $2`,
        [roundId, orgId],
      )) !== null
    );
  }

  async assessorsOf(m: EntityManager, roundIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await select(
      m,
      RoundUserRow,
      `SELECT round_id, user_id FROM assessment_round_assessors WHERE round_id = ANY($1)`,
      [[...roundIds]],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.round_id, [...(out.get(r.round_id) ?? []), r.user_id]);
    return out;
  }

  /** Rounds this user is assigned to as an assessor. */
  async roundsAssessedBy(m: EntityManager, userId: string): Promise<Set<string>> {
    const rows = await select(
      m,
      RoundUserRow,
      `SELECT round_id, user_id FROM assessment_round_assessors WHERE user_id = $1`,
      [userId],
    );
    return new Set(rows.map((r) => r.round_id));
  }

  // ── indicator systems ──────────────────────────────────────────────────────────────────

  async insertSystem(
    m: EntityManager,
    orgId: string,
    name: string,
    createdBy: string,
    rows: readonly IndicatorInputRow[],
  ): Promise<string> {
    const sys = await selectOne(
      m,
      IdRow,
      `INSERT INTO indicator_systems(organization_id, name, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [orgId, name, createdBy],
    );
    if (!sys) throw new Error('insert indicator_systems returned no row');
    const ids = new Map<string, string>();
    let order = 0;
    for (const r of rows) {
      const parentId = r.parentKey === null ? null : (ids.get(r.parentKey) ?? null);
      const row = await selectOne(
        m,
        IdRow,
        `INSERT INTO indicators(system_id, organization_id, parent_id, level, code, name, points,
           standard, deduction_rule, veto, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          sys.id,
          orgId,
          parentId,
          r.level,
          r.code,
          r.name,
          r.points,
          r.standard,
          r.deductionRule,
          r.veto,
          order++,
        ],
      );
      if (row) ids.set(r.key, row.id);
    }
    return sys.id;
  }

  findSystem(m: EntityManager, id: string): Promise<SystemRow | null> {
    return selectOne(
      m,
      SystemRow,
      `SELECT id, organization_id, name FROM indicator_systems WHERE id = $1`,
      [id],
    );
  }

  listSystems(m: EntityManager): Promise<SystemRow[]> {
    return select(
      m,
      SystemRow,
      `SELECT id, organization_id, name FROM indicator_systems ORDER BY created_at DESC`,
    );
  }

  indicatorsOf(m: EntityManager, systemIds: readonly string[]): Promise<IndicatorRow[]> {
    return select(
      m,
      IndicatorRow,
      `SELECT id, system_id, parent_id, level, code, name, points, standard, deduction_rule, veto
       FROM indicators WHERE system_id = ANY($1) ORDER BY sort_order`,
      [[...systemIds]],
    );
  }

  findIndicator(m: EntityManager, id: string): Promise<IndicatorRow | null> {
    return selectOne(
      m,
      IndicatorRow,
      `SELECT id, system_id, parent_id, level, code, name, points, standard, deduction_rule, veto
       FROM indicators WHERE id = $1`,
      [id],
    );
  }

  // ── issues ─────────────────────────────────────────────────────────────────────────────

  /**
   * Inserts issues in the caller's transaction: the seam for an import (all-or-nothing in one
   * transaction with its own audit event).
   */
  async insertIssues(m: EntityManager, issues: readonly NewIssue[]): Promise<IssueRow[]> {
    if (issues.length === 0) return [];
    return select(
      m,
      IssueRow,
      `INSERT INTO assessment_issues(round_id, organization_id, indicator_id, issue_type, description,
         location, severity, points_deducted, deadline, created_by)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::text[], $6::text[],
         $7::varchar[], $8::numeric[], $9::date[], $10::uuid[])
       RETURNING ${ISSUE_COLUMNS}`,
      [
        issues.map((i) => i.roundId),
        issues.map((i) => i.organizationId),
        issues.map((i) => i.indicatorId),
        issues.map((i) => i.issueType),
        issues.map((i) => i.description),
        issues.map((i) => i.location),
        issues.map((i) => i.severity),
        issues.map((i) => i.pointsDeducted),
        issues.map((i) => i.deadline),
        issues.map((i) => i.createdBy),
      ],
    );
  }

  findIssue(m: EntityManager, id: string, lock = false): Promise<IssueRow | null> {
    return selectOne(
      m,
      IssueRow,
      `SELECT ${ISSUE_COLUMNS} FROM assessment_issues WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
  }

  /** Writes the changed fields of an issue and raises its version (the caller checked it). */
  async updateIssue(
    m: EntityManager,
    id: string,
    patch: {
      status: AssessmentIssueStatus;
      measure?: string;
      links?: string[];
      dispute?: boolean;
      disputeReason?: string;
      submittedBy?: string | null;
      answeredAt?: Date | null;
      late?: boolean;
      verifiedAt?: Date | null;
      deadline?: string;
    },
  ): Promise<IssueRow> {
    const row = await selectOne(
      m,
      IssueRow,
      `UPDATE assessment_issues SET
         status = $2::varchar,
         measure = coalesce($3, measure),
         rectification_links = coalesce($4::text[], rectification_links),
         dispute = coalesce($5, dispute),
         dispute_reason = coalesce($6, dispute_reason),
         submitted_by = CASE WHEN $7::boolean THEN $8::uuid ELSE submitted_by END,
         answered_at = CASE WHEN $9::boolean THEN $10::timestamptz ELSE answered_at END,
         late = coalesce($11, late),
         verified_at = CASE WHEN $12::boolean THEN $13::timestamptz ELSE verified_at END,
         deadline = coalesce($14::date, deadline),
         updated_at = now(), version = version + 1
       WHERE id = $1 RETURNING ${ISSUE_COLUMNS}`,
      [
        id,
        patch.status,
        patch.measure ?? null,
        patch.links ?? null,
        patch.dispute ?? null,
        patch.disputeReason ?? null,
        patch.submittedBy !== undefined,
        patch.submittedBy ?? null,
        patch.answeredAt !== undefined,
        patch.answeredAt ?? null,
        patch.late ?? null,
        patch.verifiedAt !== undefined,
        patch.verifiedAt ?? null,
        patch.deadline ?? null,
      ],
    );
    if (!row) throw new Error('update assessment_issues returned no row');
    return row;
  }

  async insertEvent(
    m: EntityManager,
    e: {
      issue: IssueRow;
      step: string;
      from: string | null;
      to: string;
      actorId: string;
      actorName: string;
      comment: string;
      at: Date;
    },
  ): Promise<void> {
    await execute(
      m,
      `INSERT INTO assessment_issue_events(issue_id, round_id, organization_id, action, from_status,
         to_status, actor_id, actor_name, comment, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        e.issue.id,
        e.issue.round_id,
        e.issue.organization_id,
        e.step,
        e.from,
        e.to,
        e.actorId,
        e.actorName,
        e.comment,
        e.at,
      ],
    );
  }

  eventsOf(m: EntityManager, issueIds: readonly string[]): Promise<EventRow[]> {
    return select(
      m,
      EventRow,
      `SELECT id, issue_id, action, from_status, to_status, actor_name, comment, at
       FROM assessment_issue_events WHERE issue_id = ANY($1) ORDER BY at, id`,
      [[...issueIds]],
    );
  }

  listIssues(m: EntityManager, f: IssueFilterSql): Promise<IssueRow[]> {
    // Problems of a round the caller cannot read (a draft, for its bureaus) stay hidden.
    const where: string[] = ['round_id IN (SELECT id FROM assessment_rounds)'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('$?', `$${params.length}`));
    };
    if (f.roundId) add('round_id = $?', f.roundId);
    if (f.organizationIds) add('organization_id = ANY($?::uuid[])', f.organizationIds);
    if (f.visibleOrgIds) add('organization_id = ANY($?::uuid[])', f.visibleOrgIds);
    if (f.statuses?.length) add('status = ANY($?::varchar[])', f.statuses);
    if (f.issueType) add('issue_type = $?', f.issueType);
    if (f.overdueOn)
      add(`status NOT IN ('VERIFIED','WITHDRAWN') AND deadline < $?::date`, f.overdueOn);
    if (f.linkStates?.length)
      add(
        `id IN (SELECT s.issue_id FROM (${issueLinkStatesSql('r.owner_id IN (SELECT id FROM assessment_issues)')}) s WHERE s.state = ANY($?::text[]))`,
        f.linkStates,
      );
    params.push(f.limit);
    return select(
      m,
      IssueRow,
      `SELECT ${ISSUE_COLUMNS} FROM assessment_issues
       WHERE ${where.join(' AND ')}
       ORDER BY deadline, created_at, id LIMIT $${params.length}`,
      params,
    );
  }

  /** Per bureau and type: the overview's raw counts for one round. */
  overviewCounts(m: EntityManager, roundId: string, today: string): Promise<OverviewCountRow[]> {
    return select(
      m,
      OverviewCountRow,
      `SELECT organization_id, issue_type,
         count(*) FILTER (WHERE status <> 'WITHDRAWN')::int AS issues,
         count(*) FILTER (WHERE status IN ('AWAITING_VERIFICATION','VERIFIED'))::int AS rectified,
         count(*) FILTER (WHERE status = 'VERIFIED')::int AS verified,
         count(*) FILTER (WHERE status = 'VERIFIED' AND NOT late)::int AS on_time,
         count(*) FILTER (WHERE status NOT IN ('VERIFIED','WITHDRAWN') AND deadline < $2::date)::int AS overdue,
         coalesce(sum(points_deducted) FILTER (WHERE status <> 'WITHDRAWN'), 0) AS points
       FROM assessment_issues WHERE round_id = $1
       GROUP BY organization_id, issue_type`,
      [roundId, today],
    );
  }

  orgUnits(m: EntityManager): Promise<OrgRow[]> {
    return select(
      m,
      OrgRow,
      `SELECT id, code, name, level, parent_id FROM org_units ORDER BY code`,
    );
  }

  findOrg(m: EntityManager, id: string): Promise<OrgRow | null> {
    return selectOne(
      m,
      OrgRow,
      `SELECT id, code, name, level, parent_id FROM org_units WHERE id = $1`,
      [id],
    );
  }

  orgsByIds(m: EntityManager, ids: readonly string[]): Promise<OrgRow[]> {
    return select(
      m,
      OrgRow,
      `SELECT id, code, name, level, parent_id FROM org_units WHERE id = ANY($1) ORDER BY code`,
      [[...ids]],
    );
  }
}

export const OverviewCountRow = rowShape({
  organization_id: col.uuid,
  issue_type: col.text,
  issues: col.int,
  rectified: col.int,
  verified: col.int,
  on_time: col.int,
  overdue: col.int,
  points: col.number,
});
export type OverviewCountRow = RowOf<typeof OverviewCountRow>;
