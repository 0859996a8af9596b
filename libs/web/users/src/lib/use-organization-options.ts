import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  errorMessage,
  MeDocument,
  OrganizationOptionsDocument,
  type OrganizationOptionsQuery,
} from '@sunshine/web/graphql';
import { buildTree, orgLevelLabel, type TreeNode } from '@sunshine/web/ui';

type OrganizationOption = OrganizationOptionsQuery['organizations'][number];

export interface OrganizationTreeOption {
  value: string;
  title: string;
  /** Name and code, for the select's search. */
  searchText: string;
  children?: OrganizationTreeOption[];
}

function toOption(node: TreeNode<OrganizationOption>): OrganizationTreeOption {
  const option: OrganizationTreeOption = {
    value: node.id,
    title: node.name,
    searchText: `${node.name} ${node.code} ${orgLevelLabel(node.level)}`,
  };
  if (node.children) option.children = node.children.map(toOption);
  return option;
}

/** The caller's visible organisations as TreeSelect data, plus the caller's own bureau. */
export function useOrganizationOptions() {
  const me = useQuery(MeDocument);
  const { data, loading, error } = useQuery(OrganizationOptionsDocument);
  const treeData = useMemo(
    () =>
      data
        ? buildTree(data.organizations, (a, b) => a.code.localeCompare(b.code)).map(toOption)
        : [],
    [data],
  );
  const names = useMemo(
    () => new Map((data?.organizations ?? []).map((o) => [o.id, o.name])),
    [data],
  );
  return {
    treeData,
    names,
    ownOrganizationId: me.data?.me.organization.id,
    currentUserId: me.data?.me.id,
    loading,
    error: error ? errorMessage(error, '单位列表加载失败') : null,
  };
}
