/**
 * The columns of the key-task checklist (重点工作任务分工), shared by the importer, the template,
 * the sample file and the export so that every file we write can be read back.
 */

export type ColumnKey =
  | 'number'
  | 'category'
  | 'title'
  | 'description'
  | 'lead'
  | 'cooperating'
  | 'deadline'
  | 'levels'
  | 'weight'
  | 'evidence'
  | 'target';

export interface ColumnSpec {
  key: ColumnKey;
  /** Canonical header, used in files we write and in import problems. */
  header: string;
  required: boolean;
  /** The cell must be filled in on every task row (the 类别 may come from a merge or row above). */
  cellRequired: boolean;
  /** Other headers accepted on import (compared after `normalizeHeader`). */
  aliases: readonly string[];
  /** Column width in files we write. */
  width: number;
  /** What to fill in, for the template's instructions sheet. */
  help: string;
}

export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_EVIDENCE_LENGTH = 2000;
export const MAX_NUMBER_LENGTH = 20;
export const MAX_CATEGORY_LENGTH = 100;
export const MAX_DEPARTMENT_LENGTH = 100;

export const CHECKLIST_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'number',
    header: '序号',
    required: true,
    cellRequired: true,
    aliases: ['编号', '任务编号', '任务序号'],
    width: 8,
    help: '任务编号，如“1.1”“3.2”，全表不得重复。建议将本列设置为文本格式，以免“3.10”被 Excel 显示为“3.1”。',
  },
  {
    key: 'category',
    header: '类别',
    required: true,
    cellRequired: true,
    aliases: ['分类', '任务类别', '工作类别', '类型', '工作板块', '板块', '重点领域', '项目'],
    width: 16,
    help: '任务所属类别，如“用权公开”。可合并同一类别的多个单元格；也可在任务之间单独插入一行类别行（如“一、用权公开”），其下任务的类别可留空。',
  },
  {
    key: 'title',
    header: '工作任务',
    required: true,
    cellRequired: true,
    aliases: [
      '任务',
      '任务名称',
      '重点任务',
      '具体任务',
      '工作任务名称',
      '任务内容',
      '主要任务',
      '工作事项',
    ],
    width: 30,
    help: `必填，不超过 ${MAX_TITLE_LENGTH} 字。`,
  },
  {
    key: 'description',
    header: '具体要求',
    required: true,
    cellRequired: false,
    aliases: ['工作要求', '任务要求', '具体内容', '主要内容', '工作内容'],
    width: 50,
    help: `任务的具体要求，不超过 ${MAX_DESCRIPTION_LENGTH} 字，可换行。`,
  },
  {
    key: 'lead',
    header: '牵头单位',
    required: true,
    cellRequired: true,
    aliases: [
      '牵头部门',
      '责任单位',
      '责任部门',
      '牵头处室',
      '责任处室',
      '责任科室',
      '牵头科室',
      '责任主体',
      '牵头单位及责任单位',
      '责任分工',
    ],
    width: 16,
    help: '必填。多个单位用顿号、逗号、分号或空格分隔，如“办公室、法规处”。',
  },
  {
    key: 'cooperating',
    header: '配合单位',
    required: true,
    cellRequired: false,
    aliases: ['配合部门', '配合处室', '配合科室', '协办单位', '协助单位'],
    width: 16,
    help: '可留空，多个单位的分隔方式同“牵头单位”。',
  },
  {
    key: 'deadline',
    header: '完成时限',
    required: true,
    cellRequired: true,
    aliases: [
      '时限',
      '完成时间',
      '完成期限',
      '时间要求',
      '时间节点',
      '时限要求',
      '进度安排',
      '完成时限要求',
      '时间安排',
    ],
    width: 14,
    help: '必填。可写具体日期、月底、季度末、半年、年底，或“每季度”“持续推进”等，详见下方“完成时限的写法”。也可填写 Excel 日期。',
  },
  {
    key: 'levels',
    header: '适用层级',
    required: true,
    cellRequired: false,
    aliases: ['适用范围', '适用对象', '适用单位', '层级'],
    width: 12,
    help: '任务适用的审计机关层级：省、市、县，可组合，如“省、市、县”“市县”“市级、县级”“县级”，或“全部”。留空表示市、县两级。',
  },
  {
    key: 'weight',
    header: '分值',
    required: true,
    cellRequired: false,
    aliases: ['权重', '分数', '分值权重', '考核分值'],
    width: 8,
    help: '任务在考评中的分值，0 到 100 之间的数字，可带小数；留空按 0 分计。',
  },
  {
    key: 'evidence',
    header: '佐证材料',
    required: false,
    cellRequired: false,
    aliases: ['佐证资料', '证明材料', '佐证要求'],
    width: 30,
    help: `可选。完成任务需要提供的佐证材料，如“网站栏目截图及链接”，不超过 ${MAX_EVIDENCE_LENGTH} 字。`,
  },
  {
    key: 'target',
    header: '量化指标',
    required: false,
    cellRequired: false,
    aliases: ['量化目标', '数量要求', '量化要求'],
    width: 12,
    help: '可选。有数量要求的任务填写下限，如“≥16条”“不少于1次”“至少2篇”“90%以上”。',
  },
];

export const COLUMN_BY_KEY: Readonly<Record<ColumnKey, ColumnSpec>> = Object.fromEntries(
  CHECKLIST_COLUMNS.map((column) => [column.key, column]),
) as Record<ColumnKey, ColumnSpec>;

/**
 * Header text as compared on import: full-width characters folded (NFKC), whitespace, '*'
 * required-field marks, trailing colons and parenthesised notes ('分值（分）') removed.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[\s*:]/g, '');
}

const HEADER_LOOKUP: ReadonlyMap<string, ColumnKey> = new Map(
  CHECKLIST_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((name) => [normalizeHeader(name), column.key] as const),
  ),
);

/** The column a header cell names, or null. */
export function columnForHeader(text: string): ColumnKey | null {
  return HEADER_LOOKUP.get(normalizeHeader(text)) ?? null;
}

const SIMILAR: ReadonlyArray<readonly [RegExp, ColumnKey]> = [
  [/序号|编号/, 'number'],
  [/配合|协办|协助|协同/, 'cooperating'],
  [/牵头|责任|负责|主办/, 'lead'],
  [/时限|时间|期限|进度|日期/, 'deadline'],
  [/类别|分类|板块|领域/, 'category'],
  [/层级|适用/, 'levels'],
  [/分值|权重|分数/, 'weight'],
  [/佐证|证明/, 'evidence'],
  [/量化|指标|目标/, 'target'],
  [/要求|措施|内容|说明/, 'description'],
  [/任务|事项|工作/, 'title'],
];

/** The column a header probably means when it is not one we know ('主要工作任务' → title), or null. */
export function similarColumn(text: string): ColumnKey | null {
  const header = normalizeHeader(text);
  if (header === '') return null;
  for (const [pattern, key] of SIMILAR) if (pattern.test(header)) return key;
  return null;
}
