import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { TreeSelect } from 'antd';
import { ReportingOrganizationsDocument } from '@sunshine/web/graphql';
import { buildTree, type TreeNode } from '@sunshine/web/ui';

interface OrgItem {
  id: string;
  parentId?: string | null;
  code: string;
  name: string;
}

interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

function toOptions(nodes: TreeNode<OrgItem>[]): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.name,
    children: n.children ? toOptions(n.children) : undefined,
  }));
}

/**
 * Narrows 待验收 to one subordinate bureau (and the bureaus below it). `directOnly`: the list of
 * direct subordinates only (the reports accepted here); otherwise the whole tree below.
 */
export function UnitFilter({
  ownId,
  value,
  onChange,
  directOnly = false,
}: {
  ownId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  directOnly?: boolean;
}) {
  const { data, loading } = useQuery(ReportingOrganizationsDocument);
  const treeData = useMemo(() => {
    const all = data?.organizations ?? [];
    const below = directOnly
      ? all.filter((o) => o.parentId === ownId)
      : all.filter((o) => o.id !== ownId);
    return toOptions(buildTree(below, (a, b) => a.code.localeCompare(b.code)));
  }, [data, ownId, directOnly]);
  return (
    <TreeSelect
      size="small"
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={directOnly ? '全部直接下级单位' : '全部下级单位'}
      aria-label="按填报单位筛选"
      loading={loading}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      style={{ width: 220 }}
      popupMatchSelectWidth={280}
    />
  );
}
