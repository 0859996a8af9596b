import { useState, type ReactNode } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AuditEventsQuery } from '@sunshine/web/graphql';
import { EmptyState, ErrorState, formatDateTimeSeconds, PageHeader } from '@sunshine/web/ui';
import {
  auditActionLabel,
  auditResultView,
  auditTargetLabel,
  auditTargetView,
  formatChanges,
} from './audit-format';
import { AuditAlerts } from './audit-alerts';
import { AuditExport } from './audit-export';
import { useAuditLog } from './use-audit-log';
import { VerificationResult } from './verification-result';

type AuditEvent = AuditEventsQuery['auditEvents']['items'][number];

const TONE_COLOR = {
  success: 'success',
  error: 'error',
  warning: 'warning',
  default: 'default',
} as const;

/** A link inside the log: shows only the events of a user, a unit or an object. */
function Follow({
  title,
  onClick,
  children,
}: {
  title: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Typography.Link
      href="#"
      title={title}
      onClick={(e) => {
        e.preventDefault();
        onClick();
      }}
    >
      {children}
    </Typography.Link>
  );
}

function columnsFor(log: ReturnType<typeof useAuditLog>): TableColumnsType<AuditEvent> {
  return [
    {
      title: '时间',
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      width: 170,
      render: (v: string) => formatDateTimeSeconds(v),
    },
    {
      title: '用户',
      key: 'user',
      width: 125,
      ellipsis: true,
      render: (_, e) =>
        e.username && e.userId ? (
          <Follow
            title={`只看 ${e.username} 的操作`}
            onClick={() => log.setUserId(e.userId ?? undefined)}
          >
            {e.username}
          </Follow>
        ) : (
          (e.username ?? <Typography.Text type="secondary">匿名</Typography.Text>)
        ),
    },
    {
      title: '单位',
      key: 'org',
      width: 130,
      ellipsis: true,
      render: (_, e) =>
        e.organizationName && e.organizationId ? (
          <Follow
            title={`只看 ${e.organizationName} 的记录`}
            onClick={() =>
              log.setOrganization({
                value: e.organizationId ?? '',
                label: e.organizationName ?? '',
              })
            }
          >
            {e.organizationName}
          </Follow>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      dataIndex: 'action',
      key: 'action',
      width: 130,
      ellipsis: true,
      render: (action: string, e) => (
        <span title={auditActionLabel(action, e.changes)}>
          {auditActionLabel(action, e.changes)}
        </span>
      ),
    },
    {
      title: '对象',
      key: 'target',
      render: (_, e) => {
        if (!e.target) return e.targetType ? auditTargetLabel(e.targetType) : '—';
        const t = auditTargetView(e.target);
        const full = [t.typeLabel, t.name, t.detail].filter(Boolean).join(' · ');
        const target = e.target;
        return (
          <div title={full} data-testid="audit-target" style={{ lineHeight: 1.45 }}>
            <Typography.Text type="secondary">{t.typeLabel}</Typography.Text>
            {t.name ? ' ' : null}
            {t.name && t.followable && target.id ? (
              <Follow
                title={`只看与此${t.typeLabel}有关的记录`}
                onClick={() =>
                  log.setTarget({
                    type: target.type,
                    id: target.id ?? '',
                    label: `${t.typeLabel} ${t.name}`,
                  })
                }
              >
                {t.name}
              </Follow>
            ) : (
              t.name
            )}
            {t.detail ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t.detail}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        );
      },
    },
    {
      title: '结果',
      dataIndex: 'result',
      key: 'result',
      width: 70,
      render: (r: string) => {
        const v = auditResultView(r);
        return <Tag color={TONE_COLOR[v.tone]}>{v.label}</Tag>;
      },
    },
    {
      title: 'IP 地址',
      dataIndex: 'ip',
      key: 'ip',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
  ];
}

export function AuditLogPage() {
  const log = useAuditLog();
  const columns = columnsFor(log);
  const [showVerification, setShowVerification] = useState(true);

  return (
    <>
      <PageHeader
        title="审计日志"
        description="系统操作留痕记录，仅审计管理员可查看；记录以哈希链方式保存，可校验是否被篡改。"
        extra={
          <Flex gap={8}>
            <AuditExport {...log.exportRange} />
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={log.verifying}
              onClick={() => {
                setShowVerification(true);
                void log.verify();
              }}
            >
              校验审计链
            </Button>
          </Flex>
        }
      />
      <AuditAlerts />
      {showVerification ? (
        <VerificationResult
          result={log.verification}
          error={log.verificationError}
          verifiedAt={log.verifiedAt}
          onClose={() => setShowVerification(false)}
        />
      ) : null}
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker
            value={log.filters.range}
            onChange={(v) =>
              log.setRange(v && v[0] && v[1] ? ([v[0], v[1]] as [Dayjs, Dayjs]) : null)
            }
            allowEmpty={[false, false]}
            placeholder={['开始日期', '结束日期']}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部用户"
            aria-label="按用户筛选"
            options={log.userOptions}
            value={log.filters.userId}
            onChange={(v: string | undefined) => log.setUserId(v)}
            style={{ width: 180 }}
            notFoundContent="暂无可选用户"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部操作"
            aria-label="按操作筛选"
            options={log.actionOptions}
            value={log.filters.action}
            onChange={(v: string | undefined) => log.setAction(v)}
            style={{ width: 200 }}
            notFoundContent="暂无可选操作"
          />
          {log.filters.organization ? (
            <Tag
              closable
              onClose={() => log.setOrganization(undefined)}
              style={{ marginInlineEnd: 0 }}
            >
              单位：{log.filters.organization.label}
            </Tag>
          ) : null}
          {log.filters.target ? (
            <Tag closable onClose={() => log.setTarget(undefined)} style={{ marginInlineEnd: 0 }}>
              对象：{log.filters.target.label}
            </Tag>
          ) : null}
          <Button onClick={log.reset} disabled={!log.filtered}>
            重置
          </Button>
        </Flex>
        {log.error && log.events.length === 0 ? (
          <ErrorState message={log.error} onRetry={log.refetch} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={log.events}
            loading={log.loading}
            expandable={{
              rowExpandable: (e) => !!e.changes,
              expandedRowRender: (e) => (
                <pre
                  style={{
                    margin: 0,
                    fontSize: 12,
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-all',
                  }}
                >
                  {formatChanges(e.changes)}
                </pre>
              ),
            }}
            pagination={{
              current: log.page,
              pageSize: log.pageSize,
              total: log.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `共 ${t} 条记录`,
              onChange: log.onPageChange,
            }}
            locale={{
              emptyText: log.loading ? (
                <span />
              ) : (
                <EmptyState
                  compact
                  title={log.filtered ? '没有符合条件的审计记录' : '暂无审计记录'}
                  description={log.filtered ? '请调整时间范围、用户或操作条件。' : undefined}
                />
              ),
            }}
          />
        )}
      </Card>
    </>
  );
}
