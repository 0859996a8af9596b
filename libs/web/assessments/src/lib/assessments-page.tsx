import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import type { AssessmentLinkState } from '@sunshine/shared/domain';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
import { ASSESSMENT_ISSUE_TYPE_OPTIONS } from '@sunshine/shared/domain';
import {
  EChart,
  ErrorState,
  formatDay,
  LoadingState,
  PageHeader,
  ReminderLetterButton,
  reminderLetterPath,
} from '@sunshine/web/ui';
import {
  formatPoints,
  matchesView,
  STATUS_COLORS,
  STATUS_LABELS,
  viewCounts,
  WORKLIST_VIEWS,
  type Issue,
  type WorklistView,
} from './assessment-model';
import { byOrganizationOption, byTypeOption, chartHeight } from './charts/assessment-charts';
import { DeadlineCell } from './components/deadline-cell';
import { IssueDrawer } from './components/issue-drawer';
import { RemindButton } from './components/remind-button';
import { TrendCard } from './components/trend-card';
import { KpiRow } from './components/kpi-row';
import { RoundActions } from './components/round-actions';
import { IssueLinksSection } from './components/issue-links-section';
import { LinkKpiCard } from './components/link-kpi-card';
import { IssueLinkStateTag } from './components/link-state-tag';
import { LINK_STATE_OPTIONS, matchesLinkStates, type IssueWithLinks } from './link-model';
import { useAssessments } from './use-assessments';
import { useLinkChecks } from './use-link-checks';

const ROUND_STATUS: Record<string, string> = {
  DRAFT: '草稿',
  PUBLISHED: '整改中',
  CLOSED: '已结束',
};

function initialView(search: string): WorklistView {
  const v = new URLSearchParams(search).get('view');
  return WORKLIST_VIEWS.find((x) => x.key === v)?.key ?? 'all';
}

