import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  col,
  rowShape,
  select,
  type NotificationInput,
  type NotificationSink,
} from '@sunshine/api/core';

const Written = rowShape({ id: col.uuid });

/**
 * Writes in-app notifications inside the caller's transaction (and under its RLS scope): the
 * NotificationSink port that plans and reporting use.
 */
@Injectable()
export class NotificationWriter implements NotificationSink {
  async notify(m: EntityManager, items: NotificationInput[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      const values: unknown[] = [];
      const tuples = chunk.map((n, j) => {
        values.push(
          n.organizationId,
          n.kind,
          n.title,
          n.body ?? '',
          n.link ?? null,
          n.dedupeKey ?? null,
        );
        const o = j * 6;
        return `($${o + 1}::uuid, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`;
      });
      const rows = await select(
        m,
        Written,
        `INSERT INTO notifications(organization_id, kind, title, body, link, dedupe_key) VALUES ${tuples.join(',')}
         ON CONFLICT (organization_id, dedupe_key) DO NOTHING RETURNING id`,
        values,
      );
      written += rows.length;
    }
    return written;
  }
}
