import { App, Breadcrumb, Button, Card, Col, Row, Select, Space, Spin, Statistic } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
import { EChart, ErrorState, formatDay, LoadingState, PageHeader } from '@sunshine/web/ui';
import { ANNUAL_FORMAT_2021 } from '@sunshine/shared/domain';
import { AttentionCard } from './attention-card';
import { CompletionTable } from './completion-table';
import { outcomesChartOption } from './statistics-charts';
import { cellMap, missing } from './statistics-model';
import { TableSumsCard } from './table-sums-card';
import { useAnnualStatistics } from './use-annual-statistics';

/** The address of a bureau's report preview (the print-friendly page). */
export const reportPreviewPath = (year: number, orgId: string): string =>
  `/annual-reports/${year}/${orgId}/preview`;

/** 年报统计: completion by city, the tables summed and compared, the reports to look at. */
export function AnnualStatisticsPage() {
  const s = useAnnualStatistics();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { summary, statistics } = s;
  if (s.error && !summary)
    return <ErrorState message={errorMessage(s.error)} onRetry={s.refetch} />;
  if (!summary || !statistics) return <LoadingState />;
  const t = summary.total;
  const own = s.user?.organization.id === summary.organization.id;
  const values = cellMap(statistics.total.cells);
  const previous = cellMap(statistics.total.previousCells);
  const open = (orgId: string) => navigate(reportPreviewPath(s.year, orgId));
  const kpis: Array<[string, number, string?]> = [
    ['应报单位', t.expected],
    ['已提交', t.submitted],
    ['上级已确认', t.accepted],
    ['未提交', missing(t), missing(t) > 0 ? '#d48806' : undefined],
    ['逾期', t.late, t.late > 0 ? '#cf1322' : undefined],
    ['勾稽不平', t.failingChecks, t.failingChecks > 0 ? '#cf1322' : undefined],
    ['被退回', t.returned],
  ];
  return (
    <>
      <PageHeader
        title="年报统计"
        breadcrumb={
          !own ? (
            <Breadcrumb
              items={[
                {
                  key: 'own',
                  title: <a onClick={() => s.drillTo(null)}>{s.user?.organization.name}</a>,
                },
                { key: 'here', title: summary.organization.name },
              ]}
            />
          ) : undefined
        }
        description={`${summary.organization.name}${summary.rows.length ? '及下级单位' : ''} · ${s.year}年政府信息公开工作年度报告 · 截止 ${formatDay(summary.deadline)}`}
        extra={
          <Space>
            {s.loading ? <Spin size="small" /> : null}
            <Select
              aria-label="年度"
              value={s.year}
              style={{ width: 110 }}
              options={s.yearOptions.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={s.setYear}
            />
            {own ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  downloadFile(
                    `/files/annual-reports/${s.year}/all.zip`,
                    `${s.year}年政府信息公开工作年度报告.zip`,
                  ).catch((e: unknown) => message.error(errorMessage(e)))
                }
              >
                下载全部报告
              </Button>
            ) : null}
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {kpis.map(([title, value, color]) => (
          <Col key={title} flex="1 1 0">
            <Card styles={{ body: { padding: '10px 16px' } }}>
              <Statistic
                title={title}
                value={value}
                valueStyle={color ? { color, fontSize: 22 } : { fontSize: 22 }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <CompletionTable
        summary={summary}
        rows={statistics.rows}
        onDrill={s.drillTo}
        onOpenReport={open}
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card title="依申请公开办理结果（全辖区合计，件）" style={{ height: '100%' }}>
            <EChart
              height={300}
              ariaLabel="依申请公开办理结果，本年度与上年度对比"
              option={outcomesChartOption(
                ANNUAL_FORMAT_2021,
                s.year,
                values,
                statistics.total.previousReports > 0 ? previous : null,
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <AttentionCard items={statistics.attention} onOpen={open} />
        </Col>
      </Row>
      <TableSumsCard
        year={s.year}
        scopeName={summary.organization.name}
        values={values}
        previous={previous}
        reports={statistics.total.reports}
        previousReports={statistics.total.previousReports}
      />
    </>
  );
}
