import { useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { App, Button, Space, Tooltip } from 'antd';
import { DownloadOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { downloadFile, errorMessage } from '@sunshine/web/graphql';
import { chinaDateOf } from '@sunshine/shared/domain';
import { AddIssueModal } from '../forms/add-issue-modal';
import { RoundFormModal } from '../forms/round-form-modal';
import {
  ISSUE_SAMPLE_PATH,
  ISSUE_TEMPLATE_PATH,
  rectificationExportPath,
} from '../import/issue-import-model';
import { IssueImportModal } from '../import/issue-import-modal';
import { useIssueImport } from '../import/use-issue-import';

export interface RoundActionsProps {
  user: { roles: readonly string[]; organization: { id: string; name: string } } | null;
  round: {
    id: string;
    title: string;
    status: string;
    defaultDeadline: string;
    indicatorSystemId?: string | null;
  } | null;
  /** The round's issuer ADMIN. */
  managesRound: boolean;
  /** The organisation drilled into (its 整改链接表 is exported), or null for the whole round. */
  orgId: string | null;
  orgName: string | null;
  onRoundCreated: (id: string) => void;
}

/**
 * The round's file and entry actions: 新建批次 (an ADMIN), 导入问题清单 and 录入问题 (the round's
 * assessor or issuer ADMIN, while not closed), and 导出整改链接表 (the round, or the bureau drilled
 * into, as far as the user sees).
 */
export function RoundActions({
  user,
  round,
  managesRound,
  orgId,
  orgName,
  onRoundCreated,
}: RoundActionsProps) {
  const { message } = App.useApp();
  const apollo = useApolloClient();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const importer = useIssueImport(round?.id ?? null, () => {
    void apollo.refetchQueries({ include: ['AssessmentOverview', 'AssessmentIssues'] });
  });
  const isAdmin = Boolean(user?.roles.includes('ADMIN'));
  const enters =
    round !== null &&
    round.status !== 'CLOSED' &&
    (managesRound || Boolean(user?.roles.includes('ASSESSOR')));

  const download = async (path: string, name: string) => {
    try {
      await downloadFile(path, name);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Space wrap>
        {isAdmin ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建批次
          </Button>
        ) : null}
        {enters ? (
          <>
            <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)}>
              导入问题清单
            </Button>
            <Button onClick={() => setAdding(true)}>录入问题</Button>
          </>
        ) : null}
        {round ? (
          <Tooltip
            title={
              orgId
                ? `导出“${orgName ?? ''}”及其下级单位的整改链接表`
                : '导出本批次可见单位的整改链接表（每个单位一个工作表）'
            }
          >
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                await download(rectificationExportPath(round.id, orgId), '整改链接表.xlsx');
                setExporting(false);
              }}
            >
              导出整改链接表
            </Button>
          </Tooltip>
        ) : null}
      </Space>
      {isAdmin && user ? (
        <RoundFormModal
          open={creating}
          ownOrgId={user.organization.id}
          today={chinaDateOf(new Date())}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onRoundCreated(id);
          }}
        />
      ) : null}
      {round && enters ? (
        <>
          <IssueImportModal
            open={importing}
            roundTitle={round.title}
            state={importer.state}
            onFile={importer.start}
            onChooseUnit={importer.chooseUnit}
            onKeepWhole={importer.keepWhole}
            onApply={importer.apply}
            onConfirm={importer.confirm}
            onReset={importer.reset}
            onClose={() => setImporting(false)}
            onDownloadTemplate={() => void download(ISSUE_TEMPLATE_PATH, '问题清单导入模板.xlsx')}
            onDownloadSample={() => void download(ISSUE_SAMPLE_PATH, '问题清单示例.xlsx')}
          />
          <AddIssueModal open={adding} round={round} onClose={() => setAdding(false)} />
        </>
      ) : null}
    </>
  );
}
