import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  col,
  execute,
  LINK_OUTCOMES,
  rowShape,
  select,
  selectOne,
  type RowOf,
} from '@sunshine/api/core';
import type { FetchResult } from './link-fetcher';

const HEALTH = ['PENDING', 'OK', 'BROKEN', 'BLOCKED'] as const;

const StatusRow = rowShape({
  link_id: col.uuid,
  organization_id: col.uuid,
  url: col.text,
  health: col.oneOf(HEALTH),
  outcome: col.oneOf(LINK_OUTCOMES).nullable,
  status_code: col.int.nullable,
  final_url: col.text.nullable,
  response_ms: col.int.nullable,
  title: col.text.nullable,
  checked_at: col.date.nullable,
  changed: col.bool,
  unchanged_since_first: col.bool,
  problem: col.text.nullable,
});
export type StatusRow = RowOf<typeof StatusRow>;

const OwnedStatusRow = rowShape({ ...StatusRow.columns, owner_id: col.uuid });
export type OwnedStatusRow = RowOf<typeof OwnedStatusRow>;

const CheckRow = rowShape({
  id: col.uuid,
  checked_at: col.date,
  outcome: col.oneOf(LINK_OUTCOMES),
  broken: col.bool,
  status_code: col.int.nullable,
  final_url: col.text.nullable,
  redirects: col.int,
  response_ms: col.int.nullable,
  content_type: col.text.nullable,
  bytes_read: col.int,
  truncated: col.bool,
  content_hash: col.text.nullable,
  title: col.text.nullable,
  snapshot: col.text.nullable,
  problem: col.text.nullable,
  changed: col.bool,
  unchanged_since_first: col.bool,
});
export type CheckRow = RowOf<typeof CheckRow>;

const DueRow = rowShape({ id: col.uuid, url: col.text });
const LinkState = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  first_hash: col.text.nullable,
  last_hash: col.text.nullable,
  last_ok_hash: col.text.nullable,
  last_checked_at: col.date.nullable,
});
const IdRow = rowShape({ id: col.uuid });

const STATUS_COLUMNS = `s.link_id, s.organization_id, s.url, s.health, s.outcome, s.status_code,
  s.final_url, s.response_ms, s.title, s.checked_at, s.changed, s.unchanged_since_first, s.problem`;

/** Links, their owners and their check history (api-link-checks' tables). Every method runs in the caller's transaction. */
@Injectable()
export class LinksRepository {
  /** Creates the links (organisation × URL) that do not exist yet; answers every given link with its id and whether it is new. */
  async upsert(
    m: EntityManager,
    pairs: ReadonlyArray<{ organizationId: string; url: string }>,
  ): Promise<Array<{ id: string; organization_id: string; url: string; created: boolean }>> {
    const Row = rowShape({
      id: col.uuid,
      organization_id: col.uuid,
      url: col.text,
      created: col.bool,
    });
    return select(
      m,
      Row,
      `WITH input AS (SELECT DISTINCT org, url FROM unnest($1::uuid[], $2::text[]) AS i(org, url)),
            added AS (
              INSERT INTO links (organization_id, url) SELECT org, url FROM input
              ON CONFLICT (organization_id, url) DO NOTHING RETURNING id, organization_id, url)
       SELECT id, organization_id, url, true AS created FROM added
       UNION ALL
       SELECT l.id, l.organization_id, l.url, false FROM links l
       JOIN input i ON i.url = l.url AND i.org = l.organization_id`,
      [pairs.map((p) => p.organizationId), pairs.map((p) => p.url)],
    );
  }

  /** With `replace`: removes each owner's links that are not among `keep`. */
  async dropOtherLinks(
    m: EntityManager,
    owners: ReadonlyArray<{ kind: string; ownerId: string }>,
    keep: ReadonlyArray<{ kind: string; ownerId: string; linkId: string }>,
  ): Promise<void> {
    await execute(
      m,
      `DELETE FROM link_owners o
       USING unnest($1::text[], $2::uuid[]) AS x(kind, owner_id)
       WHERE o.owner_kind = x.kind AND o.owner_id = x.owner_id
         AND NOT EXISTS (
           SELECT 1 FROM unnest($3::text[], $4::uuid[], $5::uuid[]) AS k(kind, owner_id, link_id)
           WHERE k.kind = o.owner_kind AND k.owner_id = o.owner_id AND k.link_id = o.link_id)`,
      [
        owners.map((o) => o.kind),
        owners.map((o) => o.ownerId),
        keep.map((k) => k.kind),
        keep.map((k) => k.ownerId),
        keep.map((k) => k.linkId),
      ],
    );
  }

