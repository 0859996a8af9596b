import { useEffect, useMemo, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import {
  MeDocument,
  ScoreBreakdownDocument,
  ScorecardContextDocument,
  ScorecardDocument,
  ScorecardTrendDocument,
  type ScorecardQuery,
} from '@sunshine/web/graphql';
import { rankTogether, trendSeries } from './scorecard-model';

const PARAM = {
  year: 'year',
  quarter: 'quarter',
  org: 'org',
  /** The bureau whose breakdown is open. */
  bureau: 'bureau',
  /** `counties`: the counties of every city ranked together (province only). */
  scope: 'scope',
} as const;

export type ScorecardRowData = ScorecardQuery['scorecard']['rows'][number];

/**
 * Data of 考评. Year, quarter (empty: the year), the organisation whose subordinates are ranked,
 * the open breakdown and the province-wide county view live in the address.
 */
export function useScorecards() {
  const [params, setParams] = useSearchParams();
  const client = useApolloClient();
  const me = useQuery(MeDocument);
  const context = useQuery(ScorecardContextDocument, { fetchPolicy: 'cache-and-network' });
  const user = me.data?.me ?? null;
  const currentYear = context.data?.worklist?.year ?? null;
  const year = Number(params.get(PARAM.year)) || currentYear;
  const quarterParam = params.get(PARAM.quarter);
  // Default: year-to-date up to the reporting quarter of the current year; a past year: the year.
  const currentQuarter = context.data?.worklist?.quarter ?? null;
  const quarter =
    quarterParam === 'year'
      ? null
      : Number(quarterParam) || (year === currentYear ? currentQuarter : null);
  const orgId = params.get(PARAM.org) ?? user?.organization.id ?? null;
  const bureauId = params.get(PARAM.bureau);
  const allCounties = params.get(PARAM.scope) === 'counties';

  const scorecard = useQuery(ScorecardDocument, {
    variables: { year: year ?? 0, quarter, organizationId: orgId },
    skip: !year || !orgId,
    fetchPolicy: 'cache-and-network',
  });
  const trend = useQuery(ScorecardTrendDocument, {
    variables: { year: year ?? 0, organizationId: orgId },
    skip: !year || !orgId,
    // Not cached: its aliased scorecard(...) fields (no id, fewer fields) would overwrite the
    // main query's entry for the same arguments and make the two refetch each other for ever.
    fetchPolicy: 'no-cache',
  });
  const data = scorecard.data?.scorecard ?? scorecard.previousData?.scorecard ?? null;
  // A bureau without subordinates sees its own line: its breakdown is the page.
  const ownLine =
    data?.rows.length === 1 && data.rows[0]?.organization.id === data.organization.id
      ? data.organization.id
      : null;
  const breakdownId = bureauId ?? ownLine;
  const breakdown = useQuery(ScoreBreakdownDocument, {
    variables: { year: year ?? 0, quarter, organizationId: breakdownId ?? '' },
    skip: !year || !breakdownId,
    fetchPolicy: 'cache-and-network',
  });

  const organizations = useMemo(() => context.data?.organizations ?? [], [context.data]);

  // 全省县区: the counties of every city, one scorecard per city, ranked together in the browser
  // with the engine's rule. Only fetched when asked for.
  const [counties, setCounties] = useState<{
    key: string;
    rows: ScorecardRowData[] | null;
    error: unknown;
  } | null>(null);
  const countiesKey = `${year}|${quarter}|${orgId}`;
  const cityIds = useMemo(() => (data?.rows ?? []).map((r) => r.organization.id), [data]);
  useEffect(() => {
    if (!allCounties || !year || cityIds.length === 0) return;
    if (counties?.key === countiesKey) return;
    let cancelled = false;
    setCounties({ key: countiesKey, rows: null, error: null });
    Promise.all(
      cityIds.map((id) =>
        client.query({
          query: ScorecardDocument,
          variables: { year, quarter, organizationId: id },
        }),
      ),
    )
      .then((results) => {
        if (cancelled) return;
        const rows = results.flatMap((r) =>
          (r.data?.scorecard.rows ?? []).filter((row) => !cityIds.includes(row.organization.id)),
        );
        setCounties({ key: countiesKey, rows: rankTogether(rows), error: null });
      })
      .catch((error: unknown) => {
        if (!cancelled) setCounties({ key: countiesKey, rows: null, error });
      });
    return () => {
      cancelled = true;
    };
    // counties is read only to skip a finished load of the same key.
  }, [allCounties, year, quarter, countiesKey, cityIds, client, counties?.key]);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  // The path from the user's organisation down to the one shown (breadcrumb).
  const path = useMemo(() => {
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const out: Array<{ id: string; name: string }> = [];
    let at = orgId ? byId.get(orgId) : undefined;
    while (at) {
      out.unshift({ id: at.id, name: at.name });
      if (at.id === user?.organization.id) break;
      at = at.parentId ? byId.get(at.parentId) : undefined;
    }
    return out;
  }, [organizations, orgId, user]);

  const trendData = trend.data;
  const roles = user?.roles ?? [];
  const ownOrg = user?.organization ?? null;
  return {
    user,
    year,
    quarter,
    yearOptions: currentYear ? [currentYear, currentYear - 1, currentYear - 2] : [],
    currentQuarter,
    setPeriod: (y: number, q: number | null) =>
      set({ year: String(y), quarter: q === null ? 'year' : String(q), bureau: null }),
    orgId,
    path,
    organizations,
    scorecard: data,
    loading: scorecard.loading && !data,
    /** A new period or organisation is loading while the previous one is still shown. */
    refreshing: scorecard.loading && !!data,
    error: scorecard.error ?? context.error ?? me.error ?? null,
    refetch: () => {
      void scorecard.refetch();
      void trend.refetch();
    },
    trend: trendSeries(
      trendData
        ? [trendData.q1, trendData.q2, trendData.q3, trendData.q4]
        : [null, null, null, null],
      bureauId,
    ),
    drillTo: (id: string | null) => set({ org: id, bureau: null, scope: null }),
    bureauId,
    openBureau: (id: string | null) => set({ bureau: id }),
    breakdown: breakdown.data?.scoreBreakdown ?? null,
    breakdownLoading: breakdown.loading,
    breakdownError: breakdown.error ?? null,
    allCounties,
    setAllCounties: (on: boolean) => set({ scope: on ? 'counties' : null, bureau: null }),
    counties: counties?.key === countiesKey ? counties : null,
    /** The province ADMIN edits the rubric, enters adjustments and publishes. */
    isAdmin: roles.includes('ADMIN'),
    /** Leaders and administrators download the bulletin and the Excel export. */
    downloads: roles.includes('ADMIN') || roles.includes('LEADER'),
    ownOrg,
  };
}

export type ScorecardsState = ReturnType<typeof useScorecards>;
