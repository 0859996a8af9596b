import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QueryCounter } from '../database/query-counter';

const TTL_MS = 60_000;

/**
 * The organisation hierarchy as ids only (from org_closure, which holds no names), cached in
 * memory, for code-level scope checks. The database derives the same sets itself for RLS.
 */
@Injectable()
export class OrgDirectory implements OnApplicationBootstrap {
  private descendants = new Map<string, string[]>();
  private parents = new Map<string, string>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  /** Never loaded, or invalidated: the next check waits for a reload. */
  private stale = true;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Loaded before the first request: a request must not be the one that waits for it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
  }

  /** Bumped by invalidate(): a reload that started before it does not count as fresh. */
  private generation = 0;

  invalidate(): void {
    this.loadedAt = 0;
    this.stale = true;
    this.generation++;
    this.loading = null;
  }

  /**
   * Loads the hierarchy when it was never loaded or was invalidated (an organisation changed).
   * When it is merely older than the TTL, the old copy answers and a reload runs in the
   * background: a request that holds a pooled connection in its transaction must never wait for
   * another connection (with every connection held by such requests, the pool would deadlock).
   */
  private async ensure(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    if (!this.stale) {
      void QueryCounter.inBackground(() => this.reload()).catch((e: unknown) =>
        console.error('[org-directory]', e),
      );
      return;
    }
    await this.reload();
  }

  private reload(): Promise<void> {
    const generation = this.generation;
    this.loading ??= (async () => {
      const rows = (await this.ds.query(
        'SELECT ancestor_id, descendant_id, depth FROM org_closure',
      )) as Array<{ ancestor_id: string; descendant_id: string; depth: number }>;
      const map = new Map<string, string[]>();
      const parents = new Map<string, string>();
      for (const r of rows) {
        if (r.depth === 1) parents.set(r.descendant_id, r.ancestor_id);
        const list = map.get(r.ancestor_id);
        if (list) list.push(r.descendant_id);
        else map.set(r.ancestor_id, [r.descendant_id]);
      }
      if (generation === this.generation) {
        this.descendants = map;
        this.parents = parents;
        this.loadedAt = Date.now();
        this.stale = false;
      }
    })().finally(() => {
      if (generation === this.generation) this.loading = null;
    });
    return this.loading;
  }

  /** True when `ancestor` is above `descendant` (not equal). */
  async isStrictAncestor(ancestor: string, descendant: string): Promise<boolean> {
    if (ancestor === descendant) return false;
    await this.ensure();
    return (this.descendants.get(ancestor) ?? []).includes(descendant);
  }

  /** The organisation's parent (null for a top organisation or an unknown id). */
  async parentOf(id: string): Promise<string | null> {
    await this.ensure();
    return this.parents.get(id) ?? null;
  }

  /** The direct children of an organisation. */
  async childrenOf(id: string): Promise<string[]> {
    await this.ensure();
    return [...this.parents].filter(([, parent]) => parent === id).map(([child]) => child);
  }

  /**
   * For each organisation of `orgIds`, the direct child of `rootId` whose subtree holds it
   * (null for the root itself or anything outside the subtree).
   */
  async childUnder(rootId: string, orgIds: readonly string[]): Promise<Map<string, string | null>> {
    await this.ensure();
    const out = new Map<string, string | null>();
    for (const id of orgIds) {
      let cur: string | undefined = id;
      let found: string | null = null;
      while (cur) {
        const parent = this.parents.get(cur);
        if (parent === rootId) {
          found = cur;
          break;
        }
        cur = parent;
      }
      out.set(id, found);
    }
    return out;
  }

  /** How many organisations there are in all. */
  async size(): Promise<number> {
    await this.ensure();
    return this.descendants.size;
  }

  /** Organisations without a parent: the roots of a system-wide scope. */
  async topIds(): Promise<string[]> {
    await this.ensure();
    return [...this.descendants.keys()].filter((id) => !this.parents.has(id));
  }

  /** Every organisation in the subtrees of the given roots (roots included). */
  async subtree(rootIds: readonly string[]): Promise<Set<string>> {
    await this.ensure();
    const out = new Set<string>();
    for (const root of rootIds) {
      for (const id of this.descendants.get(root) ?? []) out.add(id);
    }
    return out;
  }
}