  /**
   * Adds owner rows (existing ones keep their baseline). A new row's baseline is the link's
   * content when it was checked successfully within the last hour; answers the links of new rows
   * still without one (they need a check).
   */
  async addOwners(
    m: EntityManager,
    rows: ReadonlyArray<{ kind: string; ownerId: string; linkId: string }>,
  ): Promise<string[]> {
    const found = await select(
      m,
      IdRow,
      `WITH n AS (SELECT DISTINCT * FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS n(kind, owner_id, link_id)),
            fresh AS (SELECT l.id, l.organization_id,
                             l.last_outcome = 'OK' AND l.last_checked_at > now() - interval '1 hour' AS recent,
                             l.last_hash, l.last_checked_at FROM links l WHERE l.id IN (SELECT link_id FROM n)),
            ins AS (
              INSERT INTO link_owners (link_id, organization_id, owner_kind, owner_id, baseline_hash, baseline_at)
              SELECT n.link_id, f.organization_id, n.kind, n.owner_id,
                     CASE WHEN f.recent THEN f.last_hash END, CASE WHEN f.recent THEN f.last_checked_at END
              FROM n JOIN fresh f ON f.id = n.link_id
              ON CONFLICT DO NOTHING RETURNING link_id, baseline_hash)
       SELECT DISTINCT link_id AS id FROM ins WHERE baseline_hash IS NULL`,
      [rows.map((r) => r.kind), rows.map((r) => r.ownerId), rows.map((r) => r.linkId)],
    );
    return found.map((r) => r.id);
  }

  /** Owners without a baseline take this successful check's content as theirs. */
  async fillBaselines(m: EntityManager, linkId: string, hash: string, at: Date): Promise<void> {
    await execute(
      m,
      `UPDATE link_owners SET baseline_hash = $2, baseline_at = $3
       WHERE link_id = $1 AND baseline_hash IS NULL`,
      [linkId, hash, at],
    );
  }

  /** The links of these owners (of these kinds), once each. */
  statusOfOwnerLinks(
    m: EntityManager,
    kinds: readonly string[],
    ownerIds: readonly string[],
  ): Promise<StatusRow[]> {
    return select(
      m,
      StatusRow,
      `SELECT ${STATUS_COLUMNS} FROM link_status s WHERE s.link_id IN (
         SELECT o.link_id FROM link_owners o WHERE o.owner_kind = ANY ($1) AND o.owner_id = ANY ($2))
       ORDER BY s.url, s.organization_id`,
      [[...kinds], [...ownerIds]],
    );
  }

  statusByIds(m: EntityManager, ids: readonly string[]): Promise<StatusRow[]> {
    return select(
      m,
      StatusRow,
      `SELECT ${STATUS_COLUMNS} FROM link_status s WHERE s.link_id = ANY ($1) ORDER BY s.url`,
      [[...ids]],
    );
  }

  statusByUrls(
    m: EntityManager,
    urls: readonly string[],
    organizationId: string | null,
  ): Promise<StatusRow[]> {
    return select(
      m,
      StatusRow,
      `SELECT ${STATUS_COLUMNS} FROM link_status s
       WHERE s.url = ANY ($1) AND ($2::uuid IS NULL OR s.organization_id = $2)
       ORDER BY s.url, s.organization_id`,
      [[...urls], organizationId],
    );
  }

  statusByOwners(
    m: EntityManager,
    kind: string,
    ownerIds: readonly string[],
  ): Promise<OwnedStatusRow[]> {
    return select(
      m,
      OwnedStatusRow,
      `SELECT ${STATUS_COLUMNS}, o.owner_id FROM link_owners o
       JOIN link_status s ON s.link_id = o.link_id
       WHERE o.owner_kind = $1 AND o.owner_id = ANY ($2) ORDER BY o.owner_id, s.url`,
      [kind, [...ownerIds]],
    );
  }

  async idsOfOwner(m: EntityManager, kind: string, ownerId: string): Promise<string[]> {
    const rows = await select(
      m,
      IdRow,
      `SELECT link_id AS id FROM link_owners WHERE owner_kind = $1 AND owner_id = $2`,
      [kind, ownerId],
    );
    return rows.map((r) => r.id);
  }

