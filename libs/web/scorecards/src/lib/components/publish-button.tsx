import { useState } from 'react';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, App, Button, Input, Modal, Table, Typography } from 'antd';
import {
  errorMessage,
  PublishScorecardDocument,
  ScorecardDiffDocument,
  type ScorecardDiffQuery,
} from '@sunshine/web/graphql';
import { formatScore } from '../scorecard-model';

type Diff = ScorecardDiffQuery['scorecardDiff'];
const GRADE: Record<string, string> = {
  EXCELLENT: '优秀',
  GOOD: '良好',
  PASS: '合格',
  FAIL: '不合格',
};

/**
 * 定档: freezes the results. Before republishing, the difference between the frozen and the
 * recomputed results is shown and must be confirmed (the server checks its hash).
 */
export function PublishButton({
  year,
  quarter,
  organizationId,
  published,
  onPublished,
}: {
  year: number;
  quarter: number | null;
  organizationId: string;
  published: boolean;
  onPublished: () => void;
}) {
  const { message } = App.useApp();
  const client = useApolloClient();
  const [diff, setDiff] = useState<Diff | null>(null);
  const [loading, setLoading] = useState(false);
  const [note, setNote] = useState('');
  const [publish, publishing] = useMutation(PublishScorecardDocument);

  const open = async () => {
    setLoading(true);
    try {
      const r = await client.query({
        query: ScorecardDiffDocument,
        variables: { year, quarter, organizationId },
        fetchPolicy: 'network-only',
      });
      if (r.data) setDiff(r.data.scorecardDiff);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };
  const changed = diff?.rows.filter(
    (r) =>
      r.publishedScore !== r.currentScore ||
      r.publishedGrade !== r.currentGrade ||
      r.publishedVetoed !== r.currentVetoed,
  );

  return (
    <>
      <Button
        type={published ? 'default' : 'primary'}
        loading={loading}
        onClick={() => void open()}
      >
        {published ? '重新定档' : '定档'}
      </Button>
      <Modal
        open={diff !== null}
        title={published ? '重新定档：与已定档结果的差异' : '考评结果定档'}
        okText={published ? '确认差异并重新定档' : '定档'}
        okButtonProps={{ disabled: !!diff?.publication && diff.unchanged }}
        confirmLoading={publishing.loading}
        width={680}
        onCancel={() => setDiff(null)}
        onOk={async () => {
          if (!diff) return;
          try {
            await publish({
              variables: {
                input: {
                  year,
                  quarter,
                  organizationId,
                  note: note || undefined,
                  confirmHash: diff.publication ? diff.currentHash : undefined,
                },
              },
            });
            message.success('已定档');
            setDiff(null);
            onPublished();
          } catch (e) {
            message.error(errorMessage(e));
          }
        }}
      >
        {diff && !diff.publication ? (
          <Typography.Paragraph>
            定档后结果冻结（记录细则版本与内容哈希），之后的数据更正不会改变已定档结果。
          </Typography.Paragraph>
        ) : null}
        {diff?.publication && diff.unchanged ? (
          <Alert
            type="success"
            showIcon
            message="重新计算的结果与已定档结果完全一致，无需重新定档。"
          />
        ) : null}
        {diff?.publication && !diff.unchanged ? (
          <div data-testid="publish-diff">
            {diff.rubricChanged ? (
              <Alert
                type="warning"
                showIcon
                message="考评细则已有新版本"
                style={{ marginBottom: 8 }}
              />
            ) : null}
            <Table
              size="small"
              rowKey={(r) => r.organization.id}
              pagination={false}
              dataSource={changed}
              locale={{ emptyText: '各单位得分未变' }}
              columns={[
                { title: '单位', render: (_, r) => r.organization.name },
                {
                  title: '已定档',
                  render: (_, r) =>
                    `${formatScore(r.publishedScore)} ${r.publishedGrade ? GRADE[r.publishedGrade] : ''}`,
                },
                {
                  title: '重新计算',
                  render: (_, r) =>
                    `${formatScore(r.currentScore)} ${r.currentGrade ? GRADE[r.currentGrade] : ''}`,
                },
              ]}
            />
          </div>
        ) : null}
        <Input
          style={{ marginTop: 12 }}
          placeholder="定档说明（可选）"
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
