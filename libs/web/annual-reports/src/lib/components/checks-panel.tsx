import { Alert, Button, Space, Typography } from 'antd';
import type { AnnualCheck } from '@sunshine/shared/domain';

interface ChecksPanelProps {
  checks: readonly AnnualCheck[];
  readOnly: boolean;
  onFillZeros(): void;
  onNoApplications(): void;
}

/** The identity engine's verdict, as the user types: errors block submission, warnings inform. */
export function ChecksPanel({ checks, readOnly, onFillZeros, onNoApplications }: ChecksPanelProps) {
  const errors = checks.filter((c) => c.severity === 'ERROR');
  const warnings = checks.filter((c) => c.severity === 'WARNING');
  const allZero = warnings.some((w) => w.rule === 'ALL_ZERO:table3');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="annual-errors"
          message={`勾稽关系不平（${errors.length} 项），修正前不能提交`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.slice(0, 6).map((c) => (
                <li key={c.rule}>{c.message}</li>
              ))}
              {errors.length > 6 ? <li>……另有 {errors.length - 6} 项</li> : null}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon data-testid="annual-balanced" message="勾稽关系检查通过" />
      )}
      {warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          message={`提示（${warnings.length} 项，不影响提交）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {warnings.slice(0, 5).map((c) => (
                <li key={`${c.rule}${c.message}`}>{c.message}</li>
              ))}
            </ul>
          }
          action={
            !readOnly && allZero ? (
              <Button size="small" onClick={onNoApplications}>
                填入“本年度未收到政府信息公开申请”
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {!readOnly ? (
        <Typography.Text type="secondary">
          表格中未填写的单元格按 0 计；
          <Button type="link" size="small" style={{ padding: 0 }} onClick={onFillZeros}>
            一键将空白单元格填 0
          </Button>
          。浅蓝色单元格为按上年度报告预填的“上年结转”。
        </Typography.Text>
      ) : null}
    </Space>
  );
}
