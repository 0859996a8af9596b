/**
 * A realistic issue list of our own making (not a copy of any real document): the shapes
 * assessors deliver — a title row, one sheet for all bureaus or a sheet per bureau, indicator
 * cells merged over their rows, rows saying 无, cells listing several problems ("1.…；2.…"),
 * unit names written in several ways, a note below the table. Deterministic for a given seed.
 * Links point at '.example' hosts (reserved, never on the internet).
 */
import { addTitleRow, styleBodyRow, styleHeaderRow, toBuffer } from '@sunshine/api/plan-excel';
import { Workbook, type Worksheet } from 'exceljs';
import { safeSheetName } from './write-rectification';

export interface SampleUnit {
  code: string;
  /** Official name ('瑶海区审计局'). */
  name: string;
  /** The city's division name for a county ('合肥市'), for the 所属市 column and prefixed names. */
  cityName?: string;
}

export interface SampleIssueListOptions {
  units: readonly SampleUnit[];
  layout: 'ONE_SHEET' | 'SHEET_PER_UNIT';
  /** Indicator rows per unit (default 6); each has zero, one or several problems. */
  rowsPerUnit?: number;
  /** Share of problem rows listing several problems in one cell (default 0.25). */
  multiProblemShare?: number;
  /** Share of indicator rows without a problem ('无'), default 0.15. */
  noProblemShare?: number;
  /** Merge the 一级指标 cells of consecutive rows (default true). */
  mergeIndicators?: boolean;
  /** How unit names are written (default MIXED: official, short, or with the city in front). */
  nameStyle?: 'OFFICIAL' | 'SHORT' | 'MIXED';
  /** A 所属市 column (ONE_SHEET only; default false). */
  cityColumn?: boolean;
  title?: string;
  seed?: number;
}

export interface SampleIssueList {
  buffer: Buffer;
  /** What an importer must find. */
  expected: {
    issues: number;
    /** Rows holding at least one problem, and those listing several. */
    problemRows: number;
    splitRows: number;
    noProblemRows: number;
    perUnit: Record<string, number>;
    pointsTotal: number;
  };
}

interface Template {
  level1: string;
  level2: string;
  standard: string;
  problems: ReadonlyArray<(short: string) => string>;
  /** Column path; a URL is made from the slug. */
  column: string;
  slug: string;
}

const TEMPLATES: readonly Template[] = [
  {
    level1: '依申请公开',
    level2: '答复规范性',
    standard: '按法定期限答复，告知救济途径',
    column: '政府信息公开-依申请公开',
    slug: 'ysqgk',
    problems: [
      () => '2025年第2号申请答复超过法定期限',
      () => '答复书未告知申请人救济途径',
      () => '依申请公开年度统计数据与年报不一致',
    ],
  },
  {
    level1: '年度报告',
    level2: '发布及时性与规范性',
    standard: '1月31日前发布，格式符合国办要求，数据勾稽一致',
    column: '政府信息公开-年度报告',
    slug: 'ndbg',
    problems: [
      (s) => `${s}2024年政府信息公开工作年度报告未按时发布`,
      () => '年度报告表三“结转下年度继续办理”与上年结转数勾稽不平',
      () => '年度报告第五部分“存在的主要问题及改进情况”未写明上年问题整改情况',
    ],
  },
  {
    level1: '目录建设',
    level2: '公开指南和目录',
    standard: '公开指南、目录及时更新，信息准确',
    column: '政府信息公开-公开指南',
    slug: 'gkzn',
    problems: [
      () => '政府信息公开指南中的办公地址和联系电话未更新',
      () => '公开目录中“机构职能”栏目信息未随机构改革更新',
    ],
  },
  {
    level1: '规范性文件',
    level2: '有效性标注',
    standard: '规范性文件标注有效性，集中公开并动态更新',
    column: '政策法规-规范性文件立改废',
    slug: 'gfxwj',
    problems: [
      () => '规范性文件未标注有效性',
      () => '已废止的规范性文件仍显示为现行有效',
      () => '规范性文件立改废情况未公开',
    ],
  },
  {
    level1: '政策解读',
    level2: '解读同步发布',
    standard: '政策文件与解读材料同步发布、相互关联',
    column: '政策法规-政策解读',
    slug: 'zcjd',
    problems: [
      (s) => `《${s}2025年审计工作要点》未同步发布政策解读`,
      () => '解读材料仅复制文件原文，未说明背景和主要内容',
      () => '政策文件与解读页面未相互关联',
    ],
  },
  {
    level1: '舆情回应',
    level2: '互动交流',
    standard: '留言及时回复，回应关切',
    column: '互动交流-局长信箱',
    slug: 'jzxx',
    problems: [
      () => '局长信箱3条留言超过15个工作日未回复',
      () => '意见征集未公开起草说明和采纳情况',
    ],
  },
  {
    level1: '两微一端',
    level2: '政务新媒体',
    standard: '政务新媒体持续更新，信息与网站同步',
    column: '政务新媒体-微信公众号',
    slug: 'xmt',
    problems: [
      () => '微信公众号自2025年3月起未发布信息',
      () => '政务新媒体账号信息未在门户网站公示',
    ],
  },
  {
    level1: '财政预决算',
    level2: '预决算公开',
    standard: '按时公开部门预算、决算及“三公”经费',
    column: '财政信息-预决算',
    slug: 'yjs',
    problems: [() => '2025年部门预算未公开“三公”经费说明', () => '“财政预决算”栏目为空白栏目'],
  },
  {
    level1: '权责清单',
    level2: '权责事项',
    standard: '公开权责清单并动态调整',
    column: '政府信息公开-权责清单',
    slug: 'qzqd',
    problems: [() => '权责清单链接失效，页面无法打开', () => '权责清单未标注更新时间'],
  },
  {
    level1: '重点领域',
    level2: '审计结果公开',
    standard: '公开审计结果公告和整改情况',
    column: '审计公告-审计结果公告',
    slug: 'sjjggg',
    problems: [
      () => '未公开2024年度本级预算执行审计结果公告',
      () => '审计查出问题的整改情况未公开',
      () => '审计结果公告中公示了个人身份证号码，泄露个人隐私',
    ],
  },
  {
    level1: '平台建设',
    level2: '网站功能',
    standard: '栏目及时更新，站内搜索可用，无错链',
    column: '首页',
    slug: 'index',
    problems: [
      () => '“通知公告”栏目更新不及时，最新信息为2个月前',
      () => '站内搜索功能不可用',
      () => '《关于开展审计业务培训的通知》中存在错别字“布署”',
      () => '首页“政务服务”链接跳转错误',
    ],
  },
];