  /** The link and its checks, newest first. */
  async history(
    m: EntityManager,
    organizationId: string,
    url: string,
    limit: number,
  ): Promise<{ link: StatusRow; checks: CheckRow[] } | null> {
    const link = await selectOne(
      m,
      StatusRow,
      `SELECT ${STATUS_COLUMNS} FROM link_status s WHERE s.organization_id = $1 AND s.url = $2`,
      [organizationId, url],
    );
    if (!link) return null;
    const checks = await select(
      m,
      CheckRow,
      `SELECT id, checked_at, outcome, broken, status_code, final_url, redirects, response_ms,
              content_type, bytes_read, truncated, content_hash, title, snapshot, problem, changed,
              unchanged_since_first
       FROM link_checks WHERE link_id = $1 ORDER BY checked_at DESC, id LIMIT $2`,
      [link.link_id, limit],
    );
    return { link, checks };
  }

  /** Links never checked or last checked before `before`, oldest first. */
  due(m: EntityManager, before: Date, limit: number): Promise<Array<{ id: string; url: string }>> {
    return select(
      m,
      DueRow,
      `SELECT id, url FROM links WHERE last_checked_at IS NULL OR last_checked_at < $1
       ORDER BY last_checked_at NULLS FIRST, id LIMIT $2`,
      [before, limit],
    );
  }

  /** The given links not checked since `since` (a re-run of a job skips what it already did). */
  pending(
    m: EntityManager,
    ids: readonly string[],
    since: Date,
  ): Promise<Array<{ id: string; url: string }>> {
    return select(
      m,
      DueRow,
      `SELECT id, url FROM links WHERE id = ANY ($1)
         AND (last_checked_at IS NULL OR last_checked_at < $2) ORDER BY id`,
      [[...ids], since],
    );
  }

  /** Locks the link and reads what a new check is compared with; null when checked since `since` (or gone). */
  lockForResult(m: EntityManager, id: string, since: Date) {
    return selectOne(
      m,
      LinkState,
      `SELECT l.id, l.organization_id, l.first_hash, l.last_hash, l.last_checked_at,
              (SELECT c.content_hash FROM link_checks c WHERE c.link_id = l.id AND c.outcome = 'OK'
                ORDER BY c.checked_at DESC, c.id LIMIT 1) AS last_ok_hash
       FROM links l WHERE l.id = $1 AND (l.last_checked_at IS NULL OR l.last_checked_at < $2)
       FOR UPDATE OF l`,
      [id, since],
    );
  }

  async saveCheck(
    m: EntityManager,
    link: { id: string; organizationId: string; firstHash: string | null },
    r: FetchResult,
    flags: { broken: boolean; changed: boolean; unchangedSinceFirst: boolean },
    at: Date,
  ): Promise<void> {
    await execute(
      m,
      `INSERT INTO link_checks (link_id, organization_id, checked_at, outcome, broken, status_code,
         final_url, redirects, response_ms, content_type, bytes_read, truncated, content_hash,
         title, snapshot, problem, changed, unchanged_since_first)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        link.id,
        link.organizationId,
        at,
        r.outcome,
        flags.broken,
        r.statusCode,
        r.finalUrl,
        r.redirects,
        r.responseMs,
        r.contentType?.slice(0, 200) ?? null,
        r.bytesRead,
        r.truncated,
        r.contentHash,
        r.title,
        r.snapshot,
        r.problem,
        flags.changed,
        flags.unchangedSinceFirst,
      ],
    );
    const ok = r.outcome === 'OK';
    await execute(
      m,
      `UPDATE links SET checks = checks + 1, last_checked_at = $2, last_outcome = $3,
         last_status_code = $4, last_final_url = $5, last_response_ms = $6, last_hash = $7,
         last_title = $8, last_problem = $9, last_changed = $10, last_unchanged_since_first = $11,
         first_hash = CASE WHEN first_hash IS NULL AND $12 THEN $7 ELSE first_hash END,
         first_ok_at = CASE WHEN first_ok_at IS NULL AND $12 THEN $2 ELSE first_ok_at END
       WHERE id = $1`,
      [
        link.id,
        at,
        r.outcome,
        r.statusCode,
        r.finalUrl,
        r.responseMs,
        r.contentHash,
        r.title,
        r.problem,
        flags.changed,
        flags.unchangedSinceFirst,
        ok,
      ],
    );
  }
}
