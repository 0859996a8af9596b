import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, type RowOf } from '@sunshine/api/core';
import { AUDIT_NOTIFICATION_KINDS } from '@sunshine/shared/domain';
import { NOTIFICATION_KINDS } from './notification-kind';

const NotificationRow = rowShape({
  id: col.uuid,
  kind: col.oneOf(NOTIFICATION_KINDS),
  title: col.text,
  body: col.text,
  link: col.text.nullable,
  created_at: col.date,
  read_at: col.date.nullable,
  total: col.int,
  unread: col.int,
});
export type NotificationRow = RowOf<typeof NotificationRow>;

/** An organisation's in-app notifications. Every method runs in the caller's transaction. */
@Injectable()
export class NotificationsRepository {
  /** One page, newest first; every row carries the total and the organisation's unread count. */
  page(
    m: EntityManager,
    q: {
      organizationId: string;
      unreadOnly: boolean;
      limit: number;
      offset: number;
      /** Audit alerts only (the audit administrator), or everything but them (business roles). */
      audit: boolean;
    },
  ): Promise<NotificationRow[]> {
    return select(
      m,
      NotificationRow,
      `SELECT id, kind, title, body, link, created_at, read_at, count(*) OVER () AS total,
              (SELECT count(*) FROM notifications WHERE organization_id = $1 AND read_at IS NULL
                 AND (kind = ANY ($4)) = $5) AS unread
       FROM notifications WHERE organization_id = $1 ${q.unreadOnly ? 'AND read_at IS NULL' : ''}
         AND (kind = ANY ($4)) = $5
       ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
      [q.organizationId, q.limit, q.offset, [...AUDIT_NOTIFICATION_KINDS], q.audit],
    );
  }

  /** Marks unread notifications read (all, or the given ids); answers how many changed. */
  markRead(
    m: EntityManager,
    organizationId: string,
    audit: boolean,
    ids?: readonly string[],
  ): Promise<number> {
    return execute(
      m,
      `UPDATE notifications SET read_at = now() WHERE organization_id = $1 AND read_at IS NULL
         AND (kind = ANY ($2)) = $3 ${ids ? 'AND id = ANY($4)' : ''}`,
      ids
        ? [organizationId, [...AUDIT_NOTIFICATION_KINDS], audit, [...ids]]
        : [organizationId, [...AUDIT_NOTIFICATION_KINDS], audit],
    );
  }
}
