import { Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { AnnualReportStatisticsQuery } from '@sunshine/web/graphql';
import { STICKY_TABLE_HEADER } from '@sunshine/web/ui';
import {
  cellMap,
  figure,
  KEY_FIGURES,
  missing,
  submittedRate,
  yearOnYear,
} from './statistics-model';

type Summary = AnnualReportStatisticsQuery['annualReportSummary'];
type Sums = AnnualReportStatisticsQuery['annualReportStatistics']['rows'][number];
type Row = Summary['rows'][number] & { sums: Sums | undefined };

const SHOWN = KEY_FIGURES.slice(0, 5);

function FigureCell({
  sums,
  keys,
  testId,
}: {
  sums: Sums | undefined;
  keys: readonly string[];
  testId: string;
}) {
  if (!sums) return <>—</>;
  const now = figure(cellMap(sums.cells), keys);
  const before = sums.previousReports > 0 ? figure(cellMap(sums.previousCells), keys) : null;
  const delta = yearOnYear(now, before);
  return (
    <Tooltip title={before === null ? '上年度无已提交报告' : `上年度 ${before}`}>
      <span data-testid={testId} style={{ fontWeight: now > 0 ? 600 : 400 }}>
        {now}
      </span>
      {delta && delta !== '持平' ? (
        <Typography.Text
          type={delta.startsWith('+') ? 'danger' : 'success'}
          style={{ fontSize: 12, marginLeft: 4 }}
        >
          {delta}
        </Typography.Text>
      ) : null}
    </Tooltip>
  );
}

/** Completion by direct child (应报/已提交/已确认/逾期/未提交) and its key figures, year on year. */
export function CompletionTable({
  summary,
  rows,
  onDrill,
  onOpenReport,
}: {
  summary: Summary;
  rows: readonly Sums[];
  onDrill: (orgId: string) => void;
  onOpenReport: (orgId: string) => void;
}) {
  const sums = new Map(rows.map((r) => [r.organization.id, r]));
  const data: Row[] = summary.rows.map((r) => ({ ...r, sums: sums.get(r.organization.id) }));
  return (
    <Card
      title="各单位完成情况"
      extra={
        <Typography.Text type="secondary">
          数字为已提交报告的合计；小字为与上年度相比的增减
        </Typography.Text>
      }
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 16 }}
    >
      <Table<Row>
        size="small"
        rowKey={(r) => r.organization.id}
        dataSource={data}
        pagination={false}
        sticky={STICKY_TABLE_HEADER}
        scroll={{ x: 1080 }}
        columns={[
          {
            title: '单位',
            fixed: 'left',
            width: 150,
            render: (_, r) =>
              r.expected > 1 ? (
                <a onClick={() => onDrill(r.organization.id)}>{r.organization.name}</a>
              ) : (
                <a onClick={() => onOpenReport(r.organization.id)}>{r.organization.name}</a>
              ),
          },
          { title: '应报', dataIndex: 'expected', width: 56, align: 'right' },
          {
            title: '已提交',
            width: 90,
            align: 'right',
            render: (_, r) => (
              <span>
                {r.submitted}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  {submittedRate(r)}%
                </Typography.Text>
              </span>
            ),
          },
          { title: '已确认', dataIndex: 'accepted', width: 64, align: 'right' },
          {
            title: '未提交',
            width: 64,
            align: 'right',
            render: (_, r) =>
              missing(r) > 0 ? <Typography.Text type="warning">{missing(r)}</Typography.Text> : 0,
          },
          {
            title: '逾期',
            dataIndex: 'late',
            width: 56,
            align: 'right',
            render: (v: number) => (v > 0 ? <Tag color="error">{v}</Tag> : 0),
          },
          {
            title: '勾稽不平/退回',
            width: 116,
            align: 'center',
            render: (_, r) =>
              r.failingChecks + r.returned === 0 ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                <Space size={4}>
                  {r.failingChecks > 0 ? <Tag color="error">不平 {r.failingChecks}</Tag> : null}
                  {r.returned > 0 ? <Tag color="warning">退回 {r.returned}</Tag> : null}
                </Space>
              ),
          },
          ...SHOWN.map((f) => ({
            title: f.label,
            key: f.label,
            width: 80,
            align: 'right' as const,
            render: (_: unknown, r: Row) => (
              <FigureCell
                sums={r.sums}
                keys={f.keys}
                testId={`figure-${r.organization.code}-${f.label}`}
              />
            ),
          })),
          {
            title: '',
            width: 88,
            fixed: 'right',
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => onOpenReport(r.organization.id)}>
                {r.expected > 1 ? '本级报告' : '查看报告'}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
