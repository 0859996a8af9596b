/**
 * Header names of the assessor's issue list (问题清单) and of an indicator system (指标体系), as
 * assessors write them. Headers are compared after `normalizeHeader` (full-width folded, spaces,
 * '*' marks and parenthesised notes removed).
 */
import { normalizeHeader } from '@sunshine/api/plan-excel';

export type IssueColumnKey =
  | 'number'
  | 'unit'
  | 'city'
  | 'level1'
  | 'level2'
  | 'level3'
  | 'standard'
  | 'type'
  | 'description'
  | 'location'
  | 'points'
  | 'deadline'
  | 'severity';

export interface HeaderSpec<K extends string> {
  key: K;
  /** Canonical header: in the template, and in problems ("第 5 行「存在问题」…"). */
  header: string;
  aliases: readonly string[];
  width: number;
  help: string;
}

export const ISSUE_COLUMNS: readonly HeaderSpec<IssueColumnKey>[] = [
  { key: 'number', header: '序号', aliases: ['编号', '问题序号'], width: 6, help: '可留空。' },
  {
    key: 'unit',
    header: '被评估单位',
    aliases: [
      '单位',
      '单位名称',
      '被测评单位',
      '被评单位',
      '评估对象',
      '测评对象',
      '责任单位',
      '审计机关',
      '县区',
      '县(市、区)',
      '县市区',
    ],
    width: 18,
    help: '单位名称，如“瑶海区审计局”“瑶海区”“合肥市审计局”。一个工作表只列一个单位时可省略本列，以工作表名称或表头上方的标题作为单位。重名的县区请写明所属市（如“合肥市瑶海区”）或填写“所属市”列。',
  },
  {
    key: 'city',
    header: '所属市',
    aliases: ['市', '地市', '设区市', '所属地市', '所在市', '城市', '市别'],
    width: 10,
    help: '可选。被评估单位所属的市，如“合肥市”，用于区分重名的县区。',
  },
  {
    key: 'level1',
    header: '一级指标',
    aliases: [
      '评估指标',
      '测评指标',
      '评价指标',
      '指标',
      '指标名称',
      '考核指标',
      '评估项目',
      '测评项目',
    ],
    width: 14,
    help: '同一指标的多行可合并单元格。',
  },
  {
    key: 'level2',
    header: '二级指标',
    aliases: ['评估内容', '测评内容'],
    width: 16,
    help: '可选，可合并单元格。',
  },
  {
    key: 'level3',
    header: '三级指标',
    aliases: ['评估要点', '测评要点'],
    width: 16,
    help: '可选，可合并单元格。',
  },
  {
    key: 'standard',
    header: '评价标准',
    aliases: ['评分标准', '评估标准', '测评标准', '评分细则', '评分规则', '评价要点', '考核标准'],
    width: 30,
    help: '可选。',
  },
  {
    key: 'type',
    header: '问题类型',
    aliases: ['问题类别', '问题分类', '类型'],
    width: 16,
    help: '可选，从下拉列表选择；留空时系统根据问题描述推断，导入前请在预览中核对。',
  },
  {
    key: 'description',
    header: '存在问题',
    aliases: [
      '问题描述',
      '发现问题',
      '问题明细',
      '问题',
      '具体问题',
      '问题内容',
      '主要问题',
      '问题清单',
      '存在的问题',
      '扣分原因',
      '扣分说明',
      '评估发现',
    ],
    width: 40,
    help: '必填。一个单元格写了多个问题时（用“；”分隔或编号“1.”“（1）”），导入时拆分为多个问题，请在预览中确认。写“无”的行不导入。',
  },
  {
    key: 'location',
    header: '问题位置',
    aliases: [
      '链接',
      '问题链接',
      '栏目',
      '所在栏目',
      '网址',
      '位置',
      '问题所在位置',
      '页面链接',
      '问题网址',
      '栏目位置',
      '问题页面',
    ],
    width: 36,
    help: '网址或栏目路径，如“政策法规-规范性文件立改废”。网址会被提取出来，用于自动复查链接。',
  },
  {
    key: 'points',
    header: '扣分',
    aliases: ['扣分值', '扣分分值', '扣分情况', '扣除分值', '扣减分值'],
    width: 8,
    help: '可选。0 到 100 之间的数字，如“0.5”。',
  },
  {
    key: 'deadline',
    header: '整改时限',
    aliases: ['整改期限', '整改时间', '完成时限', '整改完成时限', '要求完成时间'],
    width: 14,
    help: '可选，按原文保留，如“5个工作日内”“2025年6月30日”；留空时使用测评批次的默认时限。',
  },
  {
    key: 'severity',
    header: '严重程度',
    aliases: ['问题等级', '问题程度', '程度'],
    width: 10,
    help: '可选，如“一般”“较重”“严重”。',
  },
];

export type IndicatorColumnKey =
  | 'number'
  | 'level1'
  | 'level1Points'
  | 'level2'
  | 'level2Points'
  | 'level3'
  | 'points'
  | 'standard'
  | 'veto';

export const INDICATOR_COLUMNS: readonly HeaderSpec<IndicatorColumnKey>[] = [
  { key: 'number', header: '序号', aliases: ['编号'], width: 6, help: '' },
  {
    key: 'level1',
    header: '一级指标',
    aliases: ['评估指标', '一级', '指标类别'],
    width: 16,
    help: '',
  },
  {
    key: 'level1Points',
    header: '一级指标分值',
    aliases: ['一级分值', '一级指标权重'],
    width: 8,
    help: '',
  },
  { key: 'level2', header: '二级指标', aliases: ['二级', '评估内容'], width: 18, help: '' },
  {
    key: 'level2Points',
    header: '二级指标分值',
    aliases: ['二级分值', '二级指标权重'],
    width: 8,
    help: '',
  },
  { key: 'level3', header: '三级指标', aliases: ['三级', '评估要点'], width: 18, help: '' },
  {
    key: 'points',
    header: '分值',
    aliases: ['权重', '分数', '标准分', '满分', '指标分值', '赋分'],
    width: 8,
    help: '',
  },
  {
    key: 'standard',
    header: '评价标准',
    aliases: [
      '评分标准',
      '评估标准',
      '测评标准',
      '评分细则',
      '评分规则',
      '扣分规则',
      '考核标准',
      '评价要点',
    ],
    width: 40,
    help: '',
  },
  {
    key: 'veto',
    header: '单项否决',
    aliases: ['否决项', '一票否决', '是否否决项', '是否单项否决'],
    width: 8,
    help: '',
  },
];

function lookup<K extends string>(specs: readonly HeaderSpec<K>[]): ReadonlyMap<string, K> {
  return new Map(
    specs.flatMap((spec) =>
      [spec.header, ...spec.aliases].map((name) => [normalizeHeader(name), spec.key] as const),
    ),
  );
}

const ISSUE_LOOKUP = lookup(ISSUE_COLUMNS);
const INDICATOR_LOOKUP = lookup(INDICATOR_COLUMNS);

export function issueColumnFor(text: string): IssueColumnKey | null {
  return ISSUE_LOOKUP.get(normalizeHeader(text)) ?? null;
}

export function indicatorColumnFor(text: string): IndicatorColumnKey | null {
  return INDICATOR_LOOKUP.get(normalizeHeader(text)) ?? null;
}

export function headerOf<K extends string>(specs: readonly HeaderSpec<K>[], key: K): string {
  return specs.find((spec) => spec.key === key)?.header ?? key;
}