const FOOTNOTE =
  '注：1.扣分以复核结果为准；2.问题位置为评估时的页面，请在整改链接表中填写整改后的链接。';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const shortName = (unit: SampleUnit): string => unit.name.replace(/审计局$|审计厅$/, '');

function writtenName(
  unit: SampleUnit,
  style: SampleIssueListOptions['nameStyle'],
  n: number,
): string {
  if (style === 'OFFICIAL') return unit.name;
  if (style === 'SHORT') return shortName(unit);
  switch (n % 3) {
    case 0:
      return unit.name;
    case 1:
      return shortName(unit);
    default:
      return unit.cityName && !unit.name.startsWith(unit.cityName.replace(/市$/, ''))
        ? `${unit.cityName}${unit.name}`
        : unit.name;
  }
}

interface Row {
  unit: SampleUnit;
  template: Template;
  problems: string[];
  urls: string[];
  points: number;
}

function rowsFor(unit: SampleUnit, options: SampleIssueListOptions, next: () => number): Row[] {
  const count = options.rowsPerUnit ?? 6;
  let at = Math.floor(next() * TEMPLATES.length);
  const rows: Row[] = [];
  const host = `https://sjj-${unit.code}.example`;
  // Problems already listed for this unit, per template: a list never repeats itself; once
  // everything was used (large files), the same problem is found at another place ("第2处").
  const used = TEMPLATES.map(() => new Set<number>());
  let round = 1;
  for (let i = 0; i < count; i += 1) {
    // Now and then the next row stays on the same indicator (its 一级指标 cell is merged).
    if (i > 0 && next() >= 0.35) at = (at + 1) % TEMPLATES.length;
    const freeOf = (t: number): number[] =>
      (TEMPLATES[t]?.problems ?? []).map((_, k) => k).filter((k) => !used[t]?.has(k));
    // A used-up indicator hands over to the next one with problems left; when every problem
    // was listed, a new round starts.
    for (let tries = 0; freeOf(at).length === 0 && tries < TEMPLATES.length; tries += 1) {
      at = (at + 1) % TEMPLATES.length;
    }
    if (freeOf(at).length === 0) {
      used.forEach((set) => set.clear());
      round += 1;
    }
    const template = TEMPLATES[at] as Template;
    if (next() < (options.noProblemShare ?? 0.15)) {
      rows.push({ unit, template, problems: [], urls: [], points: 0 });
      continue;
    }
    const free = freeOf(at);
    const several = next() < (options.multiProblemShare ?? 0.25);
    const wanted = several ? Math.min(free.length, 2 + Math.floor(next() * 2)) : 1;
    const offset = Math.floor(next() * free.length);
    const problems: string[] = [];
    for (let k = 0; k < wanted; k += 1) {
      const index = free[(offset + k) % free.length] as number;
      used[at]?.add(index);
      const make = template.problems[index];
      if (make) problems.push(make(shortName(unit)) + (round > 1 ? `（第${round}处）` : ''));
    }
    const urls = problems.map((_, k) => `${host}/${template.slug}/${i + 1}-${k + 1}.html`);
    rows.push({ unit, template, problems, urls, points: Math.round(next() * 4) / 2 });
  }
  return rows;
}

