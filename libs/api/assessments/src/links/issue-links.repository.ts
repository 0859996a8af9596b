import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { ASSESSMENT_LINK_KINDS, ASSESSMENT_LINK_STATES } from '@sunshine/shared/domain';

const LOCATION = ASSESSMENT_LINK_KINDS.location;
const RECTIFICATION = ASSESSMENT_LINK_KINDS.rectification;
/** The states in order of precedence, as an SQL array (the issue shows the first one any link has). */
const PRECEDENCE = `ARRAY[${ASSESSMENT_LINK_STATES.map((s) => `'${s}'`).join(', ')}]::text[]`;

/**
 * One row per link of assessment issues, read from the link checker's published views
 * (`link_owner_refs` × `link_status`; RLS applies through them): its state and whether its page
 * is the one the issue was raised on. "The page when raised" is the baseline of the issue's
 * location links (their content at the first successful check after the issue was entered); a
 * rectification link whose content equals it is UNCHANGED — the page was not fixed.
 * `ownerCondition` restricts `r.owner_id` (the issue id).
 */
export function issueLinkRowsSql(ownerCondition: string): string {
  return `WITH refs AS (
      SELECT r.owner_kind, r.owner_id AS issue_id, r.baseline_hash, r.baseline_at, s.link_id,
             s.organization_id, s.url, s.health, s.outcome, s.status_code, s.final_url,
             s.response_ms, s.title, s.checked_at, s.problem, s.content_hash
      FROM link_owner_refs r JOIN link_status s ON s.link_id = r.link_id
      WHERE r.owner_kind IN ('${LOCATION}', '${RECTIFICATION}') AND (${ownerCondition})),
    raised AS (
      SELECT issue_id, array_agg(baseline_hash) AS hashes FROM refs
      WHERE owner_kind = '${LOCATION}' AND baseline_hash IS NOT NULL GROUP BY issue_id),
    compared AS (
      SELECT refs.*,
             CASE WHEN refs.health <> 'OK' OR refs.content_hash IS NULL THEN NULL
                  WHEN refs.owner_kind = '${RECTIFICATION}' THEN
                    CASE WHEN raised.hashes IS NULL THEN NULL
                         ELSE refs.content_hash = ANY (raised.hashes) END
                  WHEN refs.baseline_hash IS NULL THEN NULL
                  ELSE refs.content_hash = refs.baseline_hash END AS same_as_raised
      FROM refs LEFT JOIN raised USING (issue_id))
    SELECT compared.*,
           CASE WHEN health IN ('BROKEN', 'BLOCKED') THEN 'BROKEN'
                WHEN health = 'PENDING' THEN 'PENDING'
                WHEN owner_kind = '${RECTIFICATION}' AND same_as_raised THEN 'UNCHANGED'
                WHEN NOT same_as_raised THEN 'CHANGED'
                ELSE 'OK' END AS link_state
    FROM compared`;
}

/** One row per issue with links: `issue_id, state` (the link state of highest precedence). */
export function issueLinkStatesSql(ownerCondition: string): string {
  return `SELECT x.issue_id, (${PRECEDENCE})[min(array_position(${PRECEDENCE}, x.link_state))] AS state
    FROM (${issueLinkRowsSql(ownerCondition)}) x GROUP BY x.issue_id`;
}

export const LinkRow = rowShape({
  owner_kind: col.text,
  issue_id: col.uuid,
  link_id: col.uuid,
  organization_id: col.uuid,
  url: col.text,
  link_state: col.oneOf(ASSESSMENT_LINK_STATES),
  outcome: col.text.nullable,
  status_code: col.int.nullable,
  final_url: col.text.nullable,
  response_ms: col.int.nullable,
  title: col.text.nullable,
  checked_at: col.date.nullable,
  problem: col.text.nullable,
  same_as_raised: col.bool.nullable,
});
export type LinkRow = RowOf<typeof LinkRow>;

const BrokenRow = rowShape({ links: col.int, issues: col.int });

/** Reads of the assessment's links through the link checker's published views. */
@Injectable()
export class IssueLinksRepository {
  /** Every link of these issues, in one statement. */
  linksOf(m: EntityManager, issueIds: readonly string[]): Promise<LinkRow[]> {
    return select(
      m,
      LinkRow,
      `${issueLinkRowsSql('r.owner_id = ANY ($1::uuid[])')} ORDER BY issue_id, owner_kind, url`,
      [[...issueIds]],
    );
  }

  /** Distinct broken links among these issues, and the issues that have one. */
  async brokenAmong(
    m: EntityManager,
    issueIds: readonly string[],
  ): Promise<{ links: number; issues: number }> {
    const row = await selectOne(
      m,
      BrokenRow,
      `SELECT count(DISTINCT link_id)::int AS links, count(DISTINCT issue_id)::int AS issues
       FROM (${issueLinkRowsSql('r.owner_id = ANY ($1::uuid[])')}) x WHERE link_state = 'BROKEN'`,
      [[...issueIds]],
    );
    return row ?? { links: 0, issues: 0 };
  }
}
