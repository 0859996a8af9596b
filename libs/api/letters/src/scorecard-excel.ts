import ExcelJS from 'exceljs';
import type { ScorecardItem, ScorecardSnapshot } from '@sunshine/api/core';
import { neutraliseFormulaText } from '@sunshine/api/plan-excel';
import { bulletinPeriod, bulletinRankingRows } from './bulletin';

/**
 * The scorecard as a workbook: sheet 排名 (the ranking, as in the bulletin, with codes and
 * reasons) and sheet 得分明细 (every breakdown item of every bureau with its source record).
 * Formula-like text is neutralised.
 */
export async function scorecardWorkbook(
  s: ScorecardSnapshot,
  breakdowns: ReadonlyMap<string, readonly ScorecardItem[]>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ranking = wb.addWorksheet('排名');
  ranking.addRow([`${bulletinPeriod(s.year, s.quarter)}${s.organization.name}下级单位考评排名`]);
  ranking.addRow([
    '名次',
    '单位',
    '得分',
    '等次',
    '较上年同期',
    '行政区划代码',
    '一票否决',
    '主要失分原因',
  ]);
  const rows = bulletinRankingRows(s);
  const byName = new Map(s.rows.map((r) => [r.organization.name, r]));
  for (const r of rows) {
    const line = byName.get(r[1] ?? '');
    ranking.addRow([
      r[0] === '—' ? null : Number(r[0]),
      r[1],
      line?.score ?? null,
      line?.gradeLabel ?? '',
      line?.change ?? null,
      line?.organization.code ?? '',
      line?.vetoed ? '是' : '否',
      line?.reasons.join('；') ?? '',
    ]);
  }
  ranking.addRow([]);
  ranking.addRow(['平均得分', '', s.average]);
  ranking.columns.forEach((c, i) => (c.width = [6, 26, 9, 10, 11, 13, 9, 60][i] ?? 12));
  ranking.getRow(2).font = { bold: true };

  const detail = wb.addWorksheet('得分明细');
  detail.addRow(['单位', '指标编码', '明细', '分值', '来源类型', '来源编号']);
  for (const line of s.rows) {
    for (const item of breakdowns.get(line.organization.id) ?? []) {
      detail.addRow([
        line.organization.name,
        item.component,
        item.label,
        item.points,
        item.source.type,
        item.source.id,
      ]);
    }
  }
  detail.columns.forEach((c, i) => (c.width = [24, 16, 60, 8, 18, 38][i] ?? 12));
  detail.getRow(1).font = { bold: true };
  neutraliseFormulaText(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
