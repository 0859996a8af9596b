import type { Scope } from '../tenancy/scope';

/**
 * Who a checked link belongs to: a record of another feature (e.g. an assessment issue's
 * location or a rectification link), in that record's organisation.
 */
export interface LinkOwnerRef {
  /** The owning record's kind, e.g. 'assessment-issue', 'assessment-rectification'. */
  kind: string;
  id: string;
  organizationId: string;
}

/** PENDING: never checked; OK; BROKEN: 4xx/5xx, DNS, timeout, network, TLS, redirect loop; BLOCKED: refused by the address policy. */
export type LinkHealth = 'PENDING' | 'OK' | 'BROKEN' | 'BLOCKED';

/** What went wrong (or OK) in the last check. */
export type LinkOutcome =
  'OK' | 'HTTP_ERROR' | 'DNS' | 'TIMEOUT' | 'NETWORK' | 'TLS' | 'REDIRECTS' | 'BLOCKED' | 'INVALID';

export const LINK_OUTCOMES: readonly LinkOutcome[] = [
  'OK',
  'HTTP_ERROR',
  'DNS',
  'TIMEOUT',
  'NETWORK',
  'TLS',
  'REDIRECTS',
  'BLOCKED',
  'INVALID',
];

/** The current state of one link of one organisation (the "链接状态" column). */
export interface LinkStatus {
  linkId: string;
  organizationId: string;
  url: string;
  health: LinkHealth;
  outcome: LinkOutcome | null;
  statusCode: number | null;
  finalUrl: string | null;
  responseMs: number | null;
  title: string | null;
  checkedAt: Date | null;
  /** The content differs from the previous successful check. */
  changed: boolean;
  /** The content is the same as at the first successful check (e.g. since the issue was raised). */
  unchangedSinceFirst: boolean;
  /** A short Chinese explanation of a broken or blocked link. */
  problem: string | null;
}

/**
 * The link checker (api-link-checks) for other features: they register the URLs their records
 * point at, read their status and ask for a re-check; the checker fetches them in the background
 * (job queue) under its address policy. Every method runs in the caller's tenant transaction when
 * there is one (`TenantDatabase.run` nests), so a registration commits with the record it serves.
 */
export abstract class LinkChecks {
  /**
   * Records the URLs of an owner (in `owner.organizationId`, which the scope must see) and queues
   * a first check of links never checked. `replace: true` makes these the owner's only URLs.
   * Refuses a URL that is not http(s), carries credentials or is too long (BAD_USER_INPUT,
   * reason `LINK_URL_INVALID`).
   */
  abstract register(
    scope: Scope,
    owner: LinkOwnerRef,
    urls: readonly string[],
    options?: { replace?: boolean },
  ): Promise<LinkStatus[]>;

  /** The status of these URLs in the organisations the scope sees (one entry per organisation that has the URL). */
  abstract statusOf(
    scope: Scope,
    urls: readonly string[],
    organizationId?: string,
  ): Promise<LinkStatus[]>;

  /** The status of every URL of these owners (one kind), keyed by owner id. */
  abstract statusOfOwners(
    scope: Scope,
    kind: string,
    ownerIds: readonly string[],
  ): Promise<Map<string, LinkStatus[]>>;

  /**
   * `register` for many owners in a few statements (an import of thousands of issues): each
   * entry's URLs become the owner's only ones when `replace` is set. Links new to an owner get a
   * baseline (`link_owner_refs.baseline_hash`: the content at the first successful check at or
   * after registration) and are queued for a check when they have none yet.
   */
  abstract registerMany(
    scope: Scope,
    entries: ReadonlyArray<{ owner: LinkOwnerRef; urls: readonly string[] }>,
    options?: { replace?: boolean },
  ): Promise<void>;

  /** Queues a re-check of every link of these owners (of the given kinds) the scope sees; answers how many links were queued. */
  abstract recheckOwners(
    scope: Scope,
    kinds: readonly string[],
    ownerIds: readonly string[],
  ): Promise<number>;

  /** Queues a re-check of the given URLs (in one organisation, or every visible one) or of an owner's URLs; answers how many links. */
  abstract recheck(
    scope: Scope,
    target:
      | { urls: readonly string[]; organizationId?: string }
      | { owner: Omit<LinkOwnerRef, 'organizationId'> },
  ): Promise<number>;
}
