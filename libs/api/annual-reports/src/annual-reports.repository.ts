import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import {
  ANNUAL_REPORT_STATUSES,
  ORG_LEVEL_ORDER,
  type AnnualReportAction,
  type AnnualReportStatus,
} from '@sunshine/shared/domain';

const isCells = (v: unknown): v is Record<string, number | null> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)));

export const ReportRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  year: col.int,
  format_version: col.text,
  status: col.oneOf(ANNUAL_REPORT_STATUSES),
  overview: col.text,
  problems: col.text,
  other: col.text,
  cells: col.json('cells', isCells),
  failing_rules: col.textArray,
  version: col.int,
  first_submitted_at: col.date.nullable,
  submitted_at: col.date.nullable,
  submitted_by: col.uuid.nullable,
  approved_at: col.date.nullable,
  approved_by: col.uuid.nullable,
  accepted_at: col.date.nullable,
  return_reason: col.text.nullable,
  updated_at: col.date,
});
export type ReportRow = RowOf<typeof ReportRow>;

const REPORT_COLUMNS = `id, organization_id, year, format_version, status, overview, problems, other,
  cells, failing_rules, version, first_submitted_at, submitted_at, submitted_by, approved_at,
  approved_by, accepted_at, return_reason, updated_at`;

export const EventRow = rowShape({
  id: col.uuid,
  action: col.text,
  from_status: col.text,
  to_status: col.text,
  reason: col.text,
  actor_name: col.text,
  at: col.date,
});
export type EventRow = RowOf<typeof EventRow>;

export const OrgRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(ORG_LEVEL_ORDER),
  parent_id: col.uuid.nullable,
});
export type OrgRow = RowOf<typeof OrgRow>;

export interface ReportContent {
  formatVersion: string;
  overview: string;
  problems: string;
  other: string;
  cells: Record<string, number | null>;
  failingRules: string[];
}

export interface ReportTransition {
  status: AnnualReportStatus;
  failingRules?: string[];
  submitted?: boolean;
  approved?: boolean;
  accepted?: boolean;
  returnReason?: string | null;
}

/** Annual reports and their events (this feature's own tables), and organisation facts from `org_units`. */
@Injectable()
export class AnnualReportsRepository {
  orgs(m: EntityManager, ids: readonly string[]): Promise<OrgRow[]> {
    return select(
      m,
      OrgRow,
      'SELECT id, code, name, level, parent_id FROM org_units WHERE id = ANY($1) ORDER BY code',
      [[...ids]],
    );
  }

  /** The organisation and everything below it that the caller may read, in code order. */
  subtree(m: EntityManager, rootId: string): Promise<OrgRow[]> {
    return select(
      m,
      OrgRow,
      `WITH RECURSIVE below AS (
         SELECT id, code, name, level, parent_id FROM org_units WHERE id = $1
         UNION ALL
         SELECT u.id, u.code, u.name, u.level, u.parent_id FROM org_units u JOIN below b ON u.parent_id = b.id
       )
       SELECT id, code, name, level, parent_id FROM below ORDER BY code`,
      [rootId],
    );
  }

  find(m: EntityManager, organizationId: string, year: number): Promise<ReportRow | null> {
    return selectOne(
      m,
      ReportRow,
      `SELECT ${REPORT_COLUMNS} FROM annual_reports WHERE organization_id = $1 AND year = $2`,
      [organizationId, year],
    );
  }

  findById(m: EntityManager, id: string): Promise<ReportRow | null> {
    return selectOne(m, ReportRow, `SELECT ${REPORT_COLUMNS} FROM annual_reports WHERE id = $1`, [
      id,
    ]);
  }

  /** Every stored report of the year for these organisations (RLS still applies). */
  ofYear(m: EntityManager, organizationIds: readonly string[], year: number): Promise<ReportRow[]> {
    return select(
      m,
      ReportRow,
      `SELECT ${REPORT_COLUMNS} FROM annual_reports WHERE organization_id = ANY($1) AND year = $2`,
      [[...organizationIds], year],
    );
  }

