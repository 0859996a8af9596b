import ExcelJS from 'exceljs';
import { closeWorkbookReader, readWorkbook } from '@sunshine/api/plan-excel';
import { OrgLevel } from '@sunshine/shared/domain';
import { parseSignInSheets } from '../sign-in-sheet';

afterAll(() => closeWorkbookReader());

const units = [
  { id: 'p', name: '安徽省审计厅', level: OrgLevel.PROVINCE },
  { id: 'hf', name: '合肥市审计局', level: OrgLevel.CITY },
  { id: 'yh', name: '瑶海区审计局', level: OrgLevel.COUNTY },
  { id: 'ly', name: '庐阳区审计局', level: OrgLevel.COUNTY },
  { id: 'jq1', name: '安庆市郊区审计局', level: OrgLevel.COUNTY },
  { id: 'jq2', name: '铜陵市郊区审计局', level: OrgLevel.COUNTY },
];

const HEADER = ['序号', '单位', '姓名', '职务', '联系电话', '签到', '备注'];

async function workbook(sheets: Record<string, unknown[][]>, merge?: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    ws.addRow(['2025年全省审计机关政务公开培训班签到表']);
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
    if (merge) ws.mergeCells(merge);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function parse(bytes: Uint8Array, days = 1, hours = 6, choices?: Record<string, string>) {
  const grid = await readWorkbook(bytes);
  return parseSignInSheets(grid.sheets, { units, hours, days, choices });
}

describe('sign-in sheet import', () => {
  it('reads loose unit names, merged unit cells, absences and half days', async () => {
    const out = await parse(
      await workbook(
        {
          签到表: [
            [1, '合肥市局', '张明', '副局长', '13812341234', '张明', ''],
            [2, '瑶海区局', '李华', '科员', '0551-62345678', '√', '下午'],
            [3, '', '王芳', '科员', '', '√', ''],
            [4, '庐阳', '赵强', '', '12345', '请假', ''],
            ['注：请各单位如实填写'],
          ],
        },
        'B4:B5',
      ),
    );
    expect(out.errors).toEqual([]);
    expect(out.rows.map((r) => [r.organizationId, r.traineeName, r.attended, r.hours])).toEqual([
      ['hf', '张明', true, 6],
      ['yh', '李华', true, 3],
      ['yh', '王芳', true, 6],
      ['ly', '赵强', false, 0],
    ]);
    expect(out.rows[0]!.loose).toBe(true);
    expect(out.warnings.map((w) => w.message)).toEqual([
      '第 4 行（李华）备注“下午”，按半天 3 学时计',
      '第 6 行（赵强）联系电话格式不正确，未导入该号码',
    ]);
  });

  it('proposes the closest unit for unknown names and takes the choice made in the preview', async () => {
    const bytes = await workbook({ Sheet1: [[1, '庐阳审计', '孙丽', '', '', '√', '']] });
    const first = await parse(bytes);
    expect(first.rows).toEqual([]);
    expect(first.unknownUnits).toEqual([
      { written: '庐阳审计', rows: 1, suggestion: { id: 'ly', name: '庐阳区审计局' } },
    ]);
    expect(first.errors[0]!.message).toBe('第 3 行：未找到单位“庐阳审计”，是否为“庐阳区审计局”？');
    const second = await parse(bytes, 1, 6, { 庐阳审计: 'ly' });
    expect(second.errors).toEqual([]);
    expect(second.rows[0]!.organizationId).toBe('ly');
  });

  it('refuses ambiguous names and merges duplicates; one sheet per day adds the days up', async () => {
    const ambiguous = await parse(await workbook({ S: [[1, '郊区', '钱七', '', '', '√', '']] }));
    expect(ambiguous.errors[0]!.message).toContain('可能是 安庆市郊区审计局、铜陵市郊区审计局');
    const dup = await parse(
      await workbook({
        S: [
          [1, '瑶海区审计局', '李华', '', '', '√', ''],
          [2, '瑶海区审计局', '李 华', '', '', '√', ''],
        ],
      }),
    );
    expect(dup.rows).toHaveLength(1);
    expect(dup.warnings[0]!.message).toContain('重复，已合并');
    const twoDays = await parse(
      await workbook({
        第一天: [
          [1, '瑶海区审计局', '李华', '', '', '√', ''],
          [2, '合肥市审计局', '张明', '', '', '√', ''],
        ],
        第二天: [[1, '瑶海区审计局', '李华', '', '', '√', '']],
      }),
      2,
      12,
    );
    expect(twoDays.errors).toEqual([]);
    expect(twoDays.rows.map((r) => [r.traineeName, r.hours])).toEqual([
      ['李华', 12],
      ['张明', 6],
    ]);
  });

  it('reports a sheet without a header and hostile files through the reader', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('乱').addRow(['随便写的', '内容']);
    const noHeader = await parse(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(noHeader.errors[0]!.message).toContain('未找到表头');
    await expect(readWorkbook(new TextEncoder().encode('not a workbook'))).rejects.toThrow();
  });
});
