import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { App, Button, Input, Modal, Tooltip, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { REMINDER_MESSAGE_MAX_LENGTH } from '@sunshine/shared/domain';
import { errorMessage, SendRemindersDocument } from '@sunshine/web/graphql';
import { formatCount, formatDateTime, formatQuarter } from '@sunshine/web/ui';

export interface RemindButtonProps {
  organizationId: string;
  organizationName: string;
  year: number;
  quarter: number;
  /** Tasks of subordinate bureaus without a submitted report. */
  missing: number;
  /** The last 催办 for the quarter, and when the next may be sent (null: now). */
  lastReminder?: {
    sentAt: string;
    sentByName?: string | null;
    nextAllowedAt?: string | null;
  } | null;
}

/** 上次催办：2025年5月20日 10:00，安庆市管理员 */
export function lastReminderText(last: { sentAt: string; sentByName?: string | null }): string {
  return `上次催办：${formatDateTime(last.sentAt)}${last.sentByName ? `，${last.sentByName}` : ''}`;
}

/** 一键催办: notify every subordinate bureau still missing reports for the quarter. */
export function RemindButton({
  organizationId,
  organizationName,
  year,
  quarter,
  missing,
  lastReminder,
}: RemindButtonProps) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [send, { loading }] = useMutation(SendRemindersDocument, {
    refetchQueries: ['CompletionOverview'],
  });
  const label = formatQuarter(year, quarter);

  const submit = async () => {
    try {
      const { data } = await send({
        variables: { input: { year, quarter, organizationId, message: text.trim() || null } },
      });
      const r = data?.sendReminders;
      if (r && r.organizations > 0)
        message.success(
          `已向 ${formatCount(r.organizations)} 个单位发送催办通知，涉及未报送任务 ${formatCount(r.missingReports)} 项`,
        );
      else message.info('下级单位均已报送，无需催办');
      setOpen(false);
      setText('');
    } catch (error: unknown) {
      message.error(errorMessage(error, '催办失败'));
    }
  };

  const wait = lastReminder?.nextAllowedAt ?? null;
  return (
    <>
      {lastReminder ? (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, alignSelf: 'center' }}
          data-testid="last-reminder"
        >
          {lastReminderText(lastReminder)}
        </Typography.Text>
      ) : null}
      <Tooltip
        title={
          wait ? `同一季度 24 小时内只能催办一次，${formatDateTime(wait)}后可再次催办` : undefined
        }
      >
        <Button
          icon={<BellOutlined />}
          onClick={() => setOpen(true)}
          disabled={missing === 0 || wait !== null}
        >
          {wait ? '已催办' : '一键催办'}
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title="一键催办"
        okText="发送催办"
        cancelText="取消"
        confirmLoading={loading}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          将向{organizationName}下级尚未报送{label}进展的单位发送站内催办通知，目前共有{' '}
          <Typography.Text strong>{formatCount(missing)}</Typography.Text> 项任务未报送。
          {lastReminder ? (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {lastReminderText(lastReminder)}
            </Typography.Text>
          ) : null}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="催办附言"
          placeholder="附言（可选），如：请于本周五前完成报送"
          maxLength={REMINDER_MESSAGE_MAX_LENGTH}
          showCount
          autoSize={{ minRows: 2, maxRows: 4 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Modal>
    </>
  );
}
