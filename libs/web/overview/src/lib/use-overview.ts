import { useEffect, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  CompletionOverviewDocument,
  errorMessage,
  MeDocument,
  OrganizationAssignmentsDocument,
  OverviewContextDocument,
} from '@sunshine/web/graphql';
import {
  childRows,
  drillPath,
  periodFromParams,
  periodOptions,
  showsTasks,
  type Period,
} from './overview-model';

/** Search parameters of the overview: the period, the organisation drilled into, the open report. */
const PARAM = {
  year: 'year',
  quarter: 'quarter',
  org: 'org',
  /** `tasks`: list the organisation's own tasks even when it has subordinates (本级). */
  view: 'view',
  report: 'report',
} as const;

/** Data and navigation of 完成情况总览. State lives in the address, so drill-downs can be shared. */
export function useOverview() {
  const [params, setParams] = useSearchParams();
  const me = useQuery(MeDocument);
  const context = useQuery(OverviewContextDocument, { fetchPolicy: 'cache-and-network' });

  const worklist = context.data?.worklist;
  const current: Period | null = worklist
    ? { year: worklist.year, quarter: worklist.quarter }
    : null;
  const period = current ? periodFromParams(params, current) : null;
  const user = me.data?.me ?? null;
  const orgId = params.get(PARAM.org) ?? user?.organization.id ?? null;
  const forceTasks = params.get(PARAM.view) === 'tasks';
  // A drill-down (or the breadcrumb, or the back button) opens another unit: start at its top,
  // not mid-page where the clicked row was.
  const drilled = `${params.get(PARAM.org) ?? ''}|${params.get(PARAM.view) ?? ''}`;
  useEffect(() => {
    window.scrollTo({ top: 0, left: 0 });
  }, [drilled]);

  const overview = useQuery(CompletionOverviewDocument, {
    variables: period && orgId ? { ...period, organizationId: orgId } : { year: 0, quarter: 0 },
    skip: !period || !orgId,
    fetchPolicy: 'cache-and-network',
  });
  const data = overview.data?.completionOverview ?? overview.previousData?.completionOverview;
  const stale = Boolean(
    data &&
    (data.organization.id !== orgId ||
      data.quarter !== period?.quarter ||
      data.year !== period?.year),
  );
  const tasksView = data ? showsTasks(data, forceTasks) : false;

  const assignments = useQuery(OrganizationAssignmentsDocument, {
    variables: {
      filter: {
        organizationId: orgId,
        year: period?.year ?? 0,
        quarter: period?.quarter ?? 0,
        limit: 200,
      },
    },
    skip: !tasksView || !period || !orgId || stale,
    fetchPolicy: 'cache-and-network',
  });

  const orgs = context.data?.organizations;
  const path = useMemo(
    () => (orgs && user && orgId ? drillPath(orgs, user.organization.id, orgId) : []),
    [orgs, user, orgId],
  );
  const rows = useMemo(() => (data ? childRows(data) : []), [data]);
  const plans = context.data?.plans;
  const currentYear = worklist?.year;
  const currentQuarter = worklist?.quarter;
  const options = useMemo(
    () =>
      plans && currentYear && currentQuarter
        ? periodOptions(
            plans.filter((p) => p.status !== 'DRAFT').map((p) => p.year),
            { year: currentYear, quarter: currentQuarter },
          )
        : [],
    [plans, currentYear, currentQuarter],
  );

  const update = (patch: Record<string, string | null>, replace = false) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(patch)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );
  };

  const contextError = context.error && !context.data ? context.error : null;
  const overviewError = overview.error && !data ? overview.error : null;
  return {
    user,
    isAdmin: user?.roles.includes('ADMIN') ?? false,
    period,
    current,
    periodOptions: options,
    overview: data ?? null,
    refreshing: overview.loading && Boolean(data),
    stale,
    loading:
      (context.loading && !context.data) ||
      (overview.loading && !data) ||
      (!data && !overviewError && !contextError),
    error:
      contextError || overviewError
        ? errorMessage(contextError ?? overviewError, '完成情况加载失败')
        : null,
    retry: () => {
      void context.refetch();
      if (period && orgId) void overview.refetch();
    },
    refetch: () => void overview.refetch(),
    path,
    rows,
    tasksView,
    forceTasks,
    assignments:
      assignments.data?.assignments.items ?? assignments.previousData?.assignments.items ?? [],
    assignmentsLoading: assignments.loading && !assignments.data,
    assignmentsError: assignments.error
      ? errorMessage(assignments.error, '任务列表加载失败')
      : null,
    retryAssignments: () => void assignments.refetch(),
    reportId: params.get(PARAM.report),
    setPeriod: (p: Period) =>
      update({
        [PARAM.year]: String(p.year),
        [PARAM.quarter]: String(p.quarter),
        [PARAM.report]: null,
      }),
    /** Opens an organisation: its subordinates, or its tasks when it has none. */
    drillTo: (organizationId: string) =>
      update({
        [PARAM.org]: organizationId === user?.organization.id ? null : organizationId,
        [PARAM.view]: null,
        [PARAM.report]: null,
      }),
    /** The organisation's own tasks (本级). */
    showOwnTasks: (organizationId: string) =>
      update({ [PARAM.org]: organizationId, [PARAM.view]: 'tasks', [PARAM.report]: null }),
    openReport: (id: string) => update({ [PARAM.report]: id }),
    closeReport: () => update({ [PARAM.report]: null }, true),
  };
}

export type OverviewState = ReturnType<typeof useOverview>;
