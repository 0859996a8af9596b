import type { CSSProperties, ReactNode } from 'react';
import { InputNumber, Tooltip } from 'antd';
import type { CellProblem } from '../annual-report-model';

export const TABLE_STYLE: CSSProperties = {
  borderCollapse: 'collapse',
  width: '100%',
  fontSize: 13,
  tableLayout: 'fixed',
};

const BORDER = '1px solid #bfbfbf';

export const th = (extra: CSSProperties = {}): CSSProperties => ({
  border: BORDER,
  background: '#fafafa',
  fontWeight: 500,
  padding: '4px 6px',
  textAlign: 'center',
  lineHeight: 1.35,
  ...extra,
});

export const td = (extra: CSSProperties = {}): CSSProperties => ({
  border: BORDER,
  padding: '3px 6px',
  lineHeight: 1.35,
  ...extra,
});

export function HeaderCell(props: {
  children: ReactNode;
  rowSpan?: number;
  colSpan?: number;
  style?: CSSProperties;
}) {
  return (
    <th rowSpan={props.rowSpan} colSpan={props.colSpan} style={th(props.style)}>
      {props.children}
    </th>
  );
}

interface CellInputProps {
  cellKey: string;
  label: string;
  value: number | null | undefined;
  amount?: boolean;
  problem?: CellProblem;
  /** Prefilled from last year (上年结转): shown tinted while unchanged. */
  prefilled?: boolean;
  readOnly: boolean;
  onChange(key: string, value: number | null): void;
}

/** One editable cell of a national table: red with the rule's message when an identity fails. */
export function CellInput({
  cellKey,
  label,
  value,
  amount,
  problem,
  prefilled,
  readOnly,
  onChange,
}: CellInputProps) {
  const status = problem ? (problem.severity === 'ERROR' ? 'error' : 'warning') : undefined;
  const input = (
    <InputNumber
      aria-label={label}
      data-cell={cellKey}
      data-status={status ?? 'ok'}
      size="small"
      controls={false}
      min={0}
      precision={amount ? 2 : 0}
      value={value ?? null}
      status={status}
      disabled={readOnly}
      onChange={(v) => onChange(cellKey, typeof v === 'number' ? v : null)}
      style={{
        width: '100%',
        textAlign: 'right',
        background: status === 'error' ? '#fff1f0' : prefilled ? '#e6f4ff' : undefined,
      }}
    />
  );
  if (!problem) return input;
  return (
    <Tooltip
      title={
        <div>
          {problem.messages.slice(0, 3).map((m) => (
            <div key={m}>{m}</div>
          ))}
        </div>
      }
    >
      {input}
    </Tooltip>
  );
}
