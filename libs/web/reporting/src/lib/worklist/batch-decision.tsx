import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { App, Button, Space, Typography } from 'antd';
import { DecideProgressReportsDocument, errorMessage } from '@sunshine/web/graphql';
import { DecisionModal } from '../report/decision-modal';

export interface BatchItem {
  id: string;
  version: number;
}

/**
 * 批量验收 / 退回 of the selected reports: one request for all, all or nothing (the API names the
 * report that stopped the batch). Reuses the single report's decision dialog.
 */
export function BatchDecisionBar({
  selected,
  onDone,
}: {
  selected: readonly BatchItem[];
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<'ACCEPT' | 'RETURN' | null>(null);
  const [decide] = useMutation(DecideProgressReportsDocument, {
    refetchQueries: ['Worklist', 'WorklistReports'],
  });
  const n = selected.length;
  const run = async (comment: string) => {
    if (!open) return;
    try {
      await decide({
        variables: {
          input: {
            decision: open,
            items: selected.map((s) => ({ id: s.id, version: s.version })),
            comment: comment || null,
          },
        },
      });
      message.success(open === 'ACCEPT' ? `已验收 ${n} 项进展` : `已退回 ${n} 项进展`);
      setOpen(null);
      onDone();
    } catch (error: unknown) {
      message.error(errorMessage(error, open === 'ACCEPT' ? '批量验收失败' : '批量退回失败'));
    }
  };
  return (
    <div
      style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '8px 0' }}
      data-testid="batch-bar"
    >
      <Typography.Text type="secondary">
        {n > 0 ? `已选 ${n} 项` : '勾选直接下级单位的进展后可批量验收或退回'}
      </Typography.Text>
      <Space size="small">
        <Button size="small" type="primary" disabled={n === 0} onClick={() => setOpen('ACCEPT')}>
          批量验收
        </Button>
        <Button size="small" danger disabled={n === 0} onClick={() => setOpen('RETURN')}>
          批量退回
        </Button>
      </Space>
      <DecisionModal
        open={open !== null}
        title={open === 'RETURN' ? `批量退回 ${n} 项进展` : `批量验收 ${n} 项进展`}
        okText={open === 'RETURN' ? '退回' : '验收'}
        description={
          open === 'RETURN'
            ? '所选进展将以同一退回原因退回各填报单位修改；任一项不能退回时全部不处理。'
            : '所选进展将全部验收；任一项不能验收（如已被他人处理）时全部不处理。'
        }
        required={open === 'RETURN'}
        danger={open === 'RETURN'}
        onOk={run}
        onCancel={() => setOpen(null)}
      />
    </div>
  );
}
