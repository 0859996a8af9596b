import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type NotificationKind =
  | 'DUE_SOON'
  | 'DUE_TOMORROW'
  | 'OVERDUE'
  | 'RETURNED'
  | 'REMINDER'
  | 'TASK_ADJUSTED'
  | 'ASSIGNMENT';

export interface NotificationInput {
  organizationId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string;
  /** Same key, same organisation: written once (deadline reminders run repeatedly). */
  dedupeKey?: string;
}

/** Writes in-app notifications inside the caller's transaction (and under its RLS scope). */
@Injectable()
export class Notifier {
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
      const res = (await m.query(
        `INSERT INTO notifications(organization_id, kind, title, body, link, dedupe_key) VALUES ${tuples.join(',')}
         ON CONFLICT (organization_id, dedupe_key) DO NOTHING RETURNING id`,
        values,
      )) as unknown[];
      written += res.length;
    }
    return written;
  }
}
