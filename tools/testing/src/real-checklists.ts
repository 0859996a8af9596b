/**
 * Checklists in the shapes governments really publish them (issue 8), written with exceljs. The
 * texts are made up for the tests, in the style of real task-division lists; none is a copy of a
 * real document. Each builder says what it should import as, so that the tests and the import
 * report share one statement of it.
 */
import ExcelJS from 'exceljs';

export interface RealChecklist {
  /** A short name for test titles and the report. */
  name: string;
  /** What it looks like, in one line. */
  shape: string;
  fileName: string;
  bytes: Buffer;
  expected: {
    categories: number;
    tasks: number;
    /** Whether the dialog should ask the user to check the column mapping. */
    needsMapping: boolean;
    /** Warnings by code: the number expected (whole-file warnings count once). */
    warnings: Record<string, number>;
  };
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheetOf(name: string): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sunshine-tests';
  const ws = wb.addWorksheet(name);
  return { wb, ws };
}

/** A row merged across columns A..`last` holding one text (a title, category or note row). */
function acrossRow(ws: ExcelJS.Worksheet, text: string, last: string): void {
  const row = ws.addRow([text]);
  ws.mergeCells(`A${row.number}:${last}${row.number}`);
}

/**
 * 1. A provincial division list: '附件1' and a title above the header, categories as rows
 * merged across ('一、围绕……推进公开'), items numbered 1, 2, 3 again under every category, the
 * deadline words real lists use (年底前, 持续推进, 长期坚持, 6月底前, 每季度, 上半年), a generic
 * unit, a blank row and a footnote below. Header words: 重点任务, 责任单位, 完成时间.
 */
export async function categoryRowsList(year: number): Promise<RealChecklist> {
  const { wb, ws } = sheetOf('Sheet1');
  ws.addRow(['附件1']);
  acrossRow(ws, `${year}年全省政务公开重点工作任务分工方案`, 'D');
  ws.addRow([]);
  ws.addRow(['序号', '重点任务', '责任单位', '完成时间']);
  acrossRow(ws, '一、围绕深化改革推进公开', 'D');
  ws.addRow([
    1,
    '公开年度重点改革事项的进展和成效，及时发布改革方案解读',
    '省发展改革委',
    '年底前',
  ]);
  ws.addRow([2, '做好行政权力清单动态调整和公开工作', '省委编办、省司法厅', '持续推进']);
  ws.addRow([3, '集中公开优化营商环境政策措施', '各有关单位', `${year}年6月底前`]);
  acrossRow(ws, '二、围绕稳定经济运行推进公开', 'D');
  ws.addRow([1, '按季度发布主要经济指标及解读材料', '省统计局', '每季度']);
  ws.addRow([2, '公开减税降费政策落实情况', '省财政厅、省税务局', '上半年']);
  ws.addRow([]);
  acrossRow(ws, '三、围绕加强政府自身建设推进公开', 'D');
  ws.addRow([1, '规范政府信息公开申请办理答复', '省司法厅', '长期坚持']);
  ws.addRow([2, '更新完善政府信息公开指南和目录', '省政府办公厅', '年底前']);
  ws.addRow([3, '加强政府网站和政务新媒体管理', '省政府办公厅、省委网信办', '持续推进']);
  ws.addRow([]);
  acrossRow(ws, '注：各单位于每季度末将落实情况报送省政务公开办。', 'D');
  return {
    name: 'category-rows',
    shape:
      '标题行 + 合并整行的类别行“一、……” + 各类别内序号重新从 1 编起 + 责任单位/完成时间 + 注释行',
    fileName: `${year}年全省政务公开重点工作任务分工方案.xlsx`,
    bytes: await toBuffer(wb),
    expected: {
      categories: 3,
      tasks: 8,
      needsMapping: false,
      warnings: {
        DEFAULT_LEVELS: 1,
        DEFAULT_WEIGHT: 1,
        NUMBER_GENERATED: 1,
        LEAD_GENERIC: 1,
      },
    },
  };
}

/**
 * 2. A city bureau's list: categories as the text of a merged first-column cell spanning its
 * numbered rows (the column has no header), a short 工作任务 beside a long 具体要求, 责任部门 and
 * 时限要求. The unnamed column is guessed from its cells, so the dialog asks to check the mapping.
 */