function problemCell(problems: string[], n: number): string {
  if (problems.length === 0) return '无';
  if (problems.length === 1) return problems[0] ?? '';
  return n % 2 === 0 ? problems.map((p, i) => `${i + 1}.${p}`).join('；') : problems.join('；');
}

function fillSheet(
  sheet: Worksheet,
  rows: Row[],
  options: SampleIssueListOptions,
  withUnit: boolean,
  title: string,
): void {
  const headers = [
    '序号',
    ...(withUnit && options.cityColumn ? ['所属市'] : []),
    ...(withUnit ? ['被评估单位'] : []),
    '一级指标',
    '二级指标',
    '评价标准',
    '存在问题',
    '问题位置',
    '扣分',
  ];
  const width = headers.length;
  addTitleRow(sheet, 1, width, title);
  sheet.columns = headers.map((h) => ({
    width: h === '存在问题' ? 50 : h === '问题位置' ? 40 : 14,
  }));
  const header = sheet.getRow(2);
  header.values = headers;
  styleHeaderRow(header, width);
  const level1Column = headers.indexOf('一级指标') + 1;
  let mergeStart = 3;
  rows.forEach((row, i) => {
    const r = 3 + i;
    const location =
      row.problems.length === 0
        ? ''
        : i % 3 === 0
          ? `${row.template.column}（${row.urls.join('；')}）`
          : row.urls.join('；');
    const previous = rows[i - 1];
    const sameIndicator =
      options.mergeIndicators !== false &&
      previous !== undefined &&
      previous.unit === row.unit &&
      previous.template.level1 === row.template.level1;
    const values = [
      i + 1,
      ...(withUnit && options.cityColumn ? [row.unit.cityName ?? ''] : []),
      ...(withUnit ? [writtenName(row.unit, options.nameStyle, i)] : []),
      sameIndicator ? null : row.template.level1,
      row.template.level2,
      row.template.standard,
      problemCell(row.problems, i),
      location,
      row.problems.length === 0 ? null : row.points,
    ];
    const excelRow = sheet.getRow(r);
    excelRow.values = values;
    styleBodyRow(excelRow, width);
    if (!sameIndicator) {
      if (r - 1 > mergeStart) sheet.mergeCells(mergeStart, level1Column, r - 1, level1Column);
      mergeStart = r;
    }
  });
  const last = 2 + rows.length;
  if (last > mergeStart) sheet.mergeCells(mergeStart, level1Column, last, level1Column);
  const note = sheet.getRow(last + 2);
  note.getCell(1).value = FOOTNOTE;
  sheet.mergeCells(last + 2, 1, last + 2, width);
}

/** Builds a sample issue list and what an importer must find in it. */
export async function buildSampleIssueList(
  options: SampleIssueListOptions,
): Promise<SampleIssueList> {
  const next = random(options.seed ?? 20250601);
  const title = options.title ?? '2025年度全省审计机关政务公开第三方评估问题清单';
  const workbook = new Workbook();
  workbook.creator = '阳光督导（示例数据）';
  const all: Row[] = [];
  if (options.layout === 'ONE_SHEET') {
    const rows = options.units.flatMap((unit) => rowsFor(unit, options, next));
    all.push(...rows);
    fillSheet(workbook.addWorksheet('问题清单'), rows, options, true, title);
  } else {
    const taken = new Set<string>();
    for (const unit of options.units) {
      const rows = rowsFor(unit, options, next);
      all.push(...rows);
      const sheet = workbook.addWorksheet(safeSheetName(unit.name, taken));
      fillSheet(
        sheet,
        rows,
        options,
        false,
        `${unit.name}${title.replace(/^.*?(政务公开)/, '$1')}`,
      );
    }
  }
  const perUnit: Record<string, number> = {};
  let issues = 0;
  let pointsTotal = 0;
  for (const row of all) {
    perUnit[row.unit.code] = (perUnit[row.unit.code] ?? 0) + row.problems.length;
    issues += row.problems.length;
    if (row.problems.length > 0) pointsTotal += row.points;
  }
  return {
    buffer: await toBuffer(workbook),
    expected: {
      issues,
      problemRows: all.filter((r) => r.problems.length > 0).length,
      splitRows: all.filter((r) => r.problems.length > 1).length,
      noProblemRows: all.filter((r) => r.problems.length === 0).length,
      perUnit,
      pointsTotal: Math.round(pointsTotal * 100) / 100,
    },
  };
}
