/**
 * The national format of the annual government-information-disclosure report
 * (政府信息公开工作年度报告格式, 国办公开办函〔2021〕30号) as versioned data.
 *
 * Every table cell has a stable key `t<table>.<row>.<column>`; a report stores its values as a
 * map from those keys to numbers. A future change of the national format becomes a new entry in
 * `ANNUAL_REPORT_FORMATS`; a stored report keeps the version it was written in.
 */

export type AnnualCellKind = 'count' | 'amount';
export type AnnualTableId = 'table2' | 'table3' | 'table4';

export interface AnnualColumn {
  key: string;
  label: string;
  /** The merged header above this column (表三 法人或其他组织, 表四 行政诉讼 · 复议后起诉). */
  group?: string;
  kind?: AnnualCellKind;
}

export interface AnnualRow {
  key: string;
  /** The row's number as printed: 一、 (一) 1. */
  number: string;
  label: string;
  /** 0 = a main row (一、), 1 = (一), 2 = a numbered reason under (三)…(六). */
  level: 0 | 1 | 2;
  /** A heading row without cells (三、本年度办理结果, (三)不予公开). */
  heading?: boolean;
}

/** 表二 is printed as four blocks, each with its own header row. */
export interface AnnualBlock {
  heading: string;
  columns: AnnualColumn[];
  rows: AnnualRow[];
}

export interface AnnualCell {
  key: string;
  table: AnnualTableId;
  row: string;
  column: string;
  kind: AnnualCellKind;
  /** 表三 一、本年新收政府信息公开申请数量 · 自然人 */
  label: string;
}

export interface AnnualReportFormat {
  version: string;
  title: string;
  table2: { title: string; blocks: AnnualBlock[] };
  table3: { title: string; header: string; columns: AnnualColumn[]; rows: AnnualRow[] };
  table4: {
    title: string;
    groups: { key: string; label: string; parent?: string }[];
    columns: AnnualColumn[];
  };
  cells: AnnualCell[];
}

export const ANNUAL_REPORT_SECTION_TITLES = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
] as const;

/** The default text of 六: the statement on 信息处理费 (国办函〔2020〕109号). */
export const DEFAULT_OTHER_SECTION =
  '本机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况：本年度未收取信息处理费。';

/** The one-click sentence for a year without applications. */
export const NO_APPLICATIONS_SENTENCE = '本年度未收到政府信息公开申请。';

const T2_COUNT_COLUMNS: AnnualColumn[] = [
  { key: 'issued', label: '本年制发件数' },
  { key: 'repealed', label: '本年废止件数' },
  { key: 'inForce', label: '现行有效件数' },
];
const T2_DECISIONS: AnnualColumn[] = [{ key: 'decisions', label: '本年处理决定数量' }];

const T3_LEGAL = '法人或其他组织';
const T3_COLUMNS: AnnualColumn[] = [
  { key: 'natural', label: '自然人' },
  { key: 'business', label: '商业企业', group: T3_LEGAL },
  { key: 'research', label: '科研机构', group: T3_LEGAL },
  { key: 'publicInterest', label: '社会公益组织', group: T3_LEGAL },
  { key: 'legalService', label: '法律服务机构', group: T3_LEGAL },
  { key: 'otherOrg', label: '其他', group: T3_LEGAL },
  { key: 'total', label: '总计' },
];

const r = (
  key: string,
  number: string,
  label: string,
  level: 0 | 1 | 2,
  heading = false,
): AnnualRow => (heading ? { key, number, label, level, heading } : { key, number, label, level });

