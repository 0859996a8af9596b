import { useEffect, useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { errorMessage } from '@sunshine/web/graphql';
import { formatDateTime } from '@sunshine/web/ui';
import {
  formatPoints,
  issueActions,
  STATUS_COLORS,
  STATUS_LABELS,
  type Actor,
  type Issue,
} from '../assessment-model';
import type { AssessmentsState } from '../use-assessments';
import { DeadlineCell } from './deadline-cell';
import { IssueLoopPanel } from './issue-loop-panel';

interface Props {
  issue: Issue | null;
  actor: Actor | null;
  issuerId: string | null;
  state: AssessmentsState;
  /** Shown under the problem's details (the link checks). */
  links?: ReactNode;
}

/** One problem: what the assessor found, the bureau's answer, the history and the next step. */
export function IssueDrawer({ issue, actor, issuerId, state, links: linkChecks }: Props) {
  const { message } = App.useApp();
  const [measure, setMeasure] = useState('');
  const [links, setLinks] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => {
    setMeasure(issue?.measure ?? '');
    setLinks(issue?.rectificationLinks.join('\n') ?? '');
    setReason('');
  }, [issue]);

  const actions = issue && actor ? issueActions(issue, actor, issuerId) : [];
  const linkList = links
    .split(/\s+/)
    .map((l) => l.trim())
    .filter(Boolean);
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Drawer
      open={issue !== null}
      onClose={() => state.openIssueId(null)}
      width={560}
      title={issue ? `${issue.organization.name} · ${issue.issueTypeLabel}` : ''}
      destroyOnHidden
    >
      {issue ? (
        <Flex vertical gap={16}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[issue.status]}>{STATUS_LABELS[issue.status]}</Tag>
              {issue.overdue ? <Tag color="error">逾期</Tag> : null}
              {issue.late ? <Tag color="warning">逾期答复</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label="问题描述">{issue.description}</Descriptions.Item>
            <Descriptions.Item label="问题位置">
              {/^https?:\/\//.test(issue.location) ? (
                <Typography.Link href={issue.location} target="_blank" rel="noreferrer noopener">
                  {issue.location}
                </Typography.Link>
              ) : (
                issue.location || '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label="扣分">{formatPoints(issue.pointsDeducted)}</Descriptions.Item>
            <Descriptions.Item label="整改期限">
              <DeadlineCell issue={issue} />
            </Descriptions.Item>
            {issue.dispute ? (
              <Descriptions.Item label="无需整改理由">{issue.disputeReason}</Descriptions.Item>
            ) : null}
            {!actions.includes('save') && issue.measure ? (
              <Descriptions.Item label="整改措施">{issue.measure}</Descriptions.Item>
            ) : null}
            {!actions.includes('save') && issue.rectificationLinks.length ? (
              <Descriptions.Item label="整改链接">
                {issue.rectificationLinks.map((l) => (
                  <div key={l}>
                    <Typography.Link href={l} target="_blank" rel="noreferrer noopener">
                      {l}
                    </Typography.Link>
                  </div>
                ))}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {linkChecks}

          {actions.includes('save') ? (
            <Flex vertical gap={8}>
              <Typography.Text strong>整改情况</Typography.Text>
              <Input.TextArea
                aria-label="整改措施"
                placeholder="整改措施，如：已在“政策解读”栏目补充发布解读材料"
                rows={3}
                value={measure}
                onChange={(e) => setMeasure(e.target.value)}
              />
              <Input.TextArea
                aria-label="整改链接"
                placeholder="整改后页面的链接，每行一个（http:// 或 https://）"
                rows={2}
                value={links}
                onChange={(e) => setLinks(e.target.value)}
              />
              <Space wrap>
                <Button
                  loading={state.busy}
                  onClick={() =>
                    run(
                      () => state.actions.save(issue.id, issue.version, measure, linkList),
                      '已保存',
                    )
                  }
                >
                  保存
                </Button>
                <Button
                  type="primary"
                  loading={state.busy}
                  onClick={() =>
                    run(
                      () => state.actions.submit(issue.id, issue.version, measure, linkList),
                      '已提交本单位审核',
                    )
                  }
                >
                  提交审核
                </Button>
              </Space>
              <Input
                aria-label="无需整改理由"
                placeholder="如无需整改，请填写理由（如：本单位无此类信息）"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Button
                disabled={!reason.trim()}
                loading={state.busy}
                onClick={() =>
                  run(() => state.actions.dispute(issue.id, issue.version, reason), '已提交申诉')
                }
              >
                无需整改（申诉）
              </Button>
            </Flex>
          ) : null}

          {actions.includes('approve') ? (
            <Button
              type="primary"
              loading={state.busy}
              onClick={() =>
                run(() => state.actions.approve(issue.id, issue.version), '已审核通过，报送复核')
              }
            >
              审核通过，报送复核
            </Button>
          ) : null}

          {actions.includes('verify') ? (
            <Flex vertical gap={8}>
              <Input
                aria-label="复核意见"
                placeholder="复核意见（退回时必填）"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
              <Space>
                <Button
                  type="primary"
                  loading={state.busy}
                  onClick={() =>
                    run(() => state.actions.verify(issue.id, issue.version, reason), '已销号')
                  }
                >
                  复核通过（销号）
                </Button>
                <Button
                  danger
                  disabled={!reason.trim()}
                  loading={state.busy}
                  onClick={() =>
                    run(() => state.actions.giveBack(issue.id, issue.version, reason), '已退回')
                  }
                >
                  退回整改
                </Button>
              </Space>
            </Flex>
          ) : null}

          <IssueLoopPanel issue={issue} actions={actions} />

          <div>
            <Typography.Text strong>流转记录</Typography.Text>
            <Timeline
              style={{ marginTop: 12 }}
              items={state.history.map((h) => ({
                key: h.id,
                children: (
                  <>
                    <div>
                      {STATUS_LABELS[h.toStatus as keyof typeof STATUS_LABELS] ?? h.toStatus} ·{' '}
                      {h.actorName}
                    </div>
                    <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                    {h.comment ? <div>{h.comment}</div> : null}
                  </>
                ),
              }))}
            />
          </div>
        </Flex>
      ) : null}
    </Drawer>
  );
}
