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
  const anchoring = result.anchoredFromId
    ? `自记录 ${result.anchoredFromId} 起每条记录均由数据库之外的密钥签名；已比对 ${formatCount(result.checkpoints)} 个签名检查点${
        result.lastCheckpointAt
          ? `（最近一个：${formatDateTimeSeconds(new Date(result.lastCheckpointAt))}）`
          : ''
      }。`
    : '';
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
        title="审计链完整"
        description={`共校验 ${formatCount(result.checked)} 条审计记录，哈希链连续，未发现篡改或删除。${anchoring}${at}`}
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
      description={`已校验 ${formatCount(result.checked)} 条记录，${result.reason ?? `自记录 ${result.firstBrokenId ?? '（未知）'} 起哈希链不连续`}。日志可能被篡改或删除，请立即保全数据库和检查点文件并按规定上报。${at}`}
    />
  );
}
