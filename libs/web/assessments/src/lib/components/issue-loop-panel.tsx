import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { App, Button, DatePicker, Flex, Input, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import {
  AssessmentIssueFilesDocument,
  authorizedFetch,
  downloadFile,
  errorMessage,
  fileRequestFailure,
  SendBackRectificationDocument,
  SetAssessmentIssueDeadlineDocument,
  uploadFile,
} from '@sunshine/web/graphql';
import { EVIDENCE_ACCEPT, EvidenceFileList, evidenceFileProblem } from '@sunshine/web/reporting-ui';
import type { Issue, IssueAction } from '../assessment-model';

const REFETCH = ['AssessmentOverview', 'AssessmentIssues', 'AssessmentIssueHistory'];

type Kind = 'RECTIFICATION' | 'EVIDENCE';

const KIND_LABEL: Record<Kind, string> = { RECTIFICATION: '整改附件', EVIDENCE: '测评佐证' };

interface Props {
  issue: Issue;
  actions: readonly IssueAction[];
}

/**
 * The loop's parts of a problem: its files (the bureau's rectification files, the assessor's
 * evidence: download; upload and delete for who may), the reviewer's send-back with a reason,
 * and the assessor's or issuer's new deadline.
 */
export function IssueLoopPanel({ issue, actions }: Props) {
  const { message } = App.useApp();
  const files = useQuery(AssessmentIssueFilesDocument, {
    variables: { id: issue.id },
    fetchPolicy: 'cache-and-network',
  });
  const [sendBack, sendingBack] = useMutation(SendBackRectificationDocument, {
    refetchQueries: REFETCH,
  });
  const [setDeadline, settingDeadline] = useMutation(SetAssessmentIssueDeadlineDocument, {
    refetchQueries: REFETCH,
  });
  const [reason, setReason] = useState('');
  const [deadline, setDeadlineValue] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [uploading, setUploading] = useState<Kind | null>(null);

  const list = (files.data?.assessmentIssue.files ?? []).map((f) => ({
    ...f,
    createdAt: f.uploadedAt as string,
  }));
  const writable: Record<Kind, boolean> = {
    RECTIFICATION: actions.includes('save'),
    EVIDENCE: actions.includes('evidence'),
  };

  const upload = async (kind: Kind, file: File) => {
    const problem = evidenceFileProblem(file);
    if (problem) {
      message.error(problem);
      return;
    }
    setUploading(kind);
    try {
      await uploadFile(`/files/assessment-issues/${issue.id}/files?kind=${kind}`, file);
      message.success(`已上传“${file.name}”`);
      await files.refetch();
    } catch (e) {
      message.error(e instanceof Error && e.message ? e.message : '上传失败');
    } finally {
      setUploading(null);
    }
  };

  const section = (kind: Kind) => {
    const mine = list.filter((f) => f.kind === kind);
    if (mine.length === 0 && !writable[kind]) return null;
    return (
      <div key={kind}>
        <Flex justify="space-between" align="center">
          <Typography.Text strong>{KIND_LABEL[kind]}</Typography.Text>
          {writable[kind] ? (
            <Upload
              accept={EVIDENCE_ACCEPT}
              showUploadList={false}
              multiple
              beforeUpload={(file) => {
                void upload(kind, file);
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={uploading === kind}>
                上传{KIND_LABEL[kind]}
              </Button>
            </Upload>
          ) : null}
        </Flex>
        {mine.length ? (
          <EvidenceFileList
            files={mine}
            busyId={busyId}
            onDownload={(f) => {
              setBusyId(f.id);
              downloadFile(f.downloadPath, f.fileName)
                .catch((e: unknown) => message.error(e instanceof Error ? e.message : '下载失败'))
                .finally(() => setBusyId(null));
            }}
            onDelete={
              writable[kind]
                ? (f) => {
                    setBusyId(f.id);
                    authorizedFetch(`/files/assessment-files/${f.id}`, { method: 'DELETE' })
                      .then(async (res) => {
                        if (!res.ok) throw await fileRequestFailure(res);
                        message.success(`已删除“${f.fileName}”`);
                        await files.refetch();
                      })
                      .catch((e: unknown) =>
                        message.error(e instanceof Error ? e.message : '删除失败'),
                      )
                      .finally(() => setBusyId(null));
                  }
                : undefined
            }
          />
        ) : (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            可上传截图、PDF、Word 或 Excel 文件（20 MB 以内）
          </Typography.Text>
        )}
      </div>
    );
  };

  return (
    <Flex vertical gap={12}>
      {section('EVIDENCE')}
      {section('RECTIFICATION')}

      {actions.includes('sendBack') ? (
        <Flex vertical gap={8}>
          <Input
            aria-label="退回理由"
            placeholder="退回填报员修改时，请填写理由（如：整改链接打不开）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            danger
            disabled={!reason.trim()}
            loading={sendingBack.loading}
            onClick={async () => {
              try {
                await sendBack({
                  variables: { input: { id: issue.id, version: issue.version, reason } },
                });
                setReason('');
                message.success('已退回填报员修改');
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            退回填报员修改
          </Button>
        </Flex>
      ) : null}

      {actions.includes('deadline') ? (
        <Space wrap>
          <Typography.Text>调整整改期限</Typography.Text>
          <DatePicker
            aria-label="新的整改期限"
            value={deadline ? dayjs(deadline) : null}
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            onChange={(d) => setDeadlineValue(d ? d.format('YYYY-MM-DD') : null)}
          />
          <Button
            disabled={!deadline}
            loading={settingDeadline.loading}
            onClick={async () => {
              if (!deadline) return;
              try {
                const r = await setDeadline({
                  variables: { input: { id: issue.id, version: issue.version, deadline } },
                });
                setDeadlineValue(null);
                const status = r.data?.setAssessmentIssueDeadline.deadlineStatus;
                message.success(`整改期限已调整${status ? `，${status.label}` : ''}`);
                if (status?.warning) message.warning(status.warning);
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            保存期限
          </Button>
        </Space>
      ) : null}
    </Flex>
  );
}