  insert(
    m: EntityManager,
    organizationId: string,
    year: number,
    c: ReportContent,
    userId: string,
  ): Promise<ReportRow | null> {
    return selectOne(
      m,
      ReportRow,
      `INSERT INTO annual_reports(organization_id, year, format_version, overview, problems, other, cells,
         failing_rules, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
       ON CONFLICT (organization_id, year) DO NOTHING
       RETURNING ${REPORT_COLUMNS}`,
      [
        organizationId,
        year,
        c.formatVersion,
        c.overview,
        c.problems,
        c.other,
        JSON.stringify(c.cells),
        c.failingRules,
        userId,
      ],
    );
  }

  /** Writes the content if the version still matches; null when it changed meanwhile (or RLS hides it). */
  update(
    m: EntityManager,
    id: string,
    version: number,
    c: ReportContent,
    userId: string,
  ): Promise<ReportRow | null> {
    return selectOne(
      m,
      ReportRow,
      `UPDATE annual_reports SET overview = $3, problems = $4, other = $5, cells = $6::jsonb,
         failing_rules = $7, updated_by = $8, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2
       RETURNING ${REPORT_COLUMNS}`,
      [
        id,
        version,
        c.overview,
        c.problems,
        c.other,
        JSON.stringify(c.cells),
        c.failingRules,
        userId,
      ],
    );
  }

  /** Moves the status if the version still matches, stamping who and when. */
  transition(
    m: EntityManager,
    id: string,
    version: number,
    t: ReportTransition,
    userId: string,
  ): Promise<ReportRow | null> {
    return selectOne(
      m,
      ReportRow,
      `UPDATE annual_reports SET status = $3::varchar,
         failing_rules = COALESCE($4, failing_rules),
         first_submitted_at = CASE WHEN $5 THEN COALESCE(first_submitted_at, now()) ELSE first_submitted_at END,
         submitted_at = CASE WHEN $5 THEN now() ELSE submitted_at END,
         submitted_by = CASE WHEN $5 THEN $8::uuid ELSE submitted_by END,
         approved_at = CASE WHEN $6 THEN now() WHEN $3::varchar = 'RETURNED' THEN NULL ELSE approved_at END,
         approved_by = CASE WHEN $6 THEN $8::uuid WHEN $3::varchar = 'RETURNED' THEN NULL ELSE approved_by END,
         accepted_at = CASE WHEN $7 THEN now() WHEN $3::varchar = 'RETURNED' THEN NULL ELSE accepted_at END,
         accepted_by = CASE WHEN $7 THEN $8::uuid WHEN $3::varchar = 'RETURNED' THEN NULL ELSE accepted_by END,
         return_reason = $9,
         updated_by = $8, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2
       RETURNING ${REPORT_COLUMNS}`,
      [
        id,
        version,
        t.status,
        t.failingRules ?? null,
        t.submitted ?? false,
        t.approved ?? false,
        t.accepted ?? false,
        userId,
        t.returnReason ?? null,
      ],
    );
  }

  async addEvent(
    m: EntityManager,
    r: Pick<ReportRow, 'id' | 'organization_id'>,
    e: {
      action: AnnualReportAction;
      from: string;
      to: string;
      reason: string;
      actorId: string;
      actorName: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO annual_report_events(report_id, organization_id, action, from_status, to_status, reason, actor_id, actor_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.id, r.organization_id, e.action, e.from, e.to, e.reason, e.actorId, e.actorName],
    );
  }

  events(m: EntityManager, reportId: string): Promise<EventRow[]> {
    return select(
      m,
      EventRow,
      `SELECT id, action, from_status, to_status, reason, actor_name, at
       FROM annual_report_events WHERE report_id = $1 ORDER BY at, id`,
      [reportId],
    );
  }
}
