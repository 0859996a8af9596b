import { Alert } from 'antd';
import type { VerifyAuditTrailQuery } from '@sunshine/web/graphql';
import { formatCount, formatDateTimeSeconds } from '@sunshine/web/ui';

export interface VerificationResultProps {
  result: VerifyAuditTrailQuery['verifyAuditTrail'] | null;
  error: string | null;
  verifiedAt: Date | null;
  onClose: () => void;
}

export function VerificationResult({
  result,
  error,
  verifiedAt,
  onClose,
}: VerificationResultProps) {
  const at = verifiedAt ? `（校验时间：${formatDateTimeSeconds(verifiedAt)}）` : '';
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        closable={{ onClose }}
        title={error}
        style={{ marginBottom: 16 }}
      />
    );
  }
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
        title="审计链完整"
        description={`共校验 ${formatCount(result.checked)} 条审计记录，哈希链连续，未发现篡改或删除。${at}`}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title="审计链校验未通过"
      description={`已校验 ${formatCount(result.checked)} 条记录，自记录 ${result.firstBrokenId ?? '（未知）'} 起哈希链不连续，日志可能被篡改或删除。请立即保全数据库并按规定上报。${at}`}
    />
  );
}
