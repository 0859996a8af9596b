import { useState } from 'react';
import { App, Button, Input, Modal, Space, Tooltip } from 'antd';
import { errorMessage } from '@sunshine/web/graphql';
import type { AnnualReportState } from '../use-annual-report';

/** 保存 / 提交 / 审核通过 / 确认 / 退回, as the caller's role and the report's status allow. */
export function ReportActions({ s }: { s: AnnualReportState }) {
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const actions = s.report?.actions ?? [];
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const blocked = s.errors.length > 0;
  return (
    <Space wrap>
      {actions.includes('SAVE') ? (
        <Button disabled={s.busy} onClick={() => void run(s.save, '已保存')}>
          保存
        </Button>
      ) : null}
      {actions.includes('SAVE') ? (
        <Tooltip title={blocked ? `有 ${s.errors.length} 项勾稽关系不平，请先修正` : undefined}>
          <Button
            type="primary"
            disabled={s.busy || blocked}
            onClick={() => void run(s.submit, '已提交')}
          >
            提交
          </Button>
        </Tooltip>
      ) : null}
      {actions.includes('APPROVE') ? (
        <Button type="primary" disabled={s.busy} onClick={() => void run(s.approve, '已审核通过')}>
          审核通过
        </Button>
      ) : null}
      {actions.includes('ACCEPT') ? (
        <Button type="primary" disabled={s.busy} onClick={() => void run(s.accept, '已确认')}>
          确认
        </Button>
      ) : null}
      {actions.includes('RETURN') ? (
        <Button danger disabled={s.busy} onClick={() => setReturning(true)}>
          退回
        </Button>
      ) : null}
      <Modal
        title="退回年度报告"
        open={returning}
        okText="退回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setReturning(false)}
        onOk={() =>
          void run(async () => {
            await s.sendBack(reason.trim());
            setReturning(false);
            setReason('');
          }, '已退回')
        }
      >
        <Input.TextArea
          aria-label="退回原因"
          rows={3}
          maxLength={500}
          placeholder="请填写退回原因（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}
