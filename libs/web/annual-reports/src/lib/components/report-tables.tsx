import { useMemo } from 'react';
import type { AnnualReportFormat } from '@sunshine/shared/domain';
import { table3Plan, type CellProblem, type FormValues } from '../annual-report-model';
import { CellInput, HeaderCell, TABLE_STYLE, td } from './cell-input';

interface GridProps {
  format: AnnualReportFormat;
  values: FormValues;
  problems: Map<string, CellProblem>;
  prefill?: FormValues;
  readOnly: boolean;
  onChange(key: string, value: number | null): void;
}

const cellProps = (p: GridProps, key: string, label: string, amount = false) => ({
  cellKey: key,
  label,
  value: p.values[key],
  amount,
  problem: p.problems.get(key),
  prefilled: p.prefill !== undefined && key in p.prefill && p.prefill[key] === p.values[key],
  readOnly: p.readOnly,
  onChange: p.onChange,
});

/** 表二 主动公开政府信息情况: four blocks, each with its header row, on one 4-column grid. */
export function Table2Grid(p: GridProps) {
  return (
    <table style={TABLE_STYLE} aria-label="表二 主动公开政府信息情况">
      <colgroup>
        <col style={{ width: '34%' }} />
        <col />
        <col />
        <col />
      </colgroup>
      <tbody>
        {p.format.table2.blocks.map((block) => {
          const wide = block.columns.length === 1;
          return [
            <tr key={`${block.heading}-h`}>
              <HeaderCell colSpan={4}>{block.heading}</HeaderCell>
            </tr>,
            <tr key={`${block.heading}-c`}>
              <HeaderCell>信息内容</HeaderCell>
              {block.columns.map((c) => (
                <HeaderCell key={c.key} colSpan={wide ? 3 : 1}>
                  {c.label}
                </HeaderCell>
              ))}
            </tr>,
            ...block.rows.map((row) => (
              <tr key={row.key}>
                <td style={td({ textAlign: 'center' })}>{row.label}</td>
                {block.columns.map((c) => (
                  <td key={c.key} colSpan={wide ? 3 : 1} style={td()}>
                    <CellInput
                      {...cellProps(
                        p,
                        `t2.${row.key}.${c.key}`,
                        `${row.label} ${c.label}`,
                        c.kind === 'amount',
                      )}
                    />
                  </td>
                ))}
              </tr>
            )),
          ];
        })}
      </tbody>
    </table>
  );
}

/** 表三 收到和处理政府信息公开申请情况, with the national template's merged headers and numbered rows. */
export function Table3Grid(p: GridProps) {
  const plan = useMemo(() => table3Plan(p.format), [p.format]);
  const cols = p.format.table3.columns;
  const groupCols = cols.filter((c) => c.group);
  return (
    <table style={TABLE_STYLE} aria-label="表三 收到和处理政府信息公开申请情况">
      <colgroup>
        <col style={{ width: '7%' }} />
        <col style={{ width: '8%' }} />
        <col style={{ width: '22%' }} />
        {cols.map((c) => (
          <col key={c.key} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <HeaderCell rowSpan={3} colSpan={3} style={{ fontWeight: 400, fontSize: 12 }}>
            （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
          </HeaderCell>
          <HeaderCell colSpan={cols.length}>{p.format.table3.header}</HeaderCell>
        </tr>
        <tr>
          <HeaderCell rowSpan={2}>自然人</HeaderCell>
          <HeaderCell colSpan={groupCols.length}>{groupCols[0]?.group}</HeaderCell>
          <HeaderCell rowSpan={2}>总计</HeaderCell>
        </tr>
        <tr>
          {groupCols.map((c) => (
            <HeaderCell key={c.key}>{c.label}</HeaderCell>
          ))}
        </tr>
      </thead>
      <tbody>
        {plan.map(({ row, labels }) => (
          <tr key={row.key}>
            {labels.map((l) => (
              <td
                key={l.text}
                rowSpan={l.rowSpan}
                colSpan={l.colSpan}
                style={td({
                  textAlign: l.heading ? 'center' : 'left',
                  fontSize: row.level === 2 ? 12 : 13,
                })}
              >
                {l.text}
              </td>
            ))}
            {cols.map((c) => (
              <td key={c.key} style={td()}>
                <CellInput
                  {...cellProps(
                    p,
                    `t3.${row.key}.${c.key}`,
                    `${row.number}${row.label} ${c.group ? `${c.group} ` : ''}${c.label}`,
                  )}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 表四 行政复议、行政诉讼: one data row of fifteen cells under three header rows. */
export function Table4Grid(p: GridProps) {
  const { groups, columns } = p.format.table4;
  const reconsideration = groups.filter((g) => !g.parent);
  const litigation = groups.filter((g) => g.parent);
  return (
    <table style={TABLE_STYLE} aria-label="表四 政府信息公开行政复议、行政诉讼情况">
      <thead>
        <tr>
          {reconsideration.map((g) => (
            <HeaderCell key={g.key} colSpan={columns.length}>
              {g.label}
            </HeaderCell>
          ))}
          <HeaderCell colSpan={columns.length * litigation.length}>
            {litigation[0]?.parent}
          </HeaderCell>
        </tr>
        <tr>
          {reconsideration.flatMap((g) =>
            columns.map((c) => (
              <HeaderCell key={`${g.key}.${c.key}`} rowSpan={2}>
                {c.label}
              </HeaderCell>
            )),
          )}
          {litigation.map((g) => (
            <HeaderCell key={g.key} colSpan={columns.length}>
              {g.label}
            </HeaderCell>
          ))}
        </tr>
        <tr>
          {litigation.flatMap((g) =>
            columns.map((c) => <HeaderCell key={`${g.key}.${c.key}`}>{c.label}</HeaderCell>),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {groups.flatMap((g) =>
            columns.map((c) => (
              <td key={`${g.key}.${c.key}`} style={td()}>
                <CellInput
                  {...cellProps(
                    p,
                    `t4.${g.key}.${c.key}`,
                    `${g.parent ? `${g.parent} ` : ''}${g.label} ${c.label}`,
                  )}
                />
              </td>
            )),
          )}
        </tr>
      </tbody>
    </table>
  );
}