export async function mergedFirstColumnList(year: number): Promise<RealChecklist> {
  const { wb, ws } = sheetOf('任务分解表');
  acrossRow(ws, `市审计局${year}年政务公开工作任务分解表`, 'F');
  ws.addRow(['', '序号', '工作任务', '具体要求', '责任部门', '时限要求']);
  const groups: Array<[string, Array<[string, string, string, string]>]> = [
    [
      '权力运行信息公开',
      [
        [
          '公开权责清单',
          '在门户网站集中公开本局权责清单，职责调整后10个工作日内更新。',
          '法规科',
          '持续推进',
        ],
        ['公开审计计划', '年度审计项目计划经批准后及时向社会公开。', '办公室', '3月底前'],
        ['公开规范性文件', '规范性文件统一登载，标注有效性。', '法规科', '长期坚持'],
      ],
    ],
    [
      '重点领域信息公开',
      [
        ['公开审计结果公告', '依法公开本级预算执行审计结果公告。', '财政审计科', '9月底前'],
        ['公开整改情况', '跟踪公开审计查出问题的整改情况。', '财政审计科、经责科', '年底前'],
      ],
    ],
    [
      '平台建设',
      [
        [
          '维护政府信息公开专栏',
          '按照上级要求调整栏目设置，确保信息更新及时、链接有效。',
          '办公室',
          '每月',
        ],
        ['运营政务新媒体', '政务新媒体每周至少更新2次，及时回应网民留言。', '办公室', '持续推进'],
        ['开展政务公开培训', '组织全局干部参加政务公开业务培训。', '人事科', '下半年'],
      ],
    ],
  ];
  let number = 0;
  for (const [category, tasks] of groups) {
    const first = ws.rowCount + 1;
    tasks.forEach(([title, requirement, lead, deadline], i) => {
      number += 1;
      ws.addRow([i === 0 ? category : null, number, title, requirement, lead, deadline]);
    });
    ws.mergeCells(`A${first}:A${first + tasks.length - 1}`);
  }
  return {
    name: 'merged-first-column',
    shape:
      '首列纵向合并单元格为类别（该列无表头）+ 简短“工作任务”与较长“具体要求”+ 责任部门/时限要求',
    fileName: `市审计局${year}年政务公开工作任务分解表.xlsx`,
    bytes: await toBuffer(wb),
    expected: {
      categories: 3,
      tasks: 8,
      needsMapping: true,
      warnings: { DEFAULT_LEVELS: 1, DEFAULT_WEIGHT: 1 },
    },
  };
}

/**
 * 3. A list published as one text column: a category prefixed to the first task of each
 * section ('一、做好财政信息公开。'), items numbered '1.' '（2）' '3、' inside the text,
 * responsibility in a trailing parenthesis ('（省财政厅牵头落实）', '（……按职责分工分别牵头落实）'),
 * deadlines inside the text ('{year}年6月底前') or none at all. No 序号, deadline, level or
 * weight column.
 */
export async function oneTextColumnList(year: number): Promise<RealChecklist> {
  const { wb, ws } = sheetOf('任务分工');
  acrossRow(ws, `${year}年政务公开工作要点重点任务分工`, 'A');
  ws.addRow(['任务内容']);
  const rows = [
    `一、做好财政信息公开。1.推进预决算公开，细化公开到功能分类项级科目，${year}年6月底前完成部门预算公开。（省财政厅牵头落实）`,
    '（2）推进政府债务信息公开，按季度公开债务限额、余额和使用安排。（省财政厅牵头落实）',
    '3、推进政府采购信息公开，完善采购意向公开制度。（省财政厅、省公共资源交易监督管理局按职责分工分别牵头落实）',
    `二、深化政务服务公开。1.公开政务服务事项清单，年底前实现办事指南标准化。（省政务服务管理局牵头落实）`,
    '2.公开证明事项清单，及时清理无法律法规依据的证明事项。（省司法厅牵头，各市人民政府负责落实）',
    '三、加强政策解读回应。1.坚持政策文件与解读材料同步起草、同步审签、同步发布。（省政府办公厅牵头落实）',
    '2.围绕社会关切及时回应。对涉及群众切身利益、社会关注度高的政策措施，通过新闻发布会、在线访谈等方式加强解读，提升回应的针对性和时效性。（省委宣传部、省政府办公厅按职责分工分别牵头落实）',
  ];
  for (const text of rows) ws.addRow([text]);
  ws.addRow([]);
  ws.addRow(['说明：各牵头单位于每季度首月10日前报送上季度落实情况。']);
  ws.getColumn(1).width = 100;
  return {
    name: 'one-text-column',
    shape:
      '只有一列“任务内容”：类别写在首项任务开头、条目编号“1.”“（2）”“3、”写在文中、责任单位写在末尾括号、时限写在文中',
    fileName: `${year}年政务公开工作要点重点任务分工.xlsx`,
    bytes: await toBuffer(wb),
    expected: {
      categories: 3,
      tasks: 7,
      needsMapping: false,
      warnings: {
        CATEGORY_GUESSED: 3,
        LEAD_GUESSED: 7,
        TITLE_GUESSED: 1,
        DEADLINE_GUESSED: 2,
        DEFAULT_DEADLINE: 1,
        DEFAULT_LEVELS: 1,
        DEFAULT_WEIGHT: 1,
        NUMBER_GENERATED: 1,
      },
    },
  };
}

