import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  downloadFile,
  errorMessage,
  RecordAttendanceDocument,
  RemoveAttendanceDocument,
  TrainingSessionDocument,
  UpdateTrainingSessionDocument,
  type SessionUserFragment,
  type TrainingSessionQuery,
} from '@sunshine/web/graphql';
import { ErrorState, LoadingState } from '@sunshine/web/ui';
import { formatHours, sessionDates, TRAINING_STATUS_TEXT, updateInputOf } from '../trainings-model';
import { InvitationsModal } from './invitations-modal';
import { SessionMaterials } from './session-materials';
import { SignInImportModal } from './sign-in-import-modal';

type Session = TrainingSessionQuery['trainingSession'];
type Attendance = Session['attendances'][number];

const NEXT: Record<string, { status: string; label: string } | undefined> = {
  PLANNED: { status: 'HELD', label: '标记为已举办' },
  HELD: { status: 'ARCHIVED', label: '归档' },
};

/** One session: its facts, the people (phones masked unless allowed), import, export, status. */
export function SessionDrawer({
  sessionId,
  user,
  units,
  onClose,
  onChanged,
}: {
  sessionId: string | null;
  user: SessionUserFragment | null;
  units: ReadonlyArray<{ id: string; code: string; name: string; parentId?: string | null }>;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const q = useQuery(TrainingSessionDocument, {
    variables: { id: sessionId ?? '' },
    skip: !sessionId,
    fetchPolicy: 'cache-and-network',
  });
  const [update, updating] = useMutation(UpdateTrainingSessionDocument);
  const [record, recording] = useMutation(RecordAttendanceDocument);
  const [remove] = useMutation(RemoveAttendanceDocument);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [form] = Form.useForm<{
    organizationId: string;
    traineeName: string;
    post?: string;
    phone?: string;
    hours?: number;
  }>();
  const s = q.data?.trainingSession;
  const roles = user?.roles ?? [];
  const ownInvited = Boolean(
    s &&
    user &&
    s.status === 'PLANNED' &&
    s.invited.some((o) => o.id === user.organization.id) &&
    (roles.includes('ADMIN') || roles.includes('EDITOR')),
  );
  const refresh = () => {
    void q.refetch();
    onChanged();
  };

  const advance = async () => {
    if (!s) return;
    const next = NEXT[s.status];
    if (!next) return;
    try {
      await update({
        variables: { input: updateInputOf(s, { status: next.status }) as never },
      });
      message.success(next.label === '归档' ? '已归档' : '已标记为已举办');
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const add = async () => {
    if (!s) return;
    const v = await form.validateFields();
    try {
      const r = await record({
        variables: {
          input: {
            sessionId: s.id,
            organizationId: v.organizationId,
            traineeName: v.traineeName,
            post: v.post,
            phone: v.phone,
            attended: s.canEdit ? s.status !== 'PLANNED' : undefined,
            hours: s.canEdit && s.status !== 'PLANNED' ? v.hours : undefined,
          },
        },
      });
      const warning = r.data?.recordAttendance.warning;
      if (warning) message.warning(`已登记。提示：${warning}`);
      else message.success('已登记');
      form.resetFields();
      setAdding(false);
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const addable = s?.canEdit ? units : units.filter((o) => o.id === user?.organization.id);

  return (
    <Drawer
      open={Boolean(sessionId)}
      onClose={onClose}
      width={920}
      title={s?.title ?? '培训班'}
      extra={
        s ? (
          <Space>
            {s.canEdit || ownInvited ? (
              <Button onClick={() => setAdding(true)}>{s.canEdit ? '登记人员' : '报名'}</Button>
            ) : null}
            {s.canEdit ? (
              <Button type="primary" onClick={() => setImporting(true)}>
                导入签到表
              </Button>
            ) : null}
            {roles.some((r) => ['ADMIN', 'LEADER', 'ASSESSOR'].includes(r)) ? (
              <Button
                onClick={() =>
                  void downloadFile(
                    `/files/trainings/${s.id}/attendance.xlsx`,
                    `${s.title}-参训名单.xlsx`,
                  ).catch((e: unknown) => message.error(errorMessage(e)))
                }
              >
                导出名单
              </Button>
            ) : null}
            {s.canEdit && NEXT[s.status] ? (
              <Popconfirm title={`确定${NEXT[s.status]!.label}？`} onConfirm={() => void advance()}>
                <Button loading={updating.loading}>{NEXT[s.status]!.label}</Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null
      }
    >
      {q.error ? (
        <ErrorState message={errorMessage(q.error)} onRetry={() => void q.refetch()} />
      ) : !s ? (
        <LoadingState />
      ) : (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}
          >
            <Descriptions.Item label="举办单位">{s.organiserLabel}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={TRAINING_STATUS_TEXT[s.status]?.color}>
                {TRAINING_STATUS_TEXT[s.status]?.label}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="日期">
              {sessionDates(s.startDate, s.endDate)}
            </Descriptions.Item>
            <Descriptions.Item label="学时">{formatHours(s.hours)}</Descriptions.Item>
            <Descriptions.Item label="地点">{s.online ? '线上' : s.place || '—'}</Descriptions.Item>
            <Descriptions.Item label="名额">{s.capacity ?? '不限'}</Descriptions.Item>
            <Descriptions.Item label="培训专题" span={2}>
              {s.topics.join('；') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="授课人" span={2}>
              {s.lecturers
                .map((l) => [l.name, l.title, l.organization].filter(Boolean).join(' '))
                .join('；') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="培训对象" span={2}>
              {[audienceLevelText(s.audienceLevels), s.audienceRoles.join('、')]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="受邀单位" span={2}>
              <InvitedSummary names={s.invited.map((o) => o.name)} />
              {s.canEdit ? (
                <Button type="link" size="small" onClick={() => setInviting(true)}>
                  编辑受邀单位
                </Button>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label="报名截止" span={2}>
              {s.registrationDeadline ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <SessionMaterials
            sessionId={s.id}
            materials={s.materials}
            canEdit={s.canEdit}
            onChanged={refresh}
          />
          <Typography.Title level={5}>
            参训人员（{s.attendances.length}）
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, fontWeight: 'normal', marginLeft: 8 }}
            >
              联系电话仅对举办单位管理员和本单位管理员完整显示
            </Typography.Text>
          </Typography.Title>
          <Table<Attendance>
            size="small"
            rowKey="id"
            dataSource={s.attendances}
            pagination={
              s.attendances.length > 12 ? { pageSize: 12, showSizeChanger: false } : false
            }
            columns={[
              { title: '单位', render: (_, a) => a.organization.name },
              { title: '姓名', dataIndex: 'traineeName', width: 90 },
              { title: '职务', dataIndex: 'post', width: 120 },
              { title: '联系电话', dataIndex: 'phone', width: 130 },
              {
                title: '参训',
                width: 80,
                render: (_, a) =>
                  a.attended ? <Tag color="success">已参训</Tag> : <Tag>已报名</Tag>,
              },
              { title: '学时', dataIndex: 'hours', width: 60, align: 'right' },
              {
                title: '证明',
                width: 90,
                render: (_, a) =>
                  a.attended && (s.canEdit || roles.includes('ADMIN')) ? (
                    <a
                      onClick={() =>
                        void downloadFile(
                          `/files/trainings/attendances/${a.id}/certificate.docx`,
                          `${a.traineeName}-培训学时证明.docx`,
                        ).catch((e: unknown) => message.error(errorMessage(e)))
                      }
                    >
                      学时证明
                    </a>
                  ) : null,
              },
              {
                title: '',
                width: 60,
                render: (_, a) =>
                  s.canEdit || (ownInvited && a.organization.id === user?.organization.id) ? (
                    <Popconfirm
                      title="删除这条记录？"
                      onConfirm={() =>
                        void remove({ variables: { id: a.id } })
                          .then(refresh)
                          .catch((e: unknown) => message.error(errorMessage(e)))
                      }
                    >
                      <a>删除</a>
                    </Popconfirm>
                  ) : null,
              },
            ]}
            locale={{ emptyText: '还没有参训记录' }}
          />
          {inviting ? (
            <InvitationsModal
              session={s}
              organizations={units}
              open={inviting}
              onClose={() => setInviting(false)}
              onSaved={() => {
                setInviting(false);
                refresh();
              }}
            />
          ) : null}
          <SignInImportModal
            sessionId={s.id}
            open={importing}
            units={units}
            onClose={() => setImporting(false)}
            onImported={() => {
              setImporting(false);
              refresh();
            }}
          />
          <Modal
            title={s.canEdit ? '登记参训人员' : '报名'}
            open={adding}
            onCancel={() => setAdding(false)}
            onOk={() => void add()}
            confirmLoading={recording.loading}
            destroyOnHidden
          >
            <Form
              form={form}
              layout="vertical"
              initialValues={{
                organizationId: s.canEdit ? undefined : user?.organization.id,
                hours: s.hours,
              }}
            >
              <Form.Item
                name="organizationId"
                label="单位"
                rules={[{ required: true, message: '请选择单位' }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  disabled={!s.canEdit}
                  options={addable.map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
              <Form.Item
                name="traineeName"
                label="姓名"
                rules={[{ required: true, message: '请填写姓名' }]}
              >
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name="post" label="职务">
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="phone" label="联系电话">
                <Input maxLength={20} />
              </Form.Item>
              {s.canEdit && s.status !== 'PLANNED' ? (
                <Form.Item name="hours" label="参训学时">
                  <InputNumber min={0} max={s.hours} step={0.5} />
                </Form.Item>
              ) : null}
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}

const LEVEL_TEXT: Record<string, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };
const audienceLevelText = (levels: readonly string[]): string =>
  levels.length > 0 ? `${levels.map((l) => LEVEL_TEXT[l] ?? l).join('、')}单位` : '';

/** The invited bureaus: the first few by name, then how many more. */
function InvitedSummary({ names }: { names: readonly string[] }) {
  if (names.length === 0) return <>—</>;
  const shown = names.slice(0, 6).join('、');
  return <>{names.length > 6 ? `${shown} 等 ${names.length} 个单位` : shown}</>;
}