const T3_ROWS: AnnualRow[] = [
  r('received', '一、', '本年新收政府信息公开申请数量', 0),
  r('carriedIn', '二、', '上年结转政府信息公开申请数量', 0),
  r('results', '三、', '本年度办理结果', 0, true),
  r('disclosed', '（一）', '予以公开', 1),
  r('partial', '（二）', '部分公开（区分处理的，只计这一情形，不计其他情形）', 1),
  r('withheld', '（三）', '不予公开', 1, true),
  r('withheld1', '1.', '属于国家秘密', 2),
  r('withheld2', '2.', '其他法律行政法规禁止公开', 2),
  r('withheld3', '3.', '危及“三安全一稳定”', 2),
  r('withheld4', '4.', '保护第三方合法权益', 2),
  r('withheld5', '5.', '属于三类内部事务信息', 2),
  r('withheld6', '6.', '属于四类过程性信息', 2),
  r('withheld7', '7.', '属于行政执法案卷', 2),
  r('withheld8', '8.', '属于行政查询事项', 2),
  r('unavailable', '（四）', '无法提供', 1, true),
  r('unavailable1', '1.', '本机关不掌握相关政府信息', 2),
  r('unavailable2', '2.', '没有现成信息需要另行制作', 2),
  r('unavailable3', '3.', '补正后申请内容仍不明确', 2),
  r('rejected', '（五）', '不予处理', 1, true),
  r('rejected1', '1.', '信访举报投诉类申请', 2),
  r('rejected2', '2.', '重复申请', 2),
  r('rejected3', '3.', '要求提供公开出版物', 2),
  r('rejected4', '4.', '无正当理由大量反复申请', 2),
  r('rejected5', '5.', '要求行政机关确认或重新出具已获取信息', 2),
  r('otherHandling', '（六）', '其他处理', 1, true),
  r('otherHandling1', '1.', '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 2),
  r(
    'otherHandling2',
    '2.',
    '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    2,
  ),
  r('otherHandling3', '3.', '其他', 2),
  r('resultTotal', '（七）', '总计', 1),
  r('carriedOut', '四、', '结转下年度继续办理', 0),
];

const T4_COLUMNS: AnnualColumn[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];
const T4_GROUPS = [
  { key: 'reconsideration', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉', parent: '行政诉讼' },
  { key: 'litigationAfter', label: '复议后起诉', parent: '行政诉讼' },
];

function buildCells(format: Omit<AnnualReportFormat, 'cells'>): AnnualCell[] {
  const cells: AnnualCell[] = [];
  for (const block of format.table2.blocks) {
    for (const row of block.rows) {
      for (const col of block.columns) {
        cells.push({
          key: `t2.${row.key}.${col.key}`,
          table: 'table2',
          row: row.key,
          column: col.key,
          kind: col.kind ?? 'count',
          label: `表二 ${row.label} · ${col.label}`,
        });
      }
    }
  }
  for (const row of format.table3.rows.filter((x) => !x.heading)) {
    for (const col of format.table3.columns) {
      cells.push({
        key: `t3.${row.key}.${col.key}`,
        table: 'table3',
        row: row.key,
        column: col.key,
        kind: 'count',
        label: `表三 ${row.number}${row.label} · ${col.group ? `${col.group}·` : ''}${col.label}`,
      });
    }
  }
  for (const group of format.table4.groups) {
    for (const col of format.table4.columns) {
      cells.push({
        key: `t4.${group.key}.${col.key}`,
        table: 'table4',
        row: group.key,
        column: col.key,
        kind: 'count',
        label: `表四 ${group.parent ? `${group.parent}·` : ''}${group.label} · ${col.label}`,
      });
    }
  }
  return cells;
}

function defineFormat(format: Omit<AnnualReportFormat, 'cells'>): AnnualReportFormat {
  return { ...format, cells: buildCells(format) };
}

export const ANNUAL_FORMAT_2021 = defineFormat({
  version: '2021',
  title: '政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）',
  table2: {
    title: '二、主动公开政府信息情况',
    blocks: [
      {
        heading: '第二十条第（一）项',
        columns: T2_COUNT_COLUMNS,
        rows: [r('regulation', '', '规章', 0), r('normative', '', '行政规范性文件', 0)],
      },
      {
        heading: '第二十条第（五）项',
        columns: T2_DECISIONS,
        rows: [r('licensing', '', '行政许可', 0)],
      },
      {
        heading: '第二十条第（六）项',
        columns: T2_DECISIONS,
        rows: [r('penalty', '', '行政处罚', 0), r('coercion', '', '行政强制', 0)],
      },
      {
        heading: '第二十条第（八）项',
        columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount' }],
        rows: [r('fees', '', '行政事业性收费', 0)],
      },
    ],
  },
  table3: {
    title: '三、收到和处理政府信息公开申请情况',
    header: '申请人情况',
    columns: T3_COLUMNS,
    rows: T3_ROWS,
  },
  table4: {
    title: '四、政府信息公开行政复议、行政诉讼情况',
    groups: T4_GROUPS,
    columns: T4_COLUMNS,
  },
});

export const ANNUAL_REPORT_FORMATS: Readonly<Record<string, AnnualReportFormat>> = {
  [ANNUAL_FORMAT_2021.version]: ANNUAL_FORMAT_2021,
};

/** The format a new report is written in. */
export const CURRENT_ANNUAL_FORMAT_VERSION = ANNUAL_FORMAT_2021.version;

export function annualReportFormat(version: string): AnnualReportFormat {
  const format = ANNUAL_REPORT_FORMATS[version];
  if (!format) throw new Error(`Unknown annual report format ${version}`);
  return format;
}

/** The cell's definition, or undefined for a key the format does not have. */
export function annualCell(format: AnnualReportFormat, key: string): AnnualCell | undefined {
  return cellIndex(format).get(key);
}

const indexes = new WeakMap<AnnualReportFormat, Map<string, AnnualCell>>();
function cellIndex(format: AnnualReportFormat): Map<string, AnnualCell> {
  let index = indexes.get(format);
  if (!index) {
    index = new Map(format.cells.map((c) => [c.key, c]));
    indexes.set(format, index);
  }
  return index;
}

/** The keys of one table, in the order of the printed form. */
export function annualTableKeys(format: AnnualReportFormat, table: AnnualTableId): string[] {
  return format.cells.filter((c) => c.table === table).map((c) => c.key);
}
