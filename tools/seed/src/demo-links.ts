import type { DataSource } from 'typeorm';
import { ASSESSMENT_LINK_KINDS } from '@sunshine/shared/domain';

/**
 * The demo's links point at the app's own local "bureau website" (apps/api/src/demo-site.ts,
 * served at /demo-site in demo mode only), never at the internet. Without a known address (the
 * test template, the CLI) the default port's origin is used and nothing is registered.
 */
export const DEFAULT_DEMO_SITE = 'http://localhost:3000';

export function demoSitePage(site: string, code: string, kind: 'gk' | 'zg', n: number): string {
  return `${site}/demo-site/${code}/${kind}/${n}.html`;
}

/**
 * A column path with the page it was found on, as assessors write it:
 * "政务公开-公开指南（http://…/gk/1234.html）". The page number comes from the row's position (no
 * random draw).
 */
export function demoColumnLocation(site: string, code: string, column: string, k: number): string {
  return `${column}（${demoSitePage(site, code, 'gk', 1000 + ((k * 7919 + Number(code)) % 9000))}）`;
}

/** The demo site page written in a location, if any. */
function pageIn(site: string, location: string): string | null {
  const url = /https?:\/\/[^\s（）]+/.exec(location)?.[0];
  return url?.startsWith(`${site}/demo-site/`) ? url : null;
}

/**
 * A rectification link with a realistic mix of outcomes, chosen by the page number already drawn
 * (no extra random draws, so the rest of the demo data stays the same): mostly a rectified page
 * (已变化), some the very page the issue was raised on (未变化: not fixed), some removed (404),
 * a redirect chain, a slow page, now and then one that never answers (timeout).
 */
export function demoRectificationLink(
  site: string,
  code: string,
  location: string,
  n: number,
): string {
  const v = n % 20;
  const raisedOn = pageIn(site, location);
  if (v >= 11 && v <= 13) return raisedOn ?? demoSitePage(site, code, 'gk', n);
  if (v === 14 || v === 15) return `${site}/demo-site/${code}/zg/${n}-missing.html`;
  if (v === 16) return `${site}/demo-site/moved/${code}/${n}`;
  if (v === 17) return `${site}/demo-site/slow/${code}/${n}.html`;
  if (n % 100 === 19) return `${site}/demo-site/hang/${code}/${n}.html`;
  return demoSitePage(site, code, 'zg', n);
}

/**
 * Registers the demo issues' URLs with the link checker's tables as the app would through the
 * `LinkChecks` port (a link per organisation and URL, an owner row per issue; never checked, so
 * the app queues them at start in demo mode). The URLs are already in the checker's normal form.
 * Runs as the owner.
 */
export async function seedDemoLinks(ds: DataSource, site: string): Promise<number> {
  const owners = `
    SELECT i.id AS owner_id, i.organization_id, '${ASSESSMENT_LINK_KINDS.location}' AS kind,
           substring(i.location FROM 'https?://[^\\s（）]+') AS url
    FROM assessment_issues i WHERE substring(i.location FROM 'https?://[^\\s（）]+') LIKE $1
    UNION
    SELECT i.id, i.organization_id, '${ASSESSMENT_LINK_KINDS.rectification}', u.url
    FROM assessment_issues i, unnest(i.rectification_links) AS u(url) WHERE u.url LIKE $1`;
  const pattern = `${site}/demo-site/%`;
  await ds.query(
    `INSERT INTO links (organization_id, url) SELECT DISTINCT organization_id, url FROM (${owners}) o
     ON CONFLICT (organization_id, url) DO NOTHING`,
    [pattern],
  );
  const [row] = (await ds.query(
    `WITH added AS (
       INSERT INTO link_owners (link_id, organization_id, owner_kind, owner_id)
       SELECT l.id, o.organization_id, o.kind, o.owner_id FROM (${owners}) o
       JOIN links l ON l.organization_id = o.organization_id AND l.url = o.url
       ON CONFLICT DO NOTHING RETURNING 1)
     SELECT count(*)::int AS n FROM added`,
    [pattern],
  )) as Array<{ n: number }>;
  return row?.n ?? 0;
}
