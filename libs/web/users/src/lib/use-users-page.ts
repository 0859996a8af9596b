import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { errorMessage, UsersDocument, type UsersFilter } from '@sunshine/web/graphql';

export const USER_PAGE_SIZE = 20;

export interface UserFilters {
  /** Undefined: the caller's whole subtree. */
  organizationId?: string;
  includeDescendants: boolean;
  search: string;
}

const INITIAL: UserFilters = { includeDescendants: true, search: '' };

/** Filters, paging and the users query of 用户管理. */
export function useUsersPage() {
  const [filters, setFilters] = useState<UserFilters>(INITIAL);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(USER_PAGE_SIZE);

  const filter: UsersFilter = {
    organizationId: filters.organizationId ?? null,
    includeDescendants: filters.includeDescendants,
    search: filters.search.trim() || null,
    offset: (page - 1) * pageSize,
    limit: pageSize,
  };
  const { data, previousData, loading, error, refetch } = useQuery(UsersDocument, {
    variables: { filter },
    fetchPolicy: 'cache-and-network',
  });
  const result = data ?? previousData;

  const update = (patch: Partial<UserFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return {
    filters,
    setOrganization: (organizationId: string | undefined) => update({ organizationId }),
    setIncludeDescendants: (includeDescendants: boolean) => update({ includeDescendants }),
    setSearch: (search: string) => update({ search }),
    reset: () => {
      setFilters(INITIAL);
      setPage(1);
    },
    filtered: filters.organizationId !== undefined || filters.search.trim() !== '',
    users: result?.users.items ?? [],
    total: result?.users.total ?? 0,
    page,
    pageSize,
    onPageChange: (next: number, size: number) => {
      setPage(size === pageSize ? next : 1);
      setPageSize(size);
    },
    loading,
    initialLoading: loading && !result,
    error: error ? errorMessage(error, '用户列表加载失败') : null,
    refetch: () => void refetch(),
  };
}
