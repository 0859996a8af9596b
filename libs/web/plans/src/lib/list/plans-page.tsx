import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import {
  CreatePlanDocument,
  errorMessage,
  MeDocument,
  PlansDocument,
  type PlansQuery,
} from '@sunshine/web/graphql';
import { EmptyState, ErrorState, formatCount, formatDate, PageHeader } from '@sunshine/web/ui';
import { isIssuerLevel, planStatusView } from '../plan-model';
import { CreatePlanModal } from './create-plan-modal';

type PlanRow = PlansQuery['plans'][number];

/** 任务清单: the annual plans (年度政务公开重点工作任务分工). */
export function PlansPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const me = useQuery(MeDocument);
  const { data, previousData, loading, error, refetch } = useQuery(PlansDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const [create, createState] = useMutation(CreatePlanDocument, { refetchQueries: ['Plans'] });
  const [creating, setCreating] = useState(false);
  const user = me.data?.me;
  const plans = (data ?? previousData)?.plans ?? [];
  const canCreate = Boolean(
    user?.roles.includes('ADMIN') && user && isIssuerLevel(user.organization.level),
  );
  const nextYear = Math.max(new Date().getFullYear(), ...plans.map((p) => p.year + 1));

  const open = (p: PlanRow) => void navigate(`/plans/${p.id}`);

  return (
    <>
      <PageHeader
        title="任务清单"
        description="年度政务公开重点工作任务分工：任务、牵头单位、完成时限与适用层级。"
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建年度计划
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {error && plans.length === 0 ? (
          <ErrorState
            message={errorMessage(error, '计划列表加载失败')}
            onRetry={() => void refetch()}
          />
        ) : (
          <Table<PlanRow>
            rowKey="id"
            loading={loading && plans.length === 0}
            dataSource={plans}
            pagination={false}
            onRow={(p) => ({ onClick: () => open(p), style: { cursor: 'pointer' } })}
            locale={{
              emptyText: (
                <EmptyState
                  title="暂无年度计划"
                  description={
                    canCreate
                      ? '新建年度计划后，可导入任务清单并发布到各单位。'
                      : '省厅发布年度计划后，任务清单会显示在这里。'
                  }
                  action={
                    canCreate ? (
                      <Button
                        type="primary"
                        icon={<PlusOutlined />}
                        onClick={() => setCreating(true)}
                      >
                        新建年度计划
                      </Button>
                    ) : undefined
                  }
                />
              ),
            }}
            columns={[
              {
                title: '年度',
                dataIndex: 'year',
                key: 'year',
                width: 80,
                render: (y: number) => `${y}年`,
              },
              {
                title: '计划名称',
                dataIndex: 'title',
                key: 'title',
                render: (title: string, p) => (
                  <Typography.Link
                    onClick={(e) => {
                      e.stopPropagation();
                      open(p);
                    }}
                  >
                    {title}
                  </Typography.Link>
                ),
              },
              {
                title: '状态',
                dataIndex: 'status',
                key: 'status',
                width: 90,
                render: (_, p) => {
                  const v = planStatusView(p.status);
                  return <Tag color={v.color}>{v.label}</Tag>;
                },
              },
              {
                title: '类别 / 任务',
                key: 'stats',
                width: 120,
                render: (_, p) => `${p.stats.categories} 类 · ${p.stats.tasks} 项`,
              },
              {
                title: '总分值',
                key: 'weight',
                width: 80,
                align: 'right',
                render: (_, p) => p.stats.totalWeight,
              },
              {
                title: '任务分解',
                key: 'assignments',
                width: 100,
                align: 'right',
                render: (_, p) =>
                  p.status === 'DRAFT' ? (
                    <Typography.Text type="secondary">未发布</Typography.Text>
                  ) : (
                    `${formatCount(p.stats.assignments)} 条`
                  ),
              },
              {
                title: '发布时间',
                key: 'publishedAt',
                width: 140,
                render: (_, p) => formatDate(p.publishedAt),
              },
            ]}
          />
        )}
      </Card>
      {user ? (
        <CreatePlanModal
          open={creating}
          defaultYear={nextYear}
          level={user.organization.level}
          submitting={createState.loading}
          onClose={() => setCreating(false)}
          onSubmit={async (values) => {
            try {
              const { data: created } = await create({ variables: { input: values } });
              message.success('已创建计划草稿，请导入任务清单');
              if (created) void navigate(`/plans/${created.createPlan.id}`);
              return true;
            } catch (e: unknown) {
              message.error(errorMessage(e, '创建计划失败'));
              return false;
            }
          }}
        />
      ) : null}
    </>
  );
}
