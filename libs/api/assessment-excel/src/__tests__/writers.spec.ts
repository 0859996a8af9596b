import { closeWorkbookReader } from '@sunshine/api/plan-excel';
import { parseIssueList } from '../parse-issue-list';
import { INSTRUCTIONS_SHEET, TEMPLATE_SHEET, writeIssueListTemplate } from '../template';
import {
  safeSheetName,
  writeRectificationTable,
  type RectificationRow,
} from '../write-rectification';
import { ANHUI, open } from './helpers';

afterAll(() => closeWorkbookReader());

const yaohai = { code: '340102', name: '瑶海区审计局' };
const feidong = { code: '340122', name: '肥东县审计局' };

function row(overrides: Partial<RectificationRow>): RectificationRow {
  return {
    unit: yaohai,
    problem: '“政策解读”栏目更新不及时',
    measure: '已补充发布2025年政策解读3篇',
    links: ['https://yaohai.example/zcjd/1.html'],
    rectifiedAt: '2025-06-03',
    status: '已整改',
    ...overrides,
  };
}

describe('writeRectificationTable', () => {
  it('writes the official columns, one sheet per bureau and a summary, readable by exceljs', async () => {
    const buffer = await writeRectificationTable(
      [
        row({ indicator: '政策解读 > 解读发布', location: '政务公开-政策解读' }),
        row({
          unit: feidong,
          problem: '站内搜索不可用',
          measure: '',
          links: [],
          rectifiedAt: null,
          status: '待整改',
        }),
        row({
          problem: '规范性文件未标注有效性',
          measure: '本单位无此类信息，无需公开',
          links: ['https://yaohai.example/a.html', 'https://yaohai.example/b.html'],
          rectifiedAt: new Date('2025-06-04T02:00:00Z'),
          status: '已销号',
        }),
      ],
      { title: '2025年度政务公开第三方评估整改链接表' },
    );
    const workbook = await open(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '汇总',
      '瑶海区审计局',
      '肥东县审计局',
    ]);
    const summary = workbook.getWorksheet('汇总');
    expect(summary?.getRow(2).values).toEqual([
      undefined,
      '序号',
      '单位',
      '问题数',
      '已整改',
      '待整改',
      '已销号',
    ]);
    expect(summary?.getRow(3).values).toEqual([undefined, 1, '瑶海区审计局', 2, 1, 0, 1]);
    const sheet = workbook.getWorksheet('瑶海区审计局');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').value).toBe('2025年度政务公开第三方评估整改链接表');
    expect(sheet.getCell('A2').value).toBe('单位：瑶海区审计局');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '问题',
      '整改措施',
      '整改链接',
      '整改时间',
      '状态',
    ]);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      '【政策解读 > 解读发布】“政策解读”栏目更新不及时\n问题位置：政务公开-政策解读',
      '已补充发布2025年政策解读3篇',
      {
        text: 'https://yaohai.example/zcjd/1.html',
        hyperlink: 'https://yaohai.example/zcjd/1.html',
      },
      '2025年6月3日',
      '已整改',
    ]);
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      2,
      '规范性文件未标注有效性',
      '本单位无此类信息，无需公开',
      'https://yaohai.example/a.html\nhttps://yaohai.example/b.html',
      '2025年6月4日',
      '已销号',
    ]);
    expect(workbook.getWorksheet('肥东县审计局')?.getRow(4).values).toEqual([
      undefined,
      1,
      '站内搜索不可用',
      '',
      '',
      '',
      '待整改',
    ]);
  });

  it('writes one sheet for one bureau, without a summary', async () => {
    const workbook = await open(await writeRectificationTable([row({}), row({ number: '3-1' })]));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['瑶海区审计局']);
    expect(workbook.worksheets[0]?.getCell('A4').value).toBe('3-1');
  });

  it('defuses formula-like text in every cell and never links a non-web address', async () => {
    const buffer = await writeRectificationTable([
      row({
        unit: { code: '1', name: '=HYPERLINK("http://evil.example","x")' },
        problem: '=1+1',
        measure: '＋SUM(A1:A9)',
        links: ['javascript:alert(1)'],
        status: '@状态',
      }),
    ]);
    const sheet = (await open(buffer)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('=HYPERLINK("http___evil.example');
    expect(sheet.getCell('A1').value).toBe(
      '\'单位：=HYPERLINK("http://evil.example","x")'.slice(1),
    );
    expect(sheet.getCell('B3').value).toBe("'=1+1");
    expect(sheet.getCell('C3').value).toBe("'＋SUM(A1:A9)");
    expect(sheet.getCell('D3').value).toBe('javascript:alert(1)');
    expect(sheet.getCell('F3').value).toBe("'@状态");
    for (const cell of ['A1', 'B3', 'C3', 'D3', 'F3'])
      expect(sheet.getCell(cell).formula).toBeUndefined();
  });

  it('makes sheet names Excel accepts', () => {
    const taken = new Set<string>();
    expect(safeSheetName('a/b:c*d?e[f]g\\h', taken)).toBe('a_b_c_d_e_f_g_h');
    expect(safeSheetName('合肥高新技术产业开发区审计局'.repeat(3), taken)).toHaveLength(31);
    expect(safeSheetName('同名', taken)).toBe('同名');
    expect(safeSheetName('同名', taken)).toBe('同名(2)');
    expect(safeSheetName('History', taken)).toBe('History(2)');
  });
});

