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
