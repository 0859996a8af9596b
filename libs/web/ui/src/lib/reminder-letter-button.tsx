import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState, type MouseEvent } from 'react';

/** The file route of a bureau's 催办函 (docs/api-files.md). */
export function reminderLetterPath(
  organizationId: string,
  period?: { year: number; quarter?: number | null },
): string {
  const query = new URLSearchParams();
  if (period) query.set('year', String(period.year));
  if (period?.quarter) query.set('quarter', String(period.quarter));
  const q = query.toString();
  return `/files/reminder-letters/${encodeURIComponent(organizationId)}.docx${q ? `?${q}` : ''}`;
}

export interface ReminderLetterButtonProps {
  organizationName: string;
  /** Fetches and saves the letter (the feature passes `downloadFile(reminderLetterPath(...))`). */
  download: () => Promise<void>;
  /** 'link': a small link inside a table cell or list; 'button': a page action. */
  variant?: 'link' | 'button';
  /** Maps a failure to the message shown (the feature's `errorMessage`). */
  describeError?: (error: unknown) => string;
}

/**
 * One click to the 催办函 of a lagging bureau (its overdue reports, rectifications and training),
 * in the official layout. Clicks do not reach the row or card underneath.
 */
export function ReminderLetterButton({
  organizationName,
  download,
  variant = 'link',
  describeError,
}: ReminderLetterButtonProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async (e: MouseEvent) => {
    e.stopPropagation();
    setBusy(true);
    try {
      await download();
    } catch (error) {
      message.error(describeError ? describeError(error) : '催办函生成失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  const label = variant === 'link' ? '催办函' : '生成催办函';
  return (
    <Tooltip title={`生成发给${organizationName}的催办函（Word）`}>
      <Button
        type={variant === 'link' ? 'link' : 'default'}
        size="small"
        icon={<FileWordOutlined />}
        loading={busy}
        onClick={(e) => void onClick(e)}
        aria-label={`${organizationName}催办函`}
        style={variant === 'link' ? { padding: 0, height: 'auto' } : undefined}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
