import { Breadcrumb, Col, Row, Spin, Tag } from 'antd';
import {
  ErrorState,
  formatDay,
  formatQuarter,
  LoadingState,
  orgLevelLabel,
  PageHeader,
  reminderLetterPath,
} from '@sunshine/web/ui';
import { downloadFile } from '@sunshine/web/graphql';
import { CategoryTable } from './components/category-table';
import { ChildTable } from './components/child-table';
import { KpiCards } from './components/kpi-cards';
import { PeriodPicker } from './components/period-picker';
import { RankingCard } from './components/ranking-card';
import { RemindButton } from './components/remind-button';
import { ReportDrawer } from './components/report-drawer';
import { TaskTable } from './components/task-table';
import { TrendCard } from './components/trend-card';
import { rankingChartHeight } from './charts/ranking-option';
import { missingBelow } from './overview-model';
import { useOverview } from './use-overview';

/** 完成情况总览: the landing page of province and city administrators and leaders. */
export function OverviewPage() {
  const o = useOverview();
  const data = o.overview;
  const viewed = o.path[o.path.length - 1] ?? data?.organization;

  const breadcrumb =
    o.path.length > 1 ? (
      <Breadcrumb
        items={o.path
          .map((org, i) =>
            i === o.path.length - 1 && !o.forceTasks
              ? { key: org.id, title: org.name }
              : {
                  key: org.id,
                  title: (
                    <a
                      href="#"
                      onClick={(e) => {
                        e.preventDefault();
                        o.drillTo(org.id);
                      }}
                    >
                      {org.name}
                    </a>
                  ),
                },
          )
          .concat(o.forceTasks ? [{ key: 'own', title: <span>本级任务</span> }] : [])}
      />
    ) : undefined;

  const header = (
    <PageHeader
      title="完成情况总览"
      breadcrumb={breadcrumb}
      description={
        data && o.period ? (
          <>
            {`${data.organization.name}${data.rows.length > 0 && !o.tasksView ? '及下级单位' : ''} · ${formatQuarter(o.period.year, o.period.quarter)}`}
            {data.open ? (
              <Tag color="processing" style={{ marginInline: 6 }}>
                进行中
              </Tag>
            ) : (
              ' · '
            )}
            {`报送截止 ${formatDay(data.dueDate)} · `}
            <span data-testid="overview-as-of">数据截至 {formatDay(data.asOf)}</span>
          </>
        ) : (
          viewed?.name
        )
      }
      extra={
        <>
          {o.period && o.periodOptions.length > 0 ? (
            <PeriodPicker value={o.period} options={o.periodOptions} onChange={o.setPeriod} />
          ) : null}
          {o.isAdmin && data && o.period && data.rows.length > 0 && !o.tasksView ? (
            <RemindButton
              organizationId={data.organization.id}
              organizationName={data.organization.name}
              year={o.period.year}
              quarter={o.period.quarter}
              missing={missingBelow(data.total, data.own)}
              lastReminder={data.lastReminder ?? null}
            />
          ) : null}
        </>
      }
    />
  );

  if (o.error) {
    return (
      <>
        {header}
        <ErrorState message={o.error} onRetry={o.retry} />
      </>
    );
  }
  if (!data || !o.period) {
    return (
      <>
        {header}
        <LoadingState tip="正在统计完成情况…" />
      </>
    );
  }

  const figures = o.tasksView && o.forceTasks && data.own ? data.own : data.total;
  const childLevel = data.rows[0]?.organization.level;
  const levelLabel = childLevel ? orgLevelLabel(childLevel) : '下级';

  return (
    <>
      {header}
      <Spin spinning={o.refreshing && o.stale} delay={150} tip="正在加载…">
        <KpiCards figures={figures} />
        {o.tasksView ? (
          <>
            <TaskTable
              title={`${data.organization.name}${o.forceTasks ? '本级' : ''}承担的任务`}
              items={o.assignments}
              loading={o.assignmentsLoading}
              error={o.assignmentsError}
              onRetry={o.retryAssignments}
              onOpenReport={o.openReport}
            />
            <Row gutter={16}>
              <Col xs={24} xl={10} style={{ marginBottom: 16 }}>
                <TrendCard
                  points={data.trend}
                  year={o.period.year}
                  height={300}
                  fill
                  asOf={data.asOf}
                />
              </Col>
              <Col xs={24} xl={14}>
                <CategoryTable rows={data.byCategory} />
              </Col>
            </Row>
          </>
        ) : (
          <>
            <Row gutter={16}>
              <Col xs={24} xl={14} style={{ marginBottom: 16 }}>
                <RankingCard
                  rows={o.rows}
                  overallRate={data.total.completionRate}
                  levelLabel={levelLabel}
                  onSelect={o.drillTo}
                />
              </Col>
              <Col xs={24} xl={10} style={{ marginBottom: 16 }}>
                <TrendCard
                  points={data.trend}
                  year={o.period.year}
                  height={rankingChartHeight(data.rows.length)}
                  fill
                  asOf={data.asOf}
                />
              </Col>
            </Row>
            <ChildTable
              rows={o.rows}
              title={`${levelLabel}单位完成情况`}
              onOpen={(row) =>
                row.own ? o.showOwnTasks(row.organizationId) : o.drillTo(row.organizationId)
              }
              onLetter={(row) =>
                downloadFile(
                  reminderLetterPath(row.organizationId, o.period ?? undefined),
                  `${row.name}催办函.docx`,
                )
              }
            />
            <CategoryTable rows={data.byCategory} detailed />
          </>
        )}
      </Spin>
      <ReportDrawer reportId={o.reportId} onClose={o.closeReport} />
    </>
  );
}
