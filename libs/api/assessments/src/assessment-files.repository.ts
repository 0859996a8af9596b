import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, type RowOf } from '@sunshine/api/core';
import { ASSESSMENT_ISSUE_STATUSES, ORG_LEVEL_ORDER } from '@sunshine/shared/domain';
import type { IssueRow } from './assessments.repository';

export const RectificationExportRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  org_code: col.text,
  org_name: col.text,
  indicator_id: col.uuid.nullable,
  description: col.text,
  location: col.text,
  measure: col.text,
  rectification_links: col.textArray,
  dispute: col.bool,
  dispute_reason: col.text,
  answered_at: col.date.nullable,
  status: col.oneOf(ASSESSMENT_ISSUE_STATUSES),
});
export type RectificationExportRow = RowOf<typeof RectificationExportRow>;

const UnitRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(ORG_LEVEL_ORDER),
  parent_code: col.text.nullable,
});
export type ImportUnitRow = RowOf<typeof UnitRow>;

/**
 * Statements of the assessment files (issue-list import, 整改链接表 export) beyond the feature's
 * main repository: the organisations as the unit matcher needs them, the creation events of an
 * imported list in one statement, and the rows of the export. In the caller's transaction.
 */
@Injectable()
export class AssessmentFilesRepository {
  /** Visible organisations with their parent's division code (the matcher tells cities by it). */
  units(m: EntityManager): Promise<ImportUnitRow[]> {
    return select(
      m,
      UnitRow,
      `SELECT o.id, o.code, o.name, o.level, p.code AS parent_code
       FROM org_units o LEFT JOIN org_units p ON p.id = o.parent_id ORDER BY o.code`,
    );
  }

  /** One CREATE event per imported issue, in one statement. */
  async insertCreateEvents(
    m: EntityManager,
    issues: readonly IssueRow[],
    actor: { id: string; name: string },
    at: Date,
    comment: string,
  ): Promise<void> {
    if (issues.length === 0) return;
    await execute(
      m,
      `INSERT INTO assessment_issue_events(issue_id, round_id, organization_id, action, from_status,
         to_status, actor_id, actor_name, comment, at)
       SELECT t.issue_id, t.round_id, t.organization_id, 'CREATE', NULL, t.to_status, $5, $6, $7, $8
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[])
         AS t(issue_id, round_id, organization_id, to_status)`,
      [
        issues.map((i) => i.id),
        issues.map((i) => i.round_id),
        issues.map((i) => i.organization_id),
        issues.map((i) => i.status),
        actor.id,
        actor.name,
        comment,
        at,
      ],
    );
  }

  /**
   * A round's issues for the 整改链接表, by bureau code then entry order: of `rootId` and the
   * bureaus below it when given, and of `visibleOrgIds` when given (the code-level filter;
   * row-level security keeps the rest of the caller's reach out in any case).
   */
  exportRows(
    m: EntityManager,
    roundId: string,
    rootId: string | null,
    visibleOrgIds: readonly string[] | null,
  ): Promise<RectificationExportRow[]> {
    return select(
      m,
      RectificationExportRow,
      `WITH RECURSIVE below AS (
         SELECT id FROM org_units WHERE id = $2::uuid
         UNION ALL SELECT o.id FROM org_units o JOIN below ON o.parent_id = below.id
       )
       SELECT i.id, i.organization_id, o.code AS org_code, o.name AS org_name, i.indicator_id,
         i.description, i.location, i.measure, i.rectification_links, i.dispute, i.dispute_reason,
         i.answered_at, i.status
       FROM assessment_issues i JOIN org_units o ON o.id = i.organization_id
       WHERE i.round_id = $1
         AND ($2::uuid IS NULL OR i.organization_id IN (SELECT id FROM below))
         AND ($3::uuid[] IS NULL OR i.organization_id = ANY($3::uuid[]))
       ORDER BY o.code, i.created_at, i.id`,
      [roundId, rootId, visibleOrgIds === null ? null : [...visibleOrgIds]],
    );
  }
}