describe('writeIssueListTemplate', () => {
  it('has the canonical headers and instructions, and a filled copy imports', async () => {
    const buffer = await writeIssueListTemplate();
    const workbook = await open(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([TEMPLATE_SHEET, INSTRUCTIONS_SHEET]);
    const sheet = workbook.getWorksheet(TEMPLATE_SHEET);
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号',
      '所属市',
      '被评估单位',
      '一级指标',
      '二级指标',
      '评价标准',
      '问题类型',
      '*存在问题',
      '问题位置',
      '扣分',
      '整改时限',
    ]);
    expect(sheet.getCell('G2').dataValidation).toMatchObject({ type: 'list' });
    // The empty template is recognised, and says there is nothing to import.
    const empty = await parseIssueList(buffer, { units: ANHUI });
    expect(empty.errors.map((e) => e.code)).toEqual(['NO_ISSUES']);
    sheet.addRow([
      1,
      '合肥市',
      '瑶海区',
      '政策解读',
      '解读发布',
      '同步解读',
      '政策文件未同步解读',
      '2025年第1号文件未同步发布解读',
      'https://yaohai.example/zcjd',
      0.5,
      '5个工作日内',
    ]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await parseIssueList(filled, { units: ANHUI });
    expect(result.errors).toEqual([]);
    expect(result.issues).toEqual([
      expect.objectContaining({
        unit: { id: 'org-340102', code: '340102', name: '瑶海区审计局' },
        type: 'NO_INTERPRETATION',
        typeBasis: 'EXACT',
        indicatorPath: ['政策解读', '解读发布'],
        urls: ['https://yaohai.example/zcjd'],
        points: 0.5,
        deadlineText: '5个工作日内',
      }),
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('writeIssueListTemplate with the bureaus of a round', () => {
  it('lists them on a reference sheet the import skips', async () => {
    const buffer = await writeIssueListTemplate({
      units: [
        { name: '瑶海区审计局', cityName: '合肥市' },
        { name: '肥东县审计局', cityName: '合肥市' },
      ],
    });
    const workbook = await open(buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      TEMPLATE_SHEET,
      INSTRUCTIONS_SHEET,
      '单位名称参考',
    ]);
    expect(workbook.getWorksheet('单位名称参考')?.getRow(3).values).toEqual([
      undefined,
      2,
      '合肥市',
      '肥东县审计局',
    ]);
    const result = await parseIssueList(buffer, { units: ANHUI });
    expect(result.errors.map((e) => e.code)).toEqual(['NO_ISSUES']);
    expect(result.warnings).toEqual([]);
  });
});
