import { Card, Input, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import {
  ANNUAL_REPORT_SECTION_TITLES as TITLES,
  ANNUAL_REPORT_ACTION_LABELS,
} from '@sunshine/shared/domain';
import { errorMessage } from '@sunshine/web/graphql';
import { ErrorState, formatDateTime, LoadingState, PageHeader } from '@sunshine/web/ui';
import { fillZeros, STATUS_COLOR, statusLabel, withNoApplications } from './annual-report-model';
import { ChecksPanel } from './components/checks-panel';
import { ReportActions } from './components/report-actions';
import { AnnualFileActions } from './files/annual-file-actions';
import { Table2Grid, Table3Grid, Table4Grid } from './components/report-tables';
import { useAnnualReport } from './use-annual-report';

const TEXT_ROWS = { overview: 5, problems: 4, other: 3 } as const;

/** 年度报告: the bureau's 政府信息公开工作年度报告 in the national six-section form. */
export function AnnualReportPage() {
  const s = useAnnualReport();
  const r = s.report;
  if (s.error && !r) return <ErrorState message={errorMessage(s.error)} onRetry={s.refetch} />;
  if (!r || !s.year) return <LoadingState />;
  const readOnly = !r.actions.includes('SAVE');
  const moves = r.events.filter((e) => e.action !== 'SAVE');
  const grid = {
    format: s.format,
    values: s.values,
    problems: s.problems,
    readOnly,
    onChange: s.setCell,
  };
  const text = (key: 'overview' | 'problems' | 'other', label: string) => (
    <Input.TextArea
      aria-label={label}
      rows={TEXT_ROWS[key]}
      maxLength={8000}
      value={s.sections[key]}
      readOnly={readOnly}
      onChange={(e) => s.setSection(key, e.target.value)}
    />
  );
  return (
    <>
      <PageHeader
        title="年度报告"
        description={`${r.organization.name}${r.year}年政府信息公开工作年度报告 · 截止 ${r.deadline}`}
        extra={
          <>
            {s.loading ? <Spin size="small" /> : null}
            <Select
              aria-label="单位"
              showSearch
              optionFilterProp="label"
              value={r.organization.id}
              style={{ width: 200 }}
              options={s.organizations.map((o) => ({ value: o.id, label: o.name }))}
              onChange={s.setOrg}
            />
            <Select
              aria-label="年度"
              value={s.year}
              style={{ width: 100 }}
              options={s.yearOptions.map((y) => ({ value: y, label: `${y}年` }))}
              onChange={s.setYear}
            />
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Tag
              color={STATUS_COLOR[r.status as keyof typeof STATUS_COLOR]}
              data-testid="annual-status"
            >
              {statusLabel(r.status)}
            </Tag>
            {r.late ? <Tag color="red">逾期</Tag> : null}
            {s.dirty ? <Typography.Text type="warning">有未保存的修改</Typography.Text> : null}
            {r.status === 'RETURNED' && r.returnReason ? (
              <Typography.Text type="danger">退回原因：{r.returnReason}</Typography.Text>
            ) : null}
          </Space>
          <Space wrap>
            <AnnualFileActions
              year={s.year}
              report={r}
              editable={!readOnly}
              dirty={s.dirty}
              onImported={s.refetch}
            />
            <ReportActions s={s} />
          </Space>
        </Space>
      </Card>
      <div style={{ marginBottom: 12 }}>
        <ChecksPanel
          checks={s.checks}
          readOnly={readOnly}
          onFillZeros={() => s.setAll(fillZeros(s.format, s.values))}
          onNoApplications={() => {
            s.setAll(fillZeros(s.format, s.values));
            s.setSection('overview', withNoApplications(s.sections.overview));
          }}
        />
      </div>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={TITLES[0]}>
          {text('overview', '总体情况')}
        </Card>
        <Card size="small" title={TITLES[1]}>
          <Table2Grid {...grid} />
        </Card>
        <Card size="small" title={TITLES[2]}>
          <Table3Grid {...grid} prefill={s.prefill} />
        </Card>
        <Card size="small" title={TITLES[3]}>
          <Table4Grid {...grid} />
        </Card>
        <Card size="small" title={TITLES[4]}>
          {text('problems', '存在的主要问题及改进情况')}
        </Card>
        <Card size="small" title={TITLES[5]}>
          {text('other', '其他需要报告的事项')}
        </Card>
        {moves.length > 0 ? (
          <Card size="small" title="流转记录">
            <Timeline
              items={moves.map((e) => ({
                key: e.id,
                children: `${formatDateTime(e.at)} ${e.actorName} ${
                  ANNUAL_REPORT_ACTION_LABELS[
                    e.action as keyof typeof ANNUAL_REPORT_ACTION_LABELS
                  ] ?? e.action
                }${e.reason ? `：${e.reason}` : ''}`,
              }))}
            />
          </Card>
        ) : null}
      </Space>
    </>
  );
}
