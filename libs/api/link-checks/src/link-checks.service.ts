import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AppError,
  AuditTrail,
  JobQueue,
  LinkChecks,
  OrgDirectory,
  systemScope,
  TenantDatabase,
  type AppConfig,
  type LinkOwnerRef,
  type LinkStatus,
  type Scope,
} from '@sunshine/api/core';
import { DUTY_ROLES } from '@sunshine/shared/domain';
import { eachLimited } from './each-limited';
import { isBroken, LinkFetcher, type FetchResult } from './link-fetcher';
import { LinksRepository, type CheckRow, type StatusRow } from './links.repository';
import { cleanUrls, lookupUrls, toStatus } from './link-inputs';
import { AllowList } from './url-policy';

export const LINK_CHECK_JOB = 'link-checks.check';
export const LINK_SWEEP_JOB = 'link-checks.sweep';
/** Links per check job. */
export const LINK_CHECK_BATCH = 50;
/** Most links the schedule queues per run (the rest wait for the next run). */
const SWEEP_MAX = 20_000;
/**
 * An on-demand re-check does not queue a link checked less than this long ago (nor one already
 * waiting): repeated clicks cannot turn the server into a request pump against a site.
 */
export const RECHECK_MIN_INTERVAL_MS = 60_000;
export { MAX_URLS_PER_CALL } from './link-inputs';
export { eachLimited } from './each-limited';

export interface CheckJob {
  linkIds: string[];
  /** ISO time the job was queued: links checked since then are skipped (a re-run does nothing twice). */
  requestedAt: string;
}

/**
 * The link checker: registration for other features (the `LinkChecks` port), status, history,
 * and the checks themselves on the job queue, under the address policy of `LinkFetcher`. HTTP
 * requests never run inside a database transaction: a job reads its links, fetches them with
 * bounded concurrency and stores each result in a short transaction of its own.
 */
