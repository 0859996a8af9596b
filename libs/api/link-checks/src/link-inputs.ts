import { AppError, type LinkStatus } from '@sunshine/api/core';
import type { StatusRow } from './links.repository';
import { normalizeUrl, urlProblem } from './url-policy';

/** Most URLs per call of the API. */
export const MAX_URLS_PER_CALL = 200;

export function toStatus(r: StatusRow): LinkStatus {
  return {
    linkId: r.link_id,
    organizationId: r.organization_id,
    url: r.url,
    health: r.health,
    outcome: r.outcome,
    statusCode: r.status_code,
    finalUrl: r.final_url,
    responseMs: r.response_ms,
    title: r.title,
    checkedAt: r.checked_at,
    changed: r.changed,
    unchangedSinceFirst: r.unchanged_since_first,
    problem: r.problem,
  };
}

/** Validated, normalised, distinct URLs for registration; BAD_USER_INPUT names the first bad one. */
export function cleanUrls(urls: readonly string[]): string[] {
  if (urls.length > MAX_URLS_PER_CALL)
    throw AppError.badInput('LINK_TOO_MANY', `一次最多 ${MAX_URLS_PER_CALL} 个链接`);
  const out = new Set<string>();
  urls.forEach((u, i) => {
    const bad = urlProblem(u);
    if (bad)
      throw AppError.badInput('LINK_URL_INVALID', `第 ${i + 1} 个链接：${bad.message}`, [
        { field: `urls.${i}`, message: bad.message },
      ]);
    out.add(normalizeUrl(u));
  });
  return [...out];
}

/** URLs to look up: normalised like registration; ones that cannot be stored are dropped. */
export function lookupUrls(urls: readonly string[]): string[] {
  if (urls.length > MAX_URLS_PER_CALL)
    throw AppError.badInput('LINK_TOO_MANY', `一次最多 ${MAX_URLS_PER_CALL} 个链接`);
  return [...new Set(urls.filter((u) => !urlProblem(u)).map(normalizeUrl))];
}
