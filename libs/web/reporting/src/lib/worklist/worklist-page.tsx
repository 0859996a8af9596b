import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { Alert, App, Button, Card, Segmented, Select, Space, Tabs, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { CopyPreviousProgressReportDocument, errorMessage } from '@sunshine/web/graphql';
import { ErrorState, formatDay, formatQuarter, PageHeader } from '@sunshine/web/ui';
import { AssignmentTable, ReportTable, TableEmpty, type AssignmentItem } from './worklist-tables';
import { reportPath, TAB_LABEL, tabCount, type WorklistTab } from './worklist-model';
import { UnitFilter } from './unit-filter';
import { BatchDecisionBar } from './batch-decision';
import type { ReportItem } from './worklist-tables';
import { useWorklistPage, WORKLIST_PAGE_SIZE } from './use-worklist-page';

const EMPTY: Record<WorklistTab, { title: string; description: string }> = {
  toFill: {
    title: '本季度任务均已报送',
    description: '新的季度开始后，待填报的任务会出现在这里。',
  },
  returned: { title: '没有被退回的进展', description: '审核人或上级单位退回的进展会出现在这里。' },
  toReview: { title: '没有待审核的进展', description: '本单位填报员提交后，进展会出现在这里。' },
  toAccept: {
    title: '没有待验收的进展',
    description: '直接下级单位审核通过后，进展会出现在这里。',
  },
  all: {
    title: '本季度没有承担的任务',
    description: '年度计划发布后，分解到本单位的任务会出现在这里。',
  },
};

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** 进展填报: the worklist with tabs by role. */
export function WorklistPage() {
  const w = useWorklistPage();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<ReportItem[]>([]);
  const { message } = App.useApp();
  const [copyPrevious] = useMutation(CopyPreviousProgressReportDocument, {
    refetchQueries: ['Worklist', 'WorklistAssignments'],
  });
  const copy = (a: AssignmentItem) => {
    if (!w.period) return;
    copyPrevious({
      variables: {
        input: { assignmentId: a.id, year: w.period.year, quarter: w.period.quarter },
      },
    })
      .then(({ data }) => {
        if (!data) return;
        message.success('已沿用上季度进展，请核对后提交');
        void navigate(`/reporting/reports/${data.copyPreviousProgressReport.id}`);
      })
      .catch((error: unknown) => message.error(errorMessage(error, '沿用失败')));
  };
  const batch = w.tab === 'toAccept' && !w.deeper;
  // The selection follows the list: rows no longer shown (or no longer acceptable) drop out.
  const shown = selected.filter((s) =>
    w.reports.some((r) => r.id === s.id && r.version === s.version),
  );
  const isEditor = w.user?.roles.includes('EDITOR') ?? false;
  const paging = (total: number) => ({
    page: w.page,
    pageSize: WORKLIST_PAGE_SIZE,
    total,
    onChange: (p: number) => w.setPage(p),
  });
  const openAssignment = (a: AssignmentItem) => {
    if (w.period) void navigate(reportPath(a.task.id, a.report?.id, w.period));
  };

  const body = () => {
    if (w.error && w.assignments.length === 0 && w.reports.length === 0)
      return <ErrorState message={w.error} onRetry={w.retry} />;
    const empty = <TableEmpty {...EMPTY[w.tab]} />;
    if (w.tab === 'toFill' || w.tab === 'all') {
      return (
        <AssignmentTable
          items={w.assignments}
          loading={w.loading}
          paging={paging(w.assignmentTotal)}
          empty={empty}
          highlightTaskId={w.taskId}
          actionLabel={(a) => {
            const editable = !a.report || a.report.status === 'DRAFT';
            return isEditor && editable ? '填报' : '查看';
          }}
          onOpen={openAssignment}
          onCopyPrevious={isEditor ? copy : undefined}
        />
      );
    }
    const table = (
      <ReportTable
        kind={w.tab}
        reporting={w.reporting}
        items={w.reports}
        loading={w.loading}
        paging={paging(w.reportTotal)}
        empty={
          w.tab === 'toAccept' && w.deeper ? (
            <TableEmpty
              title="更下级单位没有待验收的进展"
              description="更下级单位的进展由其直接上级单位验收，这里仅供查看。"
            />
          ) : (
            empty
          )
        }
        readOnly={w.tab === 'toAccept' && w.deeper}
        selection={
          batch && w.reports.length > 0
            ? { ids: shown.map((s) => s.id), onChange: setSelected }
            : undefined
        }
        onOpen={(r) => void navigate(`/reporting/reports/${r.id}`)}
      />
    );
    if (w.tab === 'toAccept' && w.deeper)
      return (
        <>
          <Alert
            type="info"
            showIcon
            style={{ margin: '8px 0' }}
            title="更下级单位的进展由其直接上级单位验收，本单位只能查看。"
          />
          {table}
        </>
      );
    if (batch && w.reports.length > 0)
      return (
        <>
          <BatchDecisionBar selected={shown} onDone={() => setSelected([])} />
          {table}
        </>
      );
    return table;
  };

  const yearOptions = w.reporting
    ? [w.reporting.year, w.reporting.year - 1].map((y) => ({ value: y, label: `${y}年` }))
    : [];
  const unitFilter =
    w.tab === 'toAccept' && w.user ? (
      <Space size="small">
        {w.canGoDeeper ? (
          <Segmented
            size="small"
            aria-label="下级层级"
            value={w.deeper ? 'deeper' : 'direct'}
            onChange={(v) => {
              setSelected([]);
              w.setDeeper(v === 'deeper');
            }}
            options={[
              { value: 'direct', label: '直接下级' },
              { value: 'deeper', label: '更下级（只读）' },
            ]}
          />
        ) : null}
        <UnitFilter
          ownId={w.user.organization.id}
          value={w.unitId}
          onChange={(id) => {
            setSelected([]);
            w.setUnit(id);
          }}
          directOnly={!w.deeper}
        />
      </Space>
    ) : null;
  const periodPicker =
    w.tab === 'all' && w.period && w.reporting ? (
      <Space.Compact size="small">
        <Select
          aria-label="年度"
          size="small"
          value={w.period.year}
          options={yearOptions}
          style={{ width: 90 }}
          onChange={(y: number) =>
            w.setPeriod({
              year: y,
              quarter:
                y === w.reporting?.year
                  ? Math.min(w.period?.quarter ?? 1, w.reporting.quarter)
                  : (w.period?.quarter ?? 1),
            })
          }
        />
        <Select
          aria-label="季度"
          size="small"
          value={w.period.quarter}
          style={{ width: 100 }}
          options={QUARTER_NAMES.map((label, i) => ({
            value: i + 1,
            label,
            disabled: w.period?.year === w.reporting?.year && i + 1 > (w.reporting?.quarter ?? 4),
          }))}
          onChange={(q: number) => w.setPeriod({ year: w.period?.year ?? 0, quarter: q })}
        />
      </Space.Compact>
    ) : null;

  return (
    <>
      <PageHeader
        title="进展填报"
        description={
          w.counts
            ? `当前报送：${formatQuarter(w.counts.year, w.counts.quarter)} · 报送截止 ${formatDay(w.counts.dueDate)} · ${w.user?.organization.name ?? ''}`
            : w.user?.organization.name
        }
      />
      {w.taskId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="正在查看通知中涉及调整的任务"
          action={
            <Button size="small" onClick={w.clearTask}>
              查看全部任务
            </Button>
          }
        />
      ) : null}
      <Card styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={w.tab}
          onChange={(key) => w.setTab(key as WorklistTab)}
          tabBarExtraContent={periodPicker ?? unitFilter}
          items={w.tabs.map((t) => {
            const count = tabCount(t, w.counts);
            return {
              key: t,
              label: (
                <span>
                  {TAB_LABEL[t]}
                  {count !== null ? (
                    <Typography.Text
                      type={count > 0 ? undefined : 'secondary'}
                      style={{
                        marginInlineStart: 6,
                        padding: '0 6px',
                        borderRadius: 8,
                        fontSize: 12,
                        background:
                          count > 0 ? (t === 'returned' ? '#fff1f0' : '#e8eef7') : '#f5f5f5',
                        color: count > 0 ? (t === 'returned' ? '#cf1322' : '#1d4f91') : undefined,
                      }}
                    >
                      {count}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            };
          })}
        />
        {body()}
      </Card>
    </>
  );
}
