import ExcelJS from 'exceljs';
import {
  addTitleRow,
  freezeHeader,
  neutraliseFormulaText,
  styleBodyRow,
  styleHeaderRow,
} from '@sunshine/api/plan-excel';
import type { TrainingCoverageDto, TrainingCoverageRowDto } from './dtos/training.dto';

export const COVERAGE_HEADER = [
  '单位',
  '单位数',
  '有人参训单位数',
  '覆盖率',
  '参训人数',
  '人次学时',
  '每单位平均学时',
  '达到年度要求单位数',
  '全部达标',
];

const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;

function line(r: TrainingCoverageRowDto, name = r.organization.name): Array<string | number> {
  return [
    name,
    r.bureaus,
    r.bureausTrained,
    percent(r.coverageRate),
    r.trainees,
    r.personHours,
    r.hoursPerBureau,
    r.bureausMeeting,
    r.meetsRequirement ? '是' : '否',
  ];
}

/** 2025年 / 2025年第三季度 */
export function periodLabel(year: number, quarter: number | null): string {
  return quarter ? `${year}年第${'一二三四'[quarter - 1]}季度` : `${year}年`;
}

/**
 * The coverage table as the page shows it (one row per direct child and the total) and the named
 * list of bureaus nobody from which was trained. No personal data.
 */
export async function coverageWorkbook(c: TrainingCoverageDto): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('培训覆盖情况');
  const n = COVERAGE_HEADER.length;
  addTitleRow(ws, 1, n, `${c.organization.name}${periodLabel(c.year, c.quarter)}培训覆盖情况`);
  ws.getRow(2).values = COVERAGE_HEADER;
  styleHeaderRow(ws.getRow(2), n);
  for (const r of c.rows) styleBodyRow(ws.addRow(line(r)), n);
  styleBodyRow(ws.addRow(line(c.total, '合计')), n);
  ws.columns.forEach((col, i) => (col.width = [24, 8, 14, 9, 10, 10, 14, 18, 10][i] ?? 12));
  freezeHeader(ws, 2, n, false);

  const un = wb.addWorksheet('尚无人参训的单位');
  un.getRow(1).values = ['序号', '单位代码', '单位'];
  styleHeaderRow(un.getRow(1), 3);
  c.untrainedBureaus.forEach((o, i) => styleBodyRow(un.addRow([i + 1, o.code, o.name]), 3));
  un.columns.forEach((col, i) => (col.width = [6, 14, 30][i] ?? 12));
  neutraliseFormulaText(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
