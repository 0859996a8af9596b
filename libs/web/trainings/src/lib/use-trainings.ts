import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  MeDocument,
  TrainingContextDocument,
  TrainingCoverageDocument,
  TrainingSessionsDocument,
} from '@sunshine/web/graphql';

/** Data of the 培训 page: the year and organisation live in the address (drill-downs can be shared). */
export function useTrainings() {
  const [params, setParams] = useSearchParams();
  const me = useQuery(MeDocument);
  const context = useQuery(TrainingContextDocument, { fetchPolicy: 'cache-and-network' });
  const user = me.data?.me ?? null;
  const currentYear = context.data?.worklist?.year ?? null;
  const year = Number(params.get('year')) || currentYear;
  const orgId = params.get('org') ?? user?.organization.id ?? null;
  const quarterParam = Number(params.get('quarter'));
  const quarter = quarterParam >= 1 && quarterParam <= 4 ? quarterParam : null;
  const coverage = useQuery(TrainingCoverageDocument, {
    variables: { year: year ?? 0, organizationId: orgId, quarter },
    skip: !year || !orgId,
    fetchPolicy: 'cache-and-network',
  });
  const sessions = useQuery(TrainingSessionsDocument, {
    variables: { filter: { year: year ?? undefined } },
    skip: !year,
    fetchPolicy: 'cache-and-network',
  });
  const organizations = useMemo(() => context.data?.organizations ?? [], [context.data]);
  const roles = user?.roles ?? [];
  const canOrganise =
    (roles.includes('ADMIN') && user?.organization.level !== 'COUNTY') ||
    roles.includes('ASSESSOR');
  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const yearOptions = currentYear ? [currentYear, currentYear - 1, currentYear - 2] : [];
  return {
    user,
    year,
    yearOptions,
    setYear: (y: number) => set({ year: String(y) }),
    quarter,
    setQuarter: (q: number | null) => set({ quarter: q === null ? null : String(q) }),
    drillTo: (id: string | null) => set({ org: id }),
    orgId,
    organizations,
    canOrganise,
    coverage: coverage.data?.trainingCoverage ?? coverage.previousData?.trainingCoverage ?? null,
    coverageLoading: coverage.loading,
    coverageError: coverage.error ?? context.error ?? me.error ?? null,
    sessions: sessions.data?.trainingSessions ?? [],
    sessionsLoading: sessions.loading,
    refetch: () => {
      void coverage.refetch();
      void sessions.refetch();
    },
  };
}
