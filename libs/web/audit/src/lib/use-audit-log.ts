import { useEffect, useState } from 'react';
import { useLazyQuery, useQuery } from '@apollo/client/react';
import type { Dayjs } from 'dayjs';
import {
  AuditEventsDocument,
  errorMessage,
  VerifyAuditTrailDocument,
  type AuditEventsFilter,
} from '@sunshine/web/graphql';
import { auditActionOptions, mergeOptions, type Option } from './audit-format';

export const AUDIT_PAGE_SIZE = 20;

export interface AuditFilters {
  range: [Dayjs, Dayjs] | null;
  userId?: string;
  action?: string;
  /** Followed from a row: one unit's events. */
  organization?: Option;
  /** Followed from a row: one object's events (value `type:id`, label its name). */
  target?: { type: string; id: string; label: string };
}

const INITIAL: AuditFilters = { range: null };

/** Filters, paging, the audit events query and the audit-trail verification of 审计日志. */
export function useAuditLog() {
  const [filters, setFilters] = useState<AuditFilters>(INITIAL);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(AUDIT_PAGE_SIZE);
  // The API has no user or action list for auditors; offer what the log has shown so far.
  const [userOptions, setUserOptions] = useState<Option[]>([]);
  const [actionOptions] = useState(auditActionOptions);

  const filter: AuditEventsFilter = {
    from: filters.range ? filters.range[0].startOf('day').toISOString() : null,
    to: filters.range ? filters.range[1].endOf('day').toISOString() : null,
    userId: filters.userId ?? null,
    action: filters.action ?? null,
    organizationId: filters.organization?.value ?? null,
    targetType: filters.target?.type ?? null,
    targetId: filters.target?.id ?? null,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  };
  const { data, previousData, loading, error, refetch } = useQuery(AuditEventsDocument, {
    variables: { filter },
    fetchPolicy: 'cache-and-network',
  });
  const result = data ?? previousData;
  const items = result?.auditEvents.items;

  useEffect(() => {
    if (!items) return;
    setUserOptions((known) =>
      mergeOptions(
        known,
        items.flatMap((e) =>
          e.userId ? [{ value: e.userId, label: e.username ?? e.userId }] : [],
        ),
      ),
    );
  }, [items]);

  const [verify, verification] = useLazyQuery(VerifyAuditTrailDocument, {
    fetchPolicy: 'network-only',
  });
  const [verifiedAt, setVerifiedAt] = useState<Date | null>(null);

  const update = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return {
    filters,
    /** The period and action the export covers (the list's filters, without paging or user). */
    exportRange: {
      from: filter.from ?? null,
      to: filter.to ?? null,
      action: filter.action ?? null,
    },
    setRange: (range: [Dayjs, Dayjs] | null) => update({ range }),
    setUserId: (userId: string | undefined) => update({ userId }),
    setAction: (action: string | undefined) => update({ action }),
    setOrganization: (organization: Option | undefined) => update({ organization }),
    setTarget: (target: AuditFilters['target']) => update({ target }),
    reset: () => {
      setFilters(INITIAL);
      setPage(1);
    },
    filtered:
      filters.range !== null ||
      !!filters.userId ||
      !!filters.action ||
      !!filters.organization ||
      !!filters.target,
    userOptions,
    actionOptions,
    events: items ?? [],
    total: result?.auditEvents.total ?? 0,
    page,
    pageSize,
    onPageChange: (next: number, size: number) => {
      setPage(size === pageSize ? next : 1);
      setPageSize(size);
    },
    loading,
    error: error ? errorMessage(error, '审计日志加载失败') : null,
    refetch: () => void refetch(),
    verify: async () => {
      try {
        await verify();
      } catch {
        // Shown through `verificationError`.
      } finally {
        setVerifiedAt(new Date());
      }
    },
    verifying: verification.loading,
    verification: verification.data?.verifyAuditTrail ?? null,
    verificationError: verification.error
      ? errorMessage(verification.error, '审计链校验失败，请稍后重试')
      : null,
    verifiedAt,
  };
}
