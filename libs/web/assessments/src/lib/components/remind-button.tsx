import { useMutation } from '@apollo/client/react';
import { App, Button, Popconfirm } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { errorMessage, RemindOverdueAssessmentIssuesDocument } from '@sunshine/web/graphql';
import type { Figures } from '../assessment-model';

interface Props {
  roundId: string;
  /** The unit drilled into (its subtree is reminded), or null for the whole round. */
  organizationId: string | null;
  organizationName: string;
  /** The overview's rows: their overdue counts say how many units would be reminded. */
  rows: readonly Figures[];
  total: Figures | null;
}

/**
 * 一键催办: the round's issuer reminds every unit with overdue problems (of the unit drilled
 * into, down to one bureau), after a confirmation that says to how many units and problems.
 */
export function RemindButton({ roundId, organizationId, organizationName, rows, total }: Props) {
  const { message } = App.useApp();
  const [remind, { loading }] = useMutation(RemindOverdueAssessmentIssuesDocument);
  const overdue = total?.overdue ?? 0;
  const units = rows.filter((r) => r.overdue > 0).length;
  const scope = organizationId ? organizationName : '本批次';
  return (
    <Popconfirm
      title="催办逾期问题"
      description={
        overdue > 0
          ? `${scope}共有 ${overdue} 个逾期问题${units > 0 ? `（涉及 ${units} 个下级单位）` : ''}，将向每个有逾期问题的被测评单位发送一条催办通知。`
          : `${scope}暂无逾期问题。`
      }
      okText="发送催办"
      okButtonProps={{ disabled: overdue === 0 }}
      onConfirm={async () => {
        try {
          const r = await remind({ variables: { input: { roundId, organizationId } } });
          const res = r.data?.remindOverdueAssessmentIssues;
          message.success(
            `已向 ${res?.organizations ?? 0} 个单位催办 ${res?.issues ?? 0} 个逾期问题`,
          );
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      <Button icon={<BellOutlined />} loading={loading} danger={overdue > 0}>
        催办{overdue > 0 ? `（${overdue}）` : ''}
      </Button>
    </Popconfirm>
  );
}
