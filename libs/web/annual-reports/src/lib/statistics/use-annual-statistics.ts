import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  AnnualReportStatisticsDocument,
  AnnualStatisticsContextDocument,
  MeDocument,
} from '@sunshine/web/graphql';

/** Data of 年报统计: year and organisation live in the address, so a drill-down can be shared. */
export function useAnnualStatistics() {
  const [params, setParams] = useSearchParams();
  const me = useQuery(MeDocument);
  const user = me.data?.me ?? null;
  // The year in progress by the server's clock (the report written about it is due next January).
  const context = useQuery(AnnualStatisticsContextDocument, { fetchPolicy: 'cache-and-network' });
  const current = context.data?.worklist?.year ?? null;
  const year = Number(params.get('year')) || current || 0;
  const orgId = params.get('org') ?? user?.organization.id ?? null;
  const q = useQuery(AnnualReportStatisticsDocument, {
    variables: { year, organizationId: orgId },
    skip: !orgId || !year,
    fetchPolicy: 'cache-and-network',
  });
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const data = q.data ?? q.previousData ?? null;
  return {
    user,
    year,
    yearOptions: current ? [current, current - 1, current - 2, current - 3] : [],
    setYear: (y: number) => set({ year: String(y) }),
    drillTo: (id: string | null) => set({ org: id === user?.organization.id ? null : id }),
    summary: data?.annualReportSummary ?? null,
    statistics: data?.annualReportStatistics ?? null,
    loading: q.loading,
    error: q.error ?? context.error ?? me.error ?? null,
    refetch: () => void q.refetch(),
  };
}
