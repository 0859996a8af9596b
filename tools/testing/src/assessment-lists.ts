/**
 * Assessor issue lists (issue 10) in the shapes assessors deliver, for tests, benchmarks and the
 * demo: a sheet per bureau, one sheet for all bureaus (with or without a 所属市 column), names
 * that are ambiguous without the city, merged indicator cells, cells listing several problems,
 * and a 5,000-problem file. All made up (see buildSampleIssueList); none copies a real document.
 * Units are the seeded organisations (ids from orgIdForCode), so the files import against the
 * demo database as they are.
 */
import {
  buildSampleIssueList,
  type AssessmentUnit,
  type SampleIssueList,
  type SampleUnit,
} from '@sunshine/api/assessment-excel';
import { auditInstitutionName, OrgLevel } from '@sunshine/shared/domain';
import { anhuiDivisions, orgIdForCode, type Division } from '@sunshine/tools/seed';
import ExcelJS from 'exceljs';

function unitsOf(divisions: readonly Division[]): AssessmentUnit[] {
  return divisions.map((d) => ({
    id: orgIdForCode(d.code),
    code: d.code,
    name: auditInstitutionName(d.name, d.level),
    level: d.level,
    parentCode: d.parentCode,
  }));
}

/** Anhui's 136 bureaus as the matcher needs them (the seeded organisations). */
export function anhuiAssessmentUnits(): AssessmentUnit[] {
  return unitsOf(anhuiDivisions());
}

/** The county-level bureaus of Anhui with their city's name, for the sample builder. */
export function anhuiSampleUnits(cityCode?: string): SampleUnit[] {
  const divisions = anhuiDivisions();
  const cities = new Map(
    divisions.filter((d) => d.level === OrgLevel.CITY).map((d) => [d.code, d.name]),
  );
  return divisions
    .filter(
      (d) => d.level === OrgLevel.COUNTY && (cityCode === undefined || d.parentCode === cityCode),
    )
    .map((d) => ({
      code: d.code,
      name: auditInstitutionName(d.name, d.level),
      cityName: d.parentCode === null ? undefined : cities.get(d.parentCode),
    }));
}

/** 合肥's county-level bureaus, a sheet each. */
export function issueListSheetPerBureau(seed = 1): Promise<SampleIssueList> {
  return buildSampleIssueList({ units: anhuiSampleUnits('3401'), layout: 'SHEET_PER_UNIT', seed });
}

/** All county-level bureaus of two cities in one sheet, names written in several ways. */
export function issueListOneSheet(seed = 2, cityColumn = true): Promise<SampleIssueList> {
  return buildSampleIssueList({
    units: [...anhuiSampleUnits('3402'), ...anhuiSampleUnits('3410')],
    layout: 'ONE_SHEET',
    cityColumn,
    nameStyle: 'MIXED',
    seed,
  });
}

/** Every indicator row merged over several rows: the 一级指标 must be carried down. */
export function issueListMergedCells(seed = 3): Promise<SampleIssueList> {
  return buildSampleIssueList({
    units: anhuiSampleUnits('3408'),
    layout: 'ONE_SHEET',
    rowsPerUnit: 10,
    mergeIndicators: true,
    nameStyle: 'OFFICIAL',
    seed,
  });
}

/** Every problem row lists several problems in one cell. */
export function issueListMultiProblemCells(seed = 4): Promise<SampleIssueList> {
  return buildSampleIssueList({
    units: anhuiSampleUnits('3411'),
    layout: 'SHEET_PER_UNIT',
    multiProblemShare: 1,
    noProblemShare: 0,
    seed,
  });
}

/** About `problems` problems over all of Anhui's county-level bureaus, in one sheet. */
export function largeIssueList(problems = 5_000, seed = 5): Promise<SampleIssueList> {
  const units = anhuiSampleUnits();
  // About 1.05 problems per row (15% of the rows hold none, a quarter of the rest two or three).
  const rowsPerUnit = Math.ceil(problems / units.length / 1.05);
  return buildSampleIssueList({ units, layout: 'ONE_SHEET', rowsPerUnit, cityColumn: true, seed });
}

export interface AmbiguousList {
  bytes: Buffer;
  /** Excel rows that must be refused as ambiguous, and those that must import. */
  ambiguousRows: number[];
  resolvedRows: Array<{ row: number; code: string }>;
}

/**
 * Names that fit several bureaus: 黄山 (黄山市 and its 黄山区), 高新区 and 经开区 (one per city),
 * without and with the city (a 所属市 cell or a prefix).
 */
export async function issueListAmbiguousNames(): Promise<AmbiguousList> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题清单');
  sheet.addRow(['2025年度政务公开第三方评估问题清单（开发区）']);
  sheet.mergeCells('A1:E1');
  sheet.addRow(['序号', '所属市', '被评估单位', '一级指标', '存在问题']);
  const rows: Array<[string, string, string]> = [
    ['', '黄山审计局', '“通知公告”栏目更新不及时'],
    ['', '高新区审计局', '站内搜索功能不可用'],
    ['', '经开区', '政策文件未同步解读'],
    ['黄山市', '黄山区审计局', '“通知公告”栏目更新不及时'],
    ['蚌埠市', '高新区审计局', '站内搜索功能不可用'],
    ['', '合肥经开区', '政策文件未同步解读'],
    ['', '芜湖市经开区审计局', '规范性文件未标注有效性'],
    ['', '黄山市审计局', '年度报告未按时发布'],
  ];
  rows.forEach(([city, unit, problem], i) =>
    sheet.addRow([i + 1, city, unit, '平台建设', problem]),
  );
  return {
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    ambiguousRows: [3, 4, 5],
    resolvedRows: [
      { row: 6, code: '341003' },
      { row: 7, code: '340371' },
      { row: 8, code: '340177' },
      { row: 9, code: '340271' },
      { row: 10, code: '3410' },
    ],
  };
}