@Injectable()
export class LinkChecksService extends LinkChecks implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('LinkChecks');
  readonly fetcher: LinkFetcher;

  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: LinksRepository,
    private readonly jobs: JobQueue,
    private readonly orgs: OrgDirectory,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    const c = config.linkCheck;
    this.fetcher = new LinkFetcher(new AllowList(c.allow, c.ownOrigins), {
      timeoutMs: c.timeoutMs,
      maxBytes: c.maxBytes,
      maxRedirects: 5,
    });
  }

  onModuleInit(): void {
    const c = this.config.linkCheck;
    this.jobs.register<CheckJob>({
      name: LINK_CHECK_JOB,
      retryLimit: 3,
      retryDelaySeconds: 60,
      // A batch takes at most batch × timeout / concurrency; give it twice that.
      expireInSeconds:
        Math.ceil(((LINK_CHECK_BATCH * c.timeoutMs) / c.concurrency / 1000) * 2) + 60,
      // pg-boss waits the polling interval between fetches even when busy: a short one keeps a
      // long queue moving (at most one batch per interval per instance).
      pollingIntervalSeconds: 1,
      handler: async (job) => {
        await this.runCheckJob(job);
      },
    });
    this.jobs.register<object>({
      name: LINK_SWEEP_JOB,
      cron: c.cron,
      retryLimit: 2,
      handler: async () => {
        await this.sweep();
      },
    });
  }

  /**
   * Demo mode: the seeded links (written by the demo seed, pointing at the app's own /demo-site)
   * are queued once the queue runs, instead of waiting for the nightly schedule.
   */
  onApplicationBootstrap(): void {
    if (!this.config.demo) return;
    setTimeout(() => {
      if (!this.jobs.running) return;
      this.jobs
        .send(LINK_SWEEP_JOB, {}, { singletonKey: 'demo-start' })
        .catch((e: unknown) => this.log.warn(`demo link sweep not queued: ${String(e)}`));
    }, 3_000).unref();
  }

  // ---- the port ------------------------------------------------------------------------------

  async register(
    scope: Scope,
    owner: LinkOwnerRef,
    urls: readonly string[],
    options: { replace?: boolean } = {},
  ): Promise<LinkStatus[]> {
    return this.db.run(scope, async (m) => {
      const ids = await this.registerEntries(m, scope, [{ owner, urls }], options.replace === true);
      return (await this.repo.statusByIds(m, ids)).map(toStatus);
    });
  }

  async registerMany(
    scope: Scope,
    entries: ReadonlyArray<{ owner: LinkOwnerRef; urls: readonly string[] }>,
    options: { replace?: boolean } = {},
  ): Promise<void> {
    if (!entries.length) return;
    await this.db.run(scope, (m) =>
      this.registerEntries(m, scope, entries, options.replace === true),
    );
  }

  /** Links, owner rows and the checks they need, in a few statements; answers the links' ids. */
  private async registerEntries(
    m: EntityManager,
    scope: Scope,
    entries: ReadonlyArray<{ owner: LinkOwnerRef; urls: readonly string[] }>,
    replace: boolean,
  ): Promise<string[]> {
    this.assertBusiness(scope);
    for (const { owner } of entries)
      if (!/^[a-z][a-z0-9-]{0,62}$/.test(owner.kind))
        throw new Error(`link owner kind must be lower-case words with dashes: ${owner.kind}`);
    const clean = entries.map((e) => ({ owner: e.owner, urls: cleanUrls(e.urls) }));
    for (const org of new Set(entries.map((e) => e.owner.organizationId)))
      await this.db.assertVisible(scope, org);
    const pairs = clean.flatMap((e) =>
      e.urls.map((url) => ({ organizationId: e.owner.organizationId, url })),
    );
    const links = pairs.length ? await this.repo.upsert(m, pairs) : [];
    const idOf = new Map(links.map((l) => [`${l.organization_id} ${l.url}`, l.id]));
    const rows = clean.flatMap((e) =>
      e.urls.map((url) => ({
        kind: e.owner.kind,
        ownerId: e.owner.id,
        linkId: idOf.get(`${e.owner.organizationId} ${url}`)!,
      })),
    );
    if (replace)
      await this.repo.dropOtherLinks(
        m,
        clean.map((e) => ({ kind: e.owner.kind, ownerId: e.owner.id })),
        rows,
      );
    const withoutBaseline = rows.length ? await this.repo.addOwners(m, rows) : [];
    await this.queue(m, [
      ...new Set([...links.filter((l) => l.created).map((l) => l.id), ...withoutBaseline]),
    ]);
    return [...new Set(rows.map((r) => r.linkId))];
  }

  async recheckOwners(
    scope: Scope,
    kinds: readonly string[],
    ownerIds: readonly string[],
  ): Promise<number> {
    this.assertBusiness(scope);
    if (!ownerIds.length) return 0;
    const visible = await this.db.visibleOrgIds(scope);
    return this.db.run(scope, async (m) => {
      const rows = (await this.repo.statusOfOwnerLinks(m, kinds, ownerIds)).filter(
        (r) => !visible || visible.includes(r.organization_id),
      );
      const now = Date.now();
      const due = rows.filter(
        (r) => !r.checked_at || now - r.checked_at.getTime() >= RECHECK_MIN_INTERVAL_MS,
      );
      await this.queue(
        m,
        due.map((r) => r.link_id),
      );
      if (rows.length)
        await this.audit.record(m, scope, {
          action: 'LINK_RECHECK',
          targetType: 'Link',
          changes: {
            owners: { kinds: [...kinds], count: ownerIds.length },
            links: rows.length,
            queued: due.length,
            organizations: new Set(rows.map((r) => r.organization_id)).size,
          },
        });
      return due.length;
    });
  }

  async statusOf(
    scope: Scope,
    urls: readonly string[],
    organizationId?: string,
  ): Promise<LinkStatus[]> {
    const clean = lookupUrls(urls);
    if (organizationId) await this.db.assertVisible(scope, organizationId);
    const visible = await this.db.visibleOrgIds(scope);
    const rows = await this.db.run(scope, (m) =>
      this.repo.statusByUrls(m, clean, organizationId ?? null),
    );
    return rows.filter((r) => !visible || visible.includes(r.organization_id)).map(toStatus);
  }

  async statusOfOwners(
    scope: Scope,
    kind: string,
    ownerIds: readonly string[],
  ): Promise<Map<string, LinkStatus[]>> {
    const visible = await this.db.visibleOrgIds(scope);
    const rows = await this.db.run(scope, (m) => this.repo.statusByOwners(m, kind, ownerIds));
    const out = new Map<string, LinkStatus[]>();
    for (const r of rows) {
      if (visible && !visible.includes(r.organization_id)) continue;
      const list = out.get(r.owner_id) ?? [];
      list.push(toStatus(r));
      out.set(r.owner_id, list);
    }
    return out;
  }

  async recheck(
    scope: Scope,
    target:
      | { urls: readonly string[]; organizationId?: string }
      | { owner: Omit<LinkOwnerRef, 'organizationId'> },
  ): Promise<number> {
    return (await this.recheckLinks(scope, target)).length;
  }

  // ---- GraphQL use cases -----------------------------------------------------------------------

  /** Queues a re-check and answers the links' current status (audited as LINK_RECHECK). */
  async recheckLinks(
    scope: Scope,
    target:
      | { urls: readonly string[]; organizationId?: string }
      | { owner: Omit<LinkOwnerRef, 'organizationId'> },
  ): Promise<LinkStatus[]> {
    this.assertBusiness(scope);
    const visible = await this.db.visibleOrgIds(scope);
    let urls: string[] | null = null;
    if ('urls' in target) {
      urls = lookupUrls(target.urls);
      if (target.organizationId) await this.db.assertVisible(scope, target.organizationId);
    }
    return this.db.run(scope, async (m) => {
      let rows: StatusRow[];
      if ('owner' in target) {
        const ids = await this.repo.idsOfOwner(m, target.owner.kind, target.owner.id);
        rows = await this.repo.statusByIds(m, ids);
      } else {
        rows = await this.repo.statusByUrls(m, urls ?? [], target.organizationId ?? null);
      }
      rows = rows.filter((r) => !visible || visible.includes(r.organization_id));
      if (!rows.length) throw AppError.notFound('LINK_NOT_FOUND', '没有找到这些链接（或无权访问）');
      const now = Date.now();
      await this.queue(
        m,
        rows
          .filter((r) => !r.checked_at || now - r.checked_at.getTime() >= RECHECK_MIN_INTERVAL_MS)
          .map((r) => r.link_id),
      );
      for (const org of new Set(rows.map((r) => r.organization_id)))
        await this.audit.record(m, scope, {
          action: 'LINK_RECHECK',
          targetType: 'Link',
          organizationId: org,
          changes: {
            urls: rows
              .filter((r) => r.organization_id === org)
              .map((r) => r.url)
              .slice(0, 50),
            ...('owner' in target ? { owner: target.owner } : {}),
          },
        });
      return rows.map(toStatus);
    });
  }

  async history(
    scope: Scope,
    organizationId: string,
    url: string,
    limit: number,
  ): Promise<{ link: LinkStatus; checks: CheckRow[] }> {
    this.assertBusiness(scope);
    const [clean] = lookupUrls([url]);
    await this.db.assertVisible(scope, organizationId);
    const found = await this.db.run(scope, (m) =>
      this.repo.history(m, organizationId, clean!, limit),
    );
    if (!found) throw AppError.notFound('LINK_NOT_FOUND', '没有找到该链接（或无权访问）');
    return { link: toStatus(found.link), checks: found.checks };
  }

  // ---- the checks ------------------------------------------------------------------------------

  /** Queues check jobs for these links in the caller's transaction (they exist only if it commits). */
  private async queue(m: EntityManager, linkIds: readonly string[]): Promise<void> {
    const requestedAt = new Date().toISOString();
    for (let i = 0; i < linkIds.length; i += LINK_CHECK_BATCH) {
      await this.jobs.send<CheckJob>(
        LINK_CHECK_JOB,
        { linkIds: linkIds.slice(i, i + LINK_CHECK_BATCH), requestedAt },
        { manager: m },
      );
    }
  }

  /** The schedule: queues every link not checked for `maxAgeHours`, in batches. */
  async sweep(now: Date = new Date()): Promise<number> {
    const scope = await this.systemScope();
    if (!scope) return 0;
    const before = new Date(now.getTime() - this.config.linkCheck.maxAgeHours * 3600_000);
    return this.db.run(scope, async (m) => {
      const due = await this.repo.due(m, before, SWEEP_MAX);
      await this.queue(
        m,
        due.map((d) => d.id),
      );
      return due.length;
    });
  }

  /** Runs one check job: the links not checked since it was queued, `concurrency` at a time. */
  async runCheckJob(job: CheckJob): Promise<number> {
    const scope = await this.systemScope();
    if (!scope) return 0;
    const since = new Date(job.requestedAt);
    if (Number.isNaN(since.getTime()) || !Array.isArray(job.linkIds)) {
      this.log.warn(`bad link check job ignored: ${JSON.stringify(job).slice(0, 200)}`);
      return 0;
    }
    const links = await this.db.run(scope, (m) => this.repo.pending(m, job.linkIds, since));
    let done = 0;
    await eachLimited(links, this.config.linkCheck.concurrency, async (link) => {
      const result = await this.fetcher.check(link.url);
      if (await this.store(scope, link.id, since, result)) done++;
    });
    return done;
  }

  /** Stores one result; false when the link was checked meanwhile (or removed). */
  private store(scope: Scope, linkId: string, since: Date, r: FetchResult): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const state = await this.repo.lockForResult(m, linkId, since);
      if (!state) return false;
      const ok = r.outcome === 'OK';
      const changed = ok && state.last_ok_hash !== null && state.last_ok_hash !== r.contentHash;
      const unchangedSinceFirst = ok && (state.first_hash ?? r.contentHash) === r.contentHash;
      // The text snapshot is kept when the content differs from the last check's: a page
      // checked daily for a year stores one copy per version, not one per day.
      const stored = r.contentHash === state.last_hash ? { ...r, snapshot: null } : r;
      await this.repo.saveCheck(
        m,
        { id: state.id, organizationId: state.organization_id, firstHash: state.first_hash },
        stored,
        { broken: isBroken(r.outcome), changed, unchangedSinceFirst },
        new Date(),
      );
      if (ok && r.contentHash)
        await this.repo.fillBaselines(m, state.id, r.contentHash, new Date());
      return true;
    });
  }

  private async systemScope(): Promise<Scope | null> {
    const tops = await this.orgs.topIds();
    return tops.length ? systemScope(tops) : null;
  }

  private assertBusiness(scope: Scope): void {
    if (scope.roles.length && scope.roles.every((r) => DUTY_ROLES.includes(r)))
      throw AppError.forbidden('NOT_BUSINESS_ROLE', '审计管理员和安全管理员不处理业务数据');
  }
}
