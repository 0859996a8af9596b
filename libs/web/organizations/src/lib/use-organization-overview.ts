import { useDeferredValue, useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { errorMessage, MeDocument, OrganizationsDocument } from '@sunshine/web/graphql';
import { organizationTreeView, summarizeOrganizations, withCounts } from './organization-summary';

/** Data and view state of the home page (工作台). */
export function useOrganizationOverview() {
  const me = useQuery(MeDocument);
  const orgs = useQuery(OrganizationsDocument, { fetchPolicy: 'cache-and-network' });
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [expandedKeys, setExpandedKeys] = useState<readonly string[] | null>(null);

  const raw = orgs.data?.organizations;
  const list = useMemo(() => (raw ? withCounts(raw) : undefined), [raw]);
  const selfId = me.data?.me.organization.id;

  const summary = useMemo(
    () => (list && selfId ? summarizeOrganizations(list, selfId) : null),
    [list, selfId],
  );
  const view = useMemo(
    () => (list ? organizationTreeView(list, deferredSearch) : null),
    [list, deferredSearch],
  );

  const error = me.error ?? orgs.error;
  return {
    user: me.data?.me ?? null,
    loading: (me.loading && !me.data) || (orgs.loading && !orgs.data),
    error: error ? errorMessage(error, '单位数据加载失败') : null,
    retry: () => {
      void me.refetch();
      void orgs.refetch();
    },
    summary,
    tree: view?.nodes ?? [],
    total: list?.length ?? 0,
    matchCount: view?.matchCount ?? 0,
    search,
    setSearch: (value: string) => {
      setSearch(value);
      setExpandedKeys(null);
    },
    searching: deferredSearch.trim().length > 0,
    // Until the user opens or closes a row, follow the view's default (roots, or search paths).
    expandedKeys: expandedKeys ?? view?.expandedKeys ?? [],
    setExpandedKeys,
    /** Opens a unit in the tree (clearing a search that hides it) and brings its row into view. */
    locate: (id: string) => {
      const open = expandedKeys ?? view?.expandedKeys ?? [];
      const parent = list?.find((o) => o.id === id)?.parentId;
      setSearch('');
      setExpandedKeys([...new Set([...open, ...(parent ? [parent] : []), id])]);
      window.setTimeout(() => {
        document
          .querySelector(`[data-row-key="${CSS.escape(id)}"]`)
          ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      }, 50);
    },
  };
}