/**
 * 4. A county bureau's own list: no categories at all, 责任科室 holding '办公室牵头，各科室配合',
 * generic units ('各科室'), a blank deadline cell, blank rows, and a 说明 row under the table.
 */
export async function countyOfficeList(year: number): Promise<RealChecklist> {
  const { wb, ws } = sheetOf('Sheet1');
  acrossRow(ws, `县审计局${year}年政务公开工作任务清单`, 'D');
  ws.addRow(['序号', '工作任务', '责任科室', '时限要求']);
  ws.addRow([1, '调整充实政务公开工作领导小组', '办公室', '上半年']);
  ws.addRow([2, '梳理更新本局主动公开基本目录', '办公室牵头，各科室配合', '年底前']);
  ws.addRow([3, '按时发布政府信息公开工作年度报告', '办公室', `${year}年1月31日前`]);
  ws.addRow([]);
  ws.addRow([4, '及时公开审计结果公告和整改情况', '各科室', '每季度']);
  ws.addRow([5, '做好依申请公开答复工作', '法制审理科', '长期坚持']);
  ws.addRow([6, '开展政务公开业务学习', '办公室、人事教育科', '']);
  ws.addRow([]);
  ws.addRow(['说明：本清单由局办公室负责解释。']);
  return {
    name: 'county-office',
    shape: '无类别 + 责任科室“办公室牵头，各科室配合”+ 泛指单位“各科室”+ 空白时限 + 空行 + 说明行',
    fileName: `县审计局${year}年政务公开工作任务清单.xlsx`,
    bytes: await toBuffer(wb),
    expected: {
      categories: 1,
      tasks: 6,
      needsMapping: false,
      warnings: {
        LEAD_GUESSED: 1,
        LEAD_GENERIC: 1,
        DEFAULT_DEADLINE: 1,
        DEFAULT_CATEGORY: 1,
        DEFAULT_LEVELS: 1,
        DEFAULT_WEIGHT: 1,
      },
    },
  };
}

/**
 * 5. Headers the importer does not know: 主要工作, 承办单位, 截止日期, 备注. Each is guessed (from
 * a similar name or from the cells); the dialog asks to check, and the user may change it.
 */
export async function unknownHeadersList(year: number): Promise<RealChecklist> {
  const { wb, ws } = sheetOf('工作安排');
  ws.addRow(['主要工作', '承办单位', '截止日期', '备注']);
  ws.addRow(['完善政务公开工作制度', '办公室', `${year}年3月31日`, '制度文本及印发文件']);
  ws.addRow(['公开年度部门预算', '财务科', `${year}年4月30日`, '预算公开网页截图']);
  ws.addRow(['公开年度部门决算', '财务科', `${year}年8月31日`, '决算公开网页截图']);
  ws.addRow(['组织政府开放日活动', '办公室', `${year}年10月31日`, '活动照片及报道']);
  return {
    name: 'unknown-headers',
    shape: '表头均非常用名称（主要工作/承办单位/截止日期/备注），需在“核对列”中确认',
    fileName: `${year}年政务公开工作安排.xlsx`,
    bytes: await toBuffer(wb),
    expected: {
      categories: 1,
      tasks: 4,
      needsMapping: true,
      warnings: { DEFAULT_CATEGORY: 1, DEFAULT_LEVELS: 1, DEFAULT_WEIGHT: 1, NUMBER_GENERATED: 1 },
    },
  };
}

/** Every real-list shape for a plan year. */
export async function realChecklists(year: number): Promise<RealChecklist[]> {
  return [
    await categoryRowsList(year),
    await mergedFirstColumnList(year),
    await oneTextColumnList(year),
    await countyOfficeList(year),
    await unknownHeadersList(year),
  ];
}
