import type { EntityManager } from 'typeorm';

export type NotificationKind =
  | 'DUE_SOON'
  | 'DUE_TOMORROW'
  | 'OVERDUE'
  | 'RETURNED'
  | 'REMINDER'
  | 'TASK_ADJUSTED'
  | 'ASSIGNMENT'
  /** Training: a session invitation, its registration deadline, the yearly requirement in Q4. */
  | 'TRAINING'
  /** Account security: a second factor reset by the security administrator. */
  | 'SECURITY'
  /** For the audit administrators only (a failed nightly verification of the audit trail). */
  | 'AUDIT_ALERT';

export interface NotificationInput {
  organizationId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string;
  /** Same key, same organisation: written once (deadline reminders run repeatedly). */
  dedupeKey?: string;
}

/**
 * Port: writes in-app notifications inside the caller's transaction (and under its RLS scope).
 * The notifications feature owns the table and provides the implementation; plans and reporting
 * inject this class (a Nest injection token) without importing that feature.
 */
export abstract class NotificationSink {
  /** Answers how many notifications were written (deduplicated ones are not). */
  abstract notify(m: EntityManager, items: NotificationInput[]): Promise<number>;
}
