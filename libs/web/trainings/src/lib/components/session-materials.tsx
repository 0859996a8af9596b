import { useState } from 'react';
import { App, Button, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { authorizedFetch, downloadFile, errorMessage, uploadFile } from '@sunshine/web/graphql';
import { TRAINING_MATERIAL_KINDS, TRAINING_MATERIAL_LABEL } from '@sunshine/shared/domain';
import { formatBytes } from '../trainings-model';

interface Material {
  id: string;
  kind: string;
  fileName: string;
  sizeBytes: number;
  createdAt: string;
}

/** 培训材料: listed for whoever reads the session, added and removed by the host. */
export function SessionMaterials({
  sessionId,
  materials,
  canEdit,
  onChanged,
}: {
  sessionId: string;
  materials: readonly Material[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>('SLIDES');
  const [progress, setProgress] = useState<number | null>(null);

  const upload = async (file: File) => {
    setProgress(0);
    try {
      await uploadFile(`/files/trainings/${sessionId}/materials?kind=${kind}`, file, {
        onProgress: (p) => setProgress(p),
      });
      message.success(`已上传 ${file.name}`);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  const remove = async (id: string) => {
    try {
      const res = await authorizedFetch(`/files/training-materials/${id}`, { method: 'DELETE' });
      if (!res.ok) throw new Error('删除失败，请刷新后重试');
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          培训材料（{materials.length}）
        </Typography.Title>
        {canEdit ? (
          <Space>
            <Select
              size="small"
              value={kind}
              onChange={setKind}
              style={{ width: 90 }}
              aria-label="材料类别"
              options={TRAINING_MATERIAL_KINDS.map((k) => ({
                value: k,
                label: TRAINING_MATERIAL_LABEL[k],
              }))}
            />
            <Upload
              showUploadList={false}
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx"
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button size="small" loading={progress !== null}>
                {progress !== null ? `上传中 ${Math.round(progress)}%` : '上传材料'}
              </Button>
            </Upload>
          </Space>
        ) : null}
      </Space>
      <Table<Material>
        size="small"
        rowKey="id"
        style={{ marginTop: 8, marginBottom: 16 }}
        dataSource={[...materials]}
        pagination={false}
        columns={[
          {
            title: '类别',
            width: 70,
            render: (_, f) =>
              TRAINING_MATERIAL_LABEL[f.kind as keyof typeof TRAINING_MATERIAL_LABEL] ?? f.kind,
          },
          {
            title: '文件',
            render: (_, f) => (
              <a
                onClick={() =>
                  void downloadFile(`/files/training-materials/${f.id}`, f.fileName).catch(
                    (e: unknown) => message.error(errorMessage(e)),
                  )
                }
              >
                {f.fileName}
              </a>
            ),
          },
          { title: '大小', width: 90, align: 'right', render: (_, f) => formatBytes(f.sizeBytes) },
          { title: '上传时间', width: 110, render: (_, f) => f.createdAt.slice(0, 10) },
          {
            title: '',
            width: 60,
            render: (_, f) =>
              canEdit ? (
                <Popconfirm title="删除这份材料？" onConfirm={() => void remove(f.id)}>
                  <a>删除</a>
                </Popconfirm>
              ) : null,
          },
        ]}
        locale={{ emptyText: '暂无课件、讲义或照片' }}
      />
    </>
  );
}
