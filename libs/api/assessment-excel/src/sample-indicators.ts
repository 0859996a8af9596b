/**
 * A sample indicator system of our own making in the shape third-party schemes take (DOMAIN.md,
 * Scorecard: 11 first-level indicators worth 100 points, and single-item vetoes), written as an
 * assessor would: the 一级指标 merged over its rows with its points in the name, a 合计 row and
 * a note. Also the importable template for indicator systems.
 */
import {
  addTitleRow,
  CENTER,
  stampWorkbook,
  styleBodyRow,
  styleHeaderRow,
  toBuffer,
} from '@sunshine/api/plan-excel';
import { Workbook } from 'exceljs';

type Item = readonly [name: string, points: number, standard: string];

export const SAMPLE_INDICATORS: ReadonlyArray<readonly [string, number, readonly Item[]]> = [
  [
    '依申请公开',
    20,
    [
      ['渠道建设', 5, '提供在线、信函、当面等申请渠道，申请指南准确'],
      ['办理规范', 10, '按法定期限答复，答复书格式规范并告知救济途径'],
      ['年度统计', 5, '依申请公开数据统计准确，与年度报告一致'],
    ],
  ],
  [
    '年度报告',
    15,
    [
      ['按时发布', 5, '1月31日前在门户网站发布'],
      ['内容规范', 5, '六部分内容完整，符合国办公开办格式要求'],
      ['数据准确', 5, '各表数据勾稽关系正确'],
    ],
  ],
  [
    '目录建设',
    12,
    [
      ['公开指南', 4, '公开指南及时更新，信息准确'],
      ['公开目录', 8, '主动公开目录完整，信息归类准确'],
    ],
  ],
  [
    '规范性文件',
    10,
    [
      ['集中公开', 5, '规范性文件集中公开并动态更新'],
      ['有效性标注', 5, '标注有效性，公开立改废情况'],
    ],
  ],
  [
    '政策解读',
    10,
    [
      ['同步解读', 6, '政策文件与解读材料同步发布、相互关联'],
      ['解读质量', 4, '解读形式多样，内容准确易懂'],
    ],
  ],
  [
    '舆情回应',
    8,
    [
      ['回应关切', 4, '及时回应社会关切'],
      ['互动交流', 4, '留言按时回复，意见征集公开起草说明和采纳情况'],
    ],
  ],
  [
    '两微一端',
    6,
    [
      ['账号管理', 3, '政务新媒体账号在门户网站公示'],
      ['更新维护', 3, '持续更新，无长期未更新账号'],
    ],
  ],
  [
    '财政预决算',
    5,
    [
      ['预算公开', 3, '按时公开部门预算及“三公”经费'],
      ['决算公开', 2, '按时公开部门决算'],
    ],
  ],
  ['权责清单', 5, [['清单公开', 5, '公开权责清单并动态调整']]],
  [
    '重点领域',
    5,
    [
      ['审计结果公告', 3, '公开审计结果公告'],
      ['整改情况', 2, '公开审计查出问题整改情况'],
    ],
  ],
  [
    '工作要点',
    4,
    [
      ['要点发布', 2, '发布年度政务公开工作要点'],
      ['落实情况', 2, '公开工作要点落实情况'],
    ],
  ],
];

export const SAMPLE_VETO_ITEMS: readonly string[] = [
  '站点无法访问',
  '首页两周未更新',
  '栏目长期不更新',
  '发布内容出现严重错误',
  '互动回应差造成不良影响',
];

const HEADERS = ['一级指标', '二级指标', '分值', '评价标准', '单项否决'];

/** The sample indicator system (100 points, 23 scored indicators, 5 veto items) as an .xlsx. */
export async function buildSampleIndicatorSystem(
  title = '2025年度政务公开第三方评估指标体系（示例）',
): Promise<Buffer> {
  const workbook = new Workbook();
  stampWorkbook(workbook, title);
  const sheet = workbook.addWorksheet('指标体系');
  sheet.columns = [{ width: 18 }, { width: 18 }, { width: 8 }, { width: 50 }, { width: 10 }];
  addTitleRow(sheet, 1, HEADERS.length, title);
  const header = sheet.getRow(2);
  header.values = HEADERS;
  styleHeaderRow(header, HEADERS.length);
  let r = 3;
  const groups: Array<readonly [string, readonly Item[], boolean]> = [
    ...SAMPLE_INDICATORS.map(
      ([name, points, items]) => [`${name}（${points}分）`, items, false] as const,
    ),
    [
      '单项否决',
      SAMPLE_VETO_ITEMS.map((name): Item => [
        name,
        0,
        `出现“${name}”情形的，评估结果直接定为不合格`,
      ]),
      true,
    ],
  ];
  for (const [name, items, veto] of groups) {
    const first = r;
    for (const [itemName, points, standard] of items) {
      const row = sheet.getRow(r);
      row.values = [r === first ? name : null, itemName, points, standard, veto ? '是' : ''];
      styleBodyRow(row, HEADERS.length);
      row.getCell(3).alignment = CENTER;
      r += 1;
    }
    if (r - 1 > first) sheet.mergeCells(first, 1, r - 1, 1);
  }
  const total = sheet.getRow(r);
  total.values = ['合计', null, 100, null, null];
  styleBodyRow(total, HEADERS.length);
  sheet.getRow(r + 1).getCell(1).value =
    '注：单项否决项不计分，出现任一情形的单位评估结果为不合格。';
  sheet.mergeCells(r + 1, 1, r + 1, HEADERS.length);
  return toBuffer(workbook);
}

/** An empty indicator-system template with the headers the importer knows. */
export async function writeIndicatorSystemTemplate(): Promise<Buffer> {
  const workbook = new Workbook();
  stampWorkbook(workbook, '指标体系模板');
  const sheet = workbook.addWorksheet('指标体系');
  const headers = ['一级指标', '二级指标', '三级指标', '分值', '评价标准', '单项否决'];
  sheet.columns = [
    { width: 18 },
    { width: 18 },
    { width: 18 },
    { width: 8 },
    { width: 50 },
    { width: 10 },
  ];
  const header = sheet.getRow(1);
  header.values = headers;
  styleHeaderRow(header, headers.length);
  const note = sheet.getRow(3);
  note.getCell(1).value =
    '注：每行填写一个最低一级的指标及其分值；同一上级指标的多行可合并单元格，也可在名称后注明分值，如“依申请公开（20分）”；单项否决项在“单项否决”列填“是”。请删除本行后填写。';
  sheet.mergeCells(3, 1, 3, headers.length);
  return toBuffer(workbook);
}