/** 第三方测评: a round's figures, problems by unit and by type, and the problems as a worklist. */
export function AssessmentsPage() {
  const s = useAssessments();
  const { message } = App.useApp();
  // An assessor lands here with ?view=verification (its 待复核 queue).
  const [view, setView] = useState<WorklistView>(() => initialView(window.location.search));
  const [type, setType] = useState<string | null>(null);
  const [linkStates, setLinkStates] = useState<AssessmentLinkState[]>([]);
  const links = useLinkChecks(s.round?.id ?? null, s.orgId);
  const counts = useMemo(() => viewCounts(s.issues), [s.issues]);
  // Sent to a queue (the assessor's landing): show the list, not the charts above it.
  const [queued] = useState(() => view !== 'all');
  const loaded = !s.issuesLoading && s.round !== null;
  useEffect(() => {
    if (queued && loaded) document.getElementById('assessment-issue-list')?.scrollIntoView();
  }, [queued, loaded]);
  const shown = useMemo(
    () =>
      s.issues.filter(
        (i) =>
          matchesView(i, view) &&
          (!type || i.issueType === type) &&
          matchesLinkStates(i.linkStatus, linkStates),
      ),
    [s.issues, view, type, linkStates],
  );
  const byOrg = useMemo(() => byOrganizationOption(s.overview?.rows ?? []), [s.overview]);
  const byType = useMemo(() => byTypeOption(s.overview?.byType ?? []), [s.overview]);
  const actor = s.user ? { roles: s.user.roles, organizationId: s.user.organization.id } : null;
  // Overseers' administrators and leaders write 催办函 to bureaus with overdue problems.
  const writesLetters = !!s.user && s.user.roles.some((r) => r === 'ADMIN' || r === 'LEADER');
  const letterButton = (org: { id: string; name: string }, variant: 'link' | 'button') =>
    writesLetters && org.id !== s.user?.organization.id ? (
      <ReminderLetterButton
        organizationName={org.name}
        variant={variant}
        describeError={errorMessage}
        download={() => downloadFile(reminderLetterPath(org.id), `${org.name}催办函.docx`)}
      />
    ) : null;

  if (s.roundsLoading) return <LoadingState />;
  if (s.error && !s.overview) return <ErrorState message={errorMessage(s.error)} />;
  const actions = (
    <RoundActions
      user={s.user}
      round={s.round}
      managesRound={s.managesRound}
      orgId={s.orgId}
      orgName={s.orgId ? (s.overview?.organization.name ?? null) : null}
      onRoundCreated={s.selectRound}
    />
  );
  if (!s.round)
    return (
      <>
        <PageHeader title="第三方测评" extra={actions} />
        <Card>
          <Empty description="暂无测评批次" />
        </Card>
      </>
    );
  const round = s.round;
  const rows = s.overview?.rows ?? [];

  return (
    <>
      <PageHeader
        title="第三方测评"
        description={`${round.assessorName} · 测评期间 ${formatDay(round.periodStart)}至${formatDay(round.periodEnd)} · ${ROUND_STATUS[round.status] ?? ''}`}
        extra={
          <Space wrap>
            <Select
              aria-label="测评批次"
              style={{ width: 380 }}
              value={round.id}
              onChange={s.selectRound}
              options={s.rounds.map((r) => ({ value: r.id, label: r.title }))}
            />
            {actions}
            {s.orgId && s.overview && s.overview.total.overdue > 0
              ? letterButton(s.overview.organization, 'button')
              : null}
            {s.managesRound && round.status !== 'CLOSED' ? (
              <Popconfirm
                title={
                  round.status === 'DRAFT'
                    ? '发布后各单位即可看到问题清单并开始整改'
                    : '关闭后不能再整改、复核'
                }
                onConfirm={async () => {
                  try {
                    if (round.status === 'DRAFT')
                      await s.actions.publishRound(round.id, round.version);
                    else await s.actions.closeRound(round.id, round.version);
                    message.success(round.status === 'DRAFT' ? '已发布' : '已关闭');
                  } catch (e) {
                    message.error(errorMessage(e));
                  }
                }}
              >
                <Button type={round.status === 'DRAFT' ? 'primary' : 'default'} loading={s.busy}>
                  {round.status === 'DRAFT' ? '发布批次' : '关闭批次'}
                </Button>
              </Popconfirm>
            ) : null}
            {s.managesRound && round.status === 'PUBLISHED' && s.overview ? (
              <RemindButton
                roundId={round.id}
                organizationId={s.orgId}
                organizationName={s.overview.organization.name}
                rows={rows}
                total={s.overview.total}
              />
            ) : null}
          </Space>
        }
        breadcrumb={
          s.orgId ? (
            <Button size="small" icon={<ArrowLeftOutlined />} onClick={() => s.drillTo(null)}>
              返回 {s.user?.organization.name}
            </Button>
          ) : null
        }
      />
      {s.overview ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {s.overview.organization.name}
          </Typography.Title>
          <KpiRow
            figures={s.overview.total}
            extra={
              <LinkKpiCard linksBroken={links.linksBroken} issues={links.issuesWithBrokenLinks} />
            }
          />
        </>
      ) : null}
      {rows.length > 1 ? (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={24} xl={14}>
            <Card title="各单位问题与销号" size="small">
              <EChart
                option={byOrg.option}
                height={chartHeight(rows.length)}
                ariaLabel="各单位问题数与销号数"
                onItemClick={(item) => {
                  const id = byOrg.ids[item.dataIndex];
                  if (id) s.drillTo(id);
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title="按问题类型" size="small">
              <EChart
                option={byType.option}
                height={chartHeight(byType.types.length)}
                ariaLabel="各类型问题数"
                onItemClick={(item) => setType(byType.types[item.dataIndex] ?? null)}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {round.status !== 'DRAFT' ? <TrendCard roundId={round.id} organizationId={s.orgId} /> : null}
      <Card size="small" title="问题清单" id="assessment-issue-list">
        <Flex gap={12} wrap align="center" style={{ marginBottom: 8 }}>
          <Tabs
            activeKey={view}
            onChange={(k) => setView(k as WorklistView)}
            items={WORKLIST_VIEWS.map((v) => ({
              key: v.key,
              label: `${v.label} ${counts[v.key]}`,
            }))}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Select
            aria-label="问题类型"
            allowClear
            placeholder="问题类型"
            style={{ width: 220 }}
            value={type}
            onChange={(v) => setType(v ?? null)}
            options={[...ASSESSMENT_ISSUE_TYPE_OPTIONS]}
          />
          <Select
            aria-label="链接状态"
            mode="multiple"
            allowClear
            placeholder="链接状态"
            style={{ width: 200 }}
            maxTagCount="responsive"
            value={linkStates}
            onChange={(v) => setLinkStates(v)}
            options={LINK_STATE_OPTIONS}
          />
          <Button
            icon={<ReloadOutlined />}
            loading={links.rechecking}
            onClick={async () => {
              try {
                const r = await links.recheck({ organizationId: s.orgId });
                message.success(
                  r && r.queued > 0
                    ? `已排队检查 ${r.queued} 个链接（${r.issues} 个问题）`
                    : '这些链接一分钟内刚检查过',
                );
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            重新检查链接
          </Button>
        </Flex>
        <Table<IssueWithLinks>
          rowKey="id"
          size="small"
          loading={s.issuesLoading}
          dataSource={shown}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          onRow={(r) => ({ onClick: () => s.openIssueId(r.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: '单位',
              dataIndex: ['organization', 'name'],
              width: 150,
            },
            { title: '问题类型', dataIndex: 'issueTypeLabel', width: 170 },
            { title: '问题描述', dataIndex: 'description', ellipsis: true },
            {
              title: '扣分',
              dataIndex: 'pointsDeducted',
              width: 64,
              align: 'right',
              render: (p: number) => formatPoints(p),
            },
            {
              title: '整改期限',
              dataIndex: 'deadline',
              width: 170,
              render: (_d: string, r) => (
                <Space size={4} wrap>
                  <DeadlineCell issue={r} />
                  {r.overdue ? letterButton(r.organization, 'link') : null}
                </Space>
              ),
            },
            {
              title: '链接状态',
              key: 'linkStatus',
              width: 96,
              render: (_: unknown, r) => <IssueLinkStateTag status={r.linkStatus} />,
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 120,
              render: (st: Issue['status']) => (
                <Tag color={STATUS_COLORS[st]}>{STATUS_LABELS[st]}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <IssueDrawer
        issue={s.openIssue}
        actor={actor}
        issuerId={round.organizationId}
        state={s}
        links={
          s.openIssue ? (
            <IssueLinksSection
              issueId={s.openIssue.id}
              status={s.openIssue.linkStatus}
              links={links}
            />
          ) : null
        }
      />
    </>
  );
}
