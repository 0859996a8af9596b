import { Card, Descriptions } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import { orgLevelLabel, StateBlock } from '@sunshine/web/ui';
import type { OrganizationItem } from '../organization-summary';

/** Home page body for a bureau without subordinates (a county): its own record, plainly. */
export function OwnUnitCard({ self }: { self: OrganizationItem }) {
  return (
    <Card title="本单位信息">
      <Descriptions
        column={3}
        size="small"
        items={[
          { key: 'name', label: '单位名称', children: self.name },
          { key: 'code', label: '区划代码', children: self.code },
          { key: 'level', label: '层级', children: orgLevelLabel(self.level) },
        ]}
      />
      <StateBlock
        tone="brand"
        icon={<BankOutlined />}
        title="数据范围：本单位"
        description="本单位没有下级单位，督导数据仅涉及本单位。年度重点任务、季度进展和测评问题将在相应功能上线后在首页汇总显示。"
        padding={32}
      />
    </Card>
  );
}
