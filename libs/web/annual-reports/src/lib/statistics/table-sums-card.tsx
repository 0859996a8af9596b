import { useState } from 'react';
import { Card, Empty, Segmented, Space, Typography } from 'antd';
import { ANNUAL_FORMAT_2021, annualTableLayouts, type TableLayout } from '@sunshine/shared/domain';
import { LAYOUT_TABLE_CSS, LayoutTable } from './layout-table';

const LAYOUTS = annualTableLayouts(ANNUAL_FORMAT_2021);
const NAMES: Record<TableLayout['id'], string> = { table2: '表二', table3: '表三', table4: '表四' };

/** The subtree's sum of every table, as the national template prints it; this year or last. */
export function TableSumsCard({
  year,
  scopeName,
  values,
  previous,
  reports,
  previousReports,
}: {
  year: number;
  scopeName: string;
  values: Record<string, number>;
  previous: Record<string, number>;
  reports: number;
  previousReports: number;
}) {
  const [table, setTable] = useState<TableLayout['id']>('table3');
  const [which, setWhich] = useState<'now' | 'before'>('now');
  const layout = LAYOUTS.find((l) => l.id === table) ?? LAYOUTS[0]!;
  const count = which === 'now' ? reports : previousReports;
  return (
    <Card
      title={`表格合计 · ${scopeName}`}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          <Segmented
            value={table}
            onChange={(v) => setTable(v as TableLayout['id'])}
            options={LAYOUTS.map((l) => ({ value: l.id, label: NAMES[l.id] }))}
          />
          <Segmented
            value={which}
            onChange={(v) => setWhich(v as 'now' | 'before')}
            options={[
              { value: 'now', label: `${year}年` },
              { value: 'before', label: `${year - 1}年` },
            ]}
          />
        </Space>
      }
    >
      <style>{LAYOUT_TABLE_CSS}</style>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {`${NAMES[table]} ${layout.caption.replace(/^[一二三四]、/, '')}：${count} 份已提交报告的合计`}
      </Typography.Paragraph>
      {count === 0 ? (
        <Empty description="尚无已提交的报告" />
      ) : (
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
          <LayoutTable layout={layout} values={which === 'now' ? values : previous} />
        </div>
      )}
    </Card>
  );
}
