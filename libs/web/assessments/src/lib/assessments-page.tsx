import { useMemo, useState } from 'react';
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
import { ArrowLeftOutlined } from '@ant-design/icons';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
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
import { IssueDrawer } from './components/issue-drawer';
import { KpiRow } from './components/kpi-row';
import { useAssessments } from './use-assessments';

const ROUND_STATUS: Record<string, string> = {
  DRAFT: '草稿',
  PUBLISHED: '整改中',
  CLOSED: '已结束',
};

/** 第三方测评: a round's figures, problems by unit and by type, and the problems as a worklist. */
export function AssessmentsPage() {
  const s = useAssessments();
  const { message } = App.useApp();
  const [view, setView] = useState<WorklistView>('all');
  const [type, setType] = useState<string | null>(null);
  const counts = useMemo(() => viewCounts(s.issues), [s.issues]);
  const shown = useMemo(
    () => s.issues.filter((i) => matchesView(i, view) && (!type || i.issueType === type)),
    [s.issues, view, type],
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
  if (!s.round)
    return (
      <>
        <PageHeader title="第三方测评" />
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
          <Space>
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
            <Select
              aria-label="测评批次"
              style={{ width: 380 }}
              value={round.id}
              onChange={s.selectRound}
              options={s.rounds.map((r) => ({ value: r.id, label: r.title }))}
            />
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
          <KpiRow figures={s.overview.total} />
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
      <Card size="small" title="问题清单">
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
            options={(s.overview?.byType ?? []).map((t) => ({
              value: t.issueType,
              label: t.label,
            }))}
          />
        </Flex>
        <Table<Issue>
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
              width: 150,
              render: (d: string, r) => (
                <Space size={4} wrap>
                  <Typography.Text type={r.overdue ? 'danger' : undefined}>
                    {formatDay(d)}
                    {r.overdue ? '（逾期）' : ''}
                  </Typography.Text>
                  {r.overdue ? letterButton(r.organization, 'link') : null}
                </Space>
              ),
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
      <IssueDrawer issue={s.openIssue} actor={actor} issuerId={round.organizationId} state={s} />
    </>
  );
}
