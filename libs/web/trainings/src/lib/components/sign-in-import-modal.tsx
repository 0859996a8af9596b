import { useState } from 'react';
import { Alert, App, Button, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { authorizedFetch, fileRequestFailure } from '@sunshine/web/graphql';

export interface SignInPreview {
  ok: boolean;
  rows: Array<{
    sheet: string;
    row: number;
    unitWritten: string;
    organizationName: string;
    loose: boolean;
    traineeName: string;
    post: string;
    phone: string;
    attended: boolean;
    hours: number;
  }>;
  errors: Array<{ sheet: string; row: number; message: string }>;
  warnings: Array<{ sheet: string; row: number; message: string }>;
  unknownUnits: Array<{
    written: string;
    rows: number;
    suggestion: { id: string; name: string } | null;
  }>;
  counts: { people: number; attended: number; bureaus: number; replaced: number };
  imported?: number;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 导入签到表: the file is previewed (nothing written), unknown units get the closest bureau
 * preselected, and only a clean preview can be imported — all or nothing.
 */
export function SignInImportModal({
  sessionId,
  open,
  onClose,
  onImported,
  units,
}: {
  sessionId: string;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
  units: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<SignInPreview | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const send = async (
    path: string,
    f: File,
    chosen: Record<string, string>,
  ): Promise<SignInPreview> => {
    const response = await authorizedFetch(`/files/trainings/${sessionId}/${path}`, {
      method: 'POST',
      body: f,
      headers: {
        'content-type': XLSX,
        'x-file-name': encodeURIComponent(f.name),
        'x-unit-choices': encodeURIComponent(JSON.stringify(chosen)),
      },
    });
    if (!response.ok) throw await fileRequestFailure(response);
    return (await response.json()) as SignInPreview;
  };

  const run = async (f: File, chosen: Record<string, string>) => {
    setBusy(true);
    setFailure(null);
    try {
      const p = await send('sign-in/preview', f, chosen);
      setPreview(p);
      const next = { ...chosen };
      for (const u of p.unknownUnits)
        if (u.suggestion && !next[u.written]) next[u.written] = u.suggestion.id;
      setChoices(next);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : '读取失败');
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await send('sign-in', file, choices);
      if (r.ok) {
        message.success(`已导入 ${r.imported ?? r.counts.people} 人`);
        reset();
        onImported();
      } else setPreview(r);
    } catch (e) {
      setFailure(e instanceof Error ? e.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setFile(null);
    setPreview(null);
    setChoices({});
    setFailure(null);
  };
  const pending = preview?.unknownUnits.filter((u) => choices[u.written]) ?? [];
  const onlyUnknown =
    preview !== null && !preview.ok && preview.errors.every((e) => /未找到单位/.test(e.message));

  return (
    <Modal
      title="导入签到表"
      open={open}
      width={880}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={
        <Space>
          <Button onClick={reset} disabled={!file || busy}>
            重新选择
          </Button>
          {onlyUnknown && pending.length > 0 ? (
            <Button onClick={() => file && void run(file, choices)} loading={busy}>
              按所选单位重新预览
            </Button>
          ) : null}
          <Button
            type="primary"
            disabled={!preview?.ok}
            loading={busy}
            onClick={() => void commit()}
          >
            确认导入
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      {!file ? (
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            void run(f, {});
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入签到表（.xlsx）</p>
          <Typography.Text type="secondary">
            列：序号、单位、姓名、职务、联系电话、签到、备注；单位名称可简写，每天一张工作表亦可
          </Typography.Text>
        </Upload.Dragger>
      ) : null}
      {failure ? <Alert type="error" showIcon message={failure} style={{ marginTop: 12 }} /> : null}
      {preview ? (
        <div data-testid="sign-in-preview" style={{ marginTop: 12 }}>
          <Alert
            type={preview.ok ? 'success' : 'error'}
            showIcon
            message={
              preview.ok
                ? `可导入 ${preview.counts.people} 人（签到 ${preview.counts.attended} 人，来自 ${preview.counts.bureaus} 个单位）`
                : `有 ${preview.errors.length} 处错误，修正后才能导入（不会导入任何一行）`
            }
          />
          {preview.unknownUnits.length > 0 ? (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>未识别的单位</Typography.Text>
              {preview.unknownUnits.map((u) => (
                <div
                  key={u.written}
                  style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 6 }}
                >
                  <Tag>{u.written}</Tag>
                  <span>（{u.rows} 行）对应：</span>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 260 }}
                    value={choices[u.written]}
                    placeholder="选择单位"
                    options={units.map((o) => ({ value: o.id, label: o.name }))}
                    onChange={(v: string) => setChoices({ ...choices, [u.written]: v })}
                  />
                </div>
              ))}
            </div>
          ) : null}
          {preview.errors.length > 0 ? (
            <ul style={{ color: '#cf1322', marginTop: 12, maxHeight: 120, overflowY: 'auto' }}>
              {preview.errors.map((e, i) => (
                <li key={i}>
                  {e.sheet ? `【${e.sheet}】` : ''}
                  {e.message}
                </li>
              ))}
            </ul>
          ) : null}
          {preview.warnings.length > 0 ? (
            <ul style={{ color: '#ad6800', marginTop: 8, maxHeight: 100, overflowY: 'auto' }}>
              {preview.warnings.map((w, i) => (
                <li key={i}>
                  {w.sheet ? `【${w.sheet}】` : ''}
                  {w.message}
                </li>
              ))}
            </ul>
          ) : null}
          <Table
            size="small"
            style={{ marginTop: 8 }}
            rowKey={(r) => `${r.sheet}-${r.row}`}
            dataSource={preview.rows}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { title: '行', width: 60, render: (_, r) => r.row },
              {
                title: '单位',
                render: (_, r) => (
                  <>
                    {r.organizationName}
                    {r.loose ? (
                      <Typography.Text type="secondary">（表中：{r.unitWritten}）</Typography.Text>
                    ) : null}
                  </>
                ),
              },
              { title: '姓名', dataIndex: 'traineeName', width: 90 },
              { title: '职务', dataIndex: 'post', width: 110 },
              { title: '联系电话', dataIndex: 'phone', width: 120 },
              {
                title: '签到',
                width: 70,
                render: (_, r) =>
                  r.attended ? <Tag color="success">已签到</Tag> : <Tag>未到</Tag>,
              },
              { title: '学时', dataIndex: 'hours', width: 60 },
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
