import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  errorMessage,
  MeDocument,
  WorklistAssignmentsDocument,
  WorklistReportsDocument,
  type AssignmentsFilter,
  type ProgressReportsFilter,
} from '@sunshine/web/graphql';
import { useWorklistCounts } from './use-worklist-counts';
import { hasDeeperLevels, initialTab, worklistTabs, type WorklistTab } from './worklist-model';

export const WORKLIST_PAGE_SIZE = 20;

/** Tabs, filters, paging and queries of 进展填报 (the worklist). */
export function useWorklistPage() {
  const [params, setParams] = useSearchParams();
  const me = useQuery(MeDocument);
  const counts = useWorklistCounts();
  const [page, setPage] = useState(1);

  const user = me.data?.me ?? null;
  const orgId = user?.organization.id ?? null;
  const tabs = user ? worklistTabs(user.roles, user.organization.level) : [];
  const taskId = params.get('task');
  const unitId = params.get('unit');
  // 待验收: the direct subordinates' reports (accepted here) or, read-only, those further down.
  const deeper =
    params.get('depth') === 'deeper' && !!user && hasDeeperLevels(user.organization.level);
  const tab: WorklistTab =
    taskId && tabs.includes('all') ? 'all' : initialTab(params.get('tab'), tabs, counts);
  const reporting = counts ? { year: counts.year, quarter: counts.quarter } : null;
  const year = Number(params.get('year')) || reporting?.year || 0;
  const quarter = Number(params.get('quarter')) || reporting?.quarter || 0;
  const period = tab === 'all' ? { year, quarter } : reporting;

  const paging = { limit: WORKLIST_PAGE_SIZE, offset: (page - 1) * WORKLIST_PAGE_SIZE };
  const assignmentFilter: AssignmentsFilter | null =
    orgId && period && (tab === 'toFill' || tab === 'all')
      ? {
          organizationId: orgId,
          year: period.year,
          quarter: period.quarter,
          missingOnly: tab === 'toFill' ? true : null,
          taskId: tab === 'all' ? taskId : null,
          ...paging,
        }
      : null;
  const reportFilter: ProgressReportsFilter | null =
    orgId && (tab === 'returned' || tab === 'toReview' || tab === 'toAccept')
      ? {
          organizationId: tab === 'toAccept' && unitId ? unitId : orgId,
          includeDescendants: tab === 'toAccept',
          // The overseer accepts its subordinates' reports; its own approved ones wait for its parent.
          belowOnly: tab === 'toAccept' ? true : null,
          subordinates: tab === 'toAccept' ? (deeper ? 'DEEPER' : 'DIRECT') : null,
          returnedOnly: tab === 'returned' ? true : null,
          status: tab === 'toReview' ? 'SUBMITTED' : tab === 'toAccept' ? 'APPROVED' : null,
          ...paging,
        }
      : null;

  const assignments = useQuery(WorklistAssignmentsDocument, {
    variables: { filter: assignmentFilter ?? { year: 0, quarter: 0 } },
    skip: !assignmentFilter,
    fetchPolicy: 'cache-and-network',
  });
  const reports = useQuery(WorklistReportsDocument, {
    variables: { filter: reportFilter },
    skip: !reportFilter,
    fetchPolicy: 'cache-and-network',
  });

  const assignmentData = assignments.data ?? assignments.previousData;
  const reportData = reports.data ?? reports.previousData;
  const reportItems = reportData?.progressReports.items ?? [];

  const setParam = (patch: Record<string, string | null>) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
    setPage(1);
  };

  const active = tab === 'toFill' || tab === 'all' ? assignments : reports;
  return {
    user,
    counts,
    tabs,
    tab,
    setTab: (t: WorklistTab) => setParam({ tab: t, task: null }),
    reporting,
    period,
    setPeriod: (p: { year: number; quarter: number }) =>
      setParam({ tab: 'all', year: String(p.year), quarter: String(p.quarter) }),
    taskId,
    clearTask: () => setParam({ task: null }),
    unitId,
    setUnit: (id: string | null) => setParam({ unit: id }),
    deeper,
    canGoDeeper: !!user && hasDeeperLevels(user.organization.level),
    setDeeper: (d: boolean) => setParam({ depth: d ? 'deeper' : null, unit: null }),
    refetchReports: () => reports.refetch(),
    page,
    setPage,
    assignments: assignmentData?.assignments.items ?? [],
    assignmentTotal: assignmentData?.assignments.total ?? 0,
    reports: reportItems,
    reportTotal: reportData?.progressReports.total ?? 0,
    loading: active.loading,
    error: active.error ? errorMessage(active.error, '待办列表加载失败') : null,
    retry: () => void active.refetch(),
  };
}
