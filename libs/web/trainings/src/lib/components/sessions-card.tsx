import { useState } from 'react';
import { Card, Input, Segmented, Table, Tag } from 'antd';
import type { TrainingSessionFieldsFragment } from '@sunshine/web/graphql';
import { formatHours, sessionDates, TRAINING_STATUS_TEXT } from '../trainings-model';

type Session = TrainingSessionFieldsFragment;

/** The year's sessions, filterable by status and keyword; a click opens the session. */
export function SessionsCard({
  sessions,
  loading,
  onOpen,
  extra,
}: {
  sessions: readonly Session[];
  loading: boolean;
  onOpen: (id: string) => void;
  extra?: React.ReactNode;
}) {
  const [status, setStatus] = useState<string>('ALL');
  const [keyword, setKeyword] = useState('');
  const shown = sessions.filter(
    (s) =>
      (status === 'ALL' || s.status === status) &&
      (keyword.trim() === '' ||
        s.title.includes(keyword.trim()) ||
        s.organiserLabel.includes(keyword.trim())),
  );
  return (
    <Card
      title={`培训班（${sessions.length}）`}
      size="small"
      extra={
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Segmented
            size="small"
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { label: '全部', value: 'ALL' },
              { label: '计划中', value: 'PLANNED' },
              { label: '已举办', value: 'HELD' },
              { label: '已归档', value: 'ARCHIVED' },
            ]}
          />
          <Input.Search
            size="small"
            allowClear
            placeholder="名称或举办单位"
            style={{ width: 180 }}
            onSearch={setKeyword}
            onChange={(e) => e.target.value === '' && setKeyword('')}
          />
          {extra}
        </div>
      }
    >
      <Table<Session>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={shown}
        pagination={shown.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        onRow={(s) => ({ onClick: () => onOpen(s.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '培训班',
            render: (_, s) => <a data-testid="session-title">{s.title}</a>,
          },
          { title: '举办单位', dataIndex: 'organiserLabel', width: 170 },
          {
            title: '日期',
            width: 200,
            render: (_, s) => sessionDates(s.startDate, s.endDate),
          },
          { title: '学时', width: 90, render: (_, s) => formatHours(s.hours) },
          {
            title: '地点',
            width: 130,
            render: (_, s) => (s.online ? '线上' : s.place || '—'),
          },
          { title: '人数', dataIndex: 'attendanceCount', width: 70, align: 'right' },
          {
            title: '状态',
            width: 90,
            render: (_, s) => {
              const st = TRAINING_STATUS_TEXT[s.status];
              return <Tag color={st?.color}>{st?.label ?? s.status}</Tag>;
            },
          },
        ]}
        locale={{ emptyText: '本年度还没有培训班' }}
      />
    </Card>
  );
}
