import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

const TTL_MS = 60_000;

/**
 * The organisation hierarchy as ids only (from org_closure, which holds no names), cached in
 * memory, for code-level scope checks. The database derives the same sets itself for RLS.
 */
@Injectable()
export class OrgDirectory {
  private descendants = new Map<string, string[]>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  invalidate(): void {
    this.loadedAt = 0;
  }

  private async ensure(): Promise<void> {
    if (Date.now() - this.loadedAt < TTL_MS) return;
    this.loading ??= (async () => {
      const rows = (await this.ds.query(
        'SELECT ancestor_id, descendant_id FROM org_closure',
      )) as Array<{ ancestor_id: string; descendant_id: string }>;
      const map = new Map<string, string[]>();
      for (const r of rows) {
        const list = map.get(r.ancestor_id);
        if (list) list.push(r.descendant_id);
        else map.set(r.ancestor_id, [r.descendant_id]);
      }
      this.descendants = map;
      this.loadedAt = Date.now();
    })().finally(() => {
      this.loading = null;
    });
    await this.loading;
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
