import { TreeSelect } from 'antd';
import type { OrganizationTreeOption } from './use-organization-options';

export interface OrganizationSelectProps {
  treeData: OrganizationTreeOption[];
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  loading?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

/** Organisation picker over the caller's subtree, searchable by name or division code. */
export function OrganizationSelect({
  treeData,
  multiple,
  placeholder = '选择单位',
  ...rest
}: OrganizationSelectProps) {
  return (
    <TreeSelect<string | string[] | undefined, OrganizationTreeOption>
      {...rest}
      multiple={multiple}
      treeData={treeData}
      placeholder={placeholder}
      showSearch={{ treeNodeFilterProp: 'searchText' }}
      treeDefaultExpandedKeys={treeData.map((n) => n.value)}
      listHeight={360}
      popupMatchSelectWidth={false}
      maxTagCount="responsive"
      notFoundContent="没有匹配的单位"
    />
  );
}
