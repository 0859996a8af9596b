import { monitorEventLoopDelay } from 'node:perf_hooks';
import { OrgLevel } from '@sunshine/shared/domain';
import { parseChecklistWorkbook } from '../parse-checklist';
import type { ChecklistParseResult, ImportProblem, ParsedTask } from '../types';
import { closeWorkbookReader, warmUpWorkbookReader } from '../workbook';
import { checklist, HEADERS, headerRowXml, inline, rawXlsx, taskRow, xlsx, zip } from './helpers';

const PLAN_YEAR = 2025;

// The reader runs in a worker thread: start it once (about a second), end it after the file.
beforeAll(() => warmUpWorkbookReader(), 60_000);
afterAll(() => closeWorkbookReader());

const parse = (buffer: Buffer | ArrayBuffer, planYear = PLAN_YEAR): Promise<ChecklistParseResult> =>
  parseChecklistWorkbook(buffer, { planYear });

async function parseErrors(buffer: Buffer | ArrayBuffer): Promise<ImportProblem[]> {
  const result = await parse(buffer);
  if (result.ok) throw new Error('expected errors, got success');
  return result.errors;
}

describe('parseChecklistWorkbook: content', () => {
  async function parseOk(buffer: Buffer): Promise<{ categories: string[]; tasks: ParsedTask[] }> {
    const result = await parse(buffer);
    if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
    return { categories: result.categories.map((c) => c.name), tasks: result.tasks };
  }

  describe('valid files', () => {
    it('reads a list with a title row and vertically merged category and department cells', async () => {
      const buffer = await xlsx((sheet) => {
        sheet.addRow(['2025年全省审计机关政务公开重点工作任务分工']);
        sheet.mergeCells('A1:K1');
        sheet.addRow([...HEADERS]);
        sheet.addRow(
          taskRow({
            number: '1.1',
            category: '一、用权公开',
            title: '更新机构职能信息',
            description: '及时更新机构设置、主要职责',
            lead: '办公室、法规处',
            cooperating: '人事教育处，机关党委；信息中心',
            deadline: '2025年6月30日',
            levels: '省、市、县',
            weight: 2.5,
            evidence: '栏目截图',
            target: '≥16条',
          }),
        );
        sheet.addRow(
          taskRow({ number: '1.2', title: '公开权责清单', deadline: '年底前', levels: '' }),
        );
        sheet.addRow(taskRow({ number: '1.3', title: '公开执法信息', deadline: '每季度' }));
        sheet.addRow(
          taskRow({
            number: '2.1',
            category: '重点领域信息公开',
            title: '发布审计结果公告',
            lead: '财政审计处',
            deadline: '持续推进',
            levels: '全部',
            weight: null,
            target: '不少于1次',
          }),
        );
        sheet.addRow(taskRow({ number: '2.2', title: '公开整改情况', lead: null }));
        sheet.mergeCells('B3:B5'); // 用权公开 spans three tasks
        sheet.mergeCells('B6:B7'); // 重点领域信息公开 spans two
        sheet.mergeCells('E6:E7'); // one lead department for both tasks
      });

      const { categories, tasks } = await parseOk(buffer);

      expect(categories).toEqual(['用权公开', '重点领域信息公开']);
      expect(tasks.map((t) => [t.row, t.number, t.categoryName])).toEqual([
        [3, '1.1', '用权公开'],
        [4, '1.2', '用权公开'],
        [5, '1.3', '用权公开'],
        [6, '2.1', '重点领域信息公开'],
        [7, '2.2', '重点领域信息公开'],
      ]);
      expect(tasks[0]).toEqual({
        row: 3,
        number: '1.1',
        categoryName: '用权公开',
        title: '更新机构职能信息',
        description: '及时更新机构设置、主要职责',
        leadDepartments: ['办公室', '法规处'],
        cooperatingDepartments: ['人事教育处', '机关党委', '信息中心'],
        deadline: { kind: 'DATE', date: '2025-06-30' },
        deadlineText: '2025年6月30日',
        levels: [OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY],
        weight: 2.5,
        evidence: '栏目截图',
        target: { value: 16, unit: '条', comparator: 'GTE' },
      });
      // Blank 适用层级 means city and county; blank 分值 is 0.
      expect(tasks[1]?.levels).toEqual([OrgLevel.CITY, OrgLevel.COUNTY]);
      expect(tasks[1]?.deadline).toEqual({ kind: 'DATE', date: '2025-12-31' });
      expect(tasks[2]?.deadline).toEqual({ kind: 'RECURRING', every: 'QUARTER' });
      expect(tasks[3]?.deadline).toEqual({ kind: 'CONTINUOUS' });
      expect(tasks[3]?.weight).toBe(0);
      expect(tasks[3]?.target).toEqual({ value: 1, unit: '次', comparator: 'GTE' });
      expect(tasks[3]?.levels).toEqual([OrgLevel.PROVINCE, OrgLevel.CITY, OrgLevel.COUNTY]);
      // The merged 牵头单位 cell applies to the second task too.
      expect(tasks[4]?.leadDepartments).toEqual(['财政审计处']);
      expect(tasks[4]?.cooperatingDepartments).toEqual([]);
    });

    it('reads category rows between tasks, merged across or marked with an ordinal', async () => {
      const buffer = await xlsx((sheet) => {
        sheet.addRow([...HEADERS]);
        sheet.addRow(['一、用权公开']);
        sheet.mergeCells('A2:K2');
        sheet.addRow(taskRow({ number: '1.1', title: '更新机构职能信息' }));
        sheet.addRow(taskRow({ number: '1.2', title: '公开权责清单' }));
        sheet.addRow(['（二）政策解读']); // not merged, but an ordinal
        sheet.addRow(taskRow({ number: '2.1', title: '同步解读规范性文件' }));
        sheet.addRow([]); // empty rows are skipped
        sheet.addRow(['三', null, '平台建设']); // ordinal in 序号, name in 工作任务
        sheet.addRow(taskRow({ number: '3.1', title: '门户网站栏目更新' }));
        sheet.addRow([null, '依申请公开']); // only the 类别 cell
        sheet.addRow(taskRow({ number: '4.1', title: '规范依申请公开办理' }));
        sheet.addRow(['注：分值合计 100 分。']);
        sheet.mergeCells('A13:K13');
      });

      const { categories, tasks } = await parseOk(buffer);

      expect(categories).toEqual(['用权公开', '政策解读', '平台建设', '依申请公开']);
      expect(tasks.map((t) => [t.number, t.categoryName, t.title])).toEqual([
        ['1.1', '用权公开', '更新机构职能信息'],
        ['1.2', '用权公开', '公开权责清单'],
        ['2.1', '政策解读', '同步解读规范性文件'],
        ['3.1', '平台建设', '门户网站栏目更新'],
        ['4.1', '依申请公开', '规范依申请公开办理'],
      ]);
    });

    it('accepts header variants, full-width characters and notes, below a title', async () => {
      const buffer = await xlsx((sheet) => {
        sheet.addRow(['附件']);
        sheet.addRow(['2025年工作任务分工']);
        sheet.addRow([
          '序 号',
          '任务类别',
          '＊工作任务',
          '工作要求',
          '责任单位',
          '配合部门',
          '完成时间',
          '适用范围',
          '权重（分）',
          '佐证资料',
          '量化目标',
        ]);
        sheet.addRow(
          taskRow({
            number: '１．１',
            category: '用权公开',
            deadline: '２０２５／９／３０',
            levels: '市级、县级',
            weight: '3分',
            evidence: '截图',
            target: '至少2篇',
          }),
        );
      });
      const { tasks } = await parseOk(buffer);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        row: 4,
        number: '1.1',
        deadline: { kind: 'DATE', date: '2025-09-30' },
        levels: [OrgLevel.CITY, OrgLevel.COUNTY],
        weight: 3,
        evidence: '截图',
        target: { value: 2, unit: '篇', comparator: 'GTE' },
      });
    });

    it('reads 序号 as displayed and real Excel date cells as China calendar days', async () => {
      const buffer = await checklist([
        taskRow({ number: 1, category: '用权公开', deadline: new Date(Date.UTC(2025, 5, 30)) }),
        taskRow({ number: 3.2, deadline: new Date('2025-09-30T00:00:00+08:00') }),
        taskRow({ number: 3.1, title: '第十项' }),
      ]);
      // 3.10 typed into a cell formatted '0.00' is stored as 3.1 and shown as 3.10.
      const patched = await xlsx((sheet) => {
        sheet.addRow([...HEADERS]);
        sheet.addRow(taskRow({ number: 3.2, category: '用权公开' }));
        sheet.addRow(taskRow({ number: 3.1, title: '第十项' }));
        sheet.getCell('A3').numFmt = '0.00';
      });

      const { tasks } = await parseOk(buffer);
      expect(tasks.map((t) => t.number)).toEqual(['1', '3.2', '3.1']);
      expect(tasks[0]?.deadline).toEqual({ kind: 'DATE', date: '2025-06-30' });
      expect(tasks[0]?.deadlineText).toBe('2025年6月30日');
      // Midnight in Beijing is 16:00 UTC the day before: still 30 September in China.
      expect(tasks[1]?.deadline).toEqual({ kind: 'DATE', date: '2025-09-30' });

      const { tasks: formatted } = await parseOk(patched);
      expect(formatted.map((t) => t.number)).toEqual(['3.2', '3.10']);
    });
  });

  describe('problems in the content', () => {
    it('imports a list without deadline and score columns, with one warning for each', async () => {
      const buffer = await xlsx((sheet) => {
        sheet.addRow(['重点工作任务']);
        sheet.addRow(['序号', '类别', '工作任务', '具体要求', '牵头单位', '配合单位', '适用层级']);
        sheet.addRow(['1', '类', '公开审计结果', '按规定公开', '办公室', '', '市、县']);
        sheet.addRow(['2', '', '公开审计工作报告', '', '办公室', '', '市、县']);
      });
      const result = await parse(buffer);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.tasks.map((t) => [t.number, t.deadlineText, t.weight])).toEqual([
        ['1', '持续推进', 50],
        ['2', '持续推进', 50],
      ]);
      expect(result.warnings).toEqual([
        {
          row: 0,
          column: '完成时限',
          code: 'DEFAULT_DEADLINE',
          message: '表格中没有“完成时限”列：任务内容中写明的时限已识别，其余任务按“持续推进”计',
        },
        {
          row: 0,
          column: '分值',
          code: 'DEFAULT_WEIGHT',
          message: '表格中没有“分值”列：每项任务按等权 50 分计（合计约 100 分），可在发布前调整',
        },
      ]);
    });

    it('asks for the task column when no column holds the task text', async () => {
      const buffer = await xlsx((sheet) => {
        sheet.addRow(['姓名', '电话']);
      });
      const result = await parse(buffer);
      if (result.ok) throw new Error('expected errors');
      expect(result.errors).toEqual([
        {
          row: 1,
          column: '工作任务',
          code: 'MISSING_HEADER',
          message: expect.stringContaining('没有找到任务内容所在的列') as unknown as string,
        },
      ]);
      expect(result.layout?.columns.map((c) => c.header)).toEqual(['姓名', '电话']);
      expect(result.layout?.needsMapping).toBe(true);
    });

    it('reports unreadable deadlines with the parser message', async () => {
      const buffer = await checklist([
        taskRow({ number: '1.1', category: '用权公开', deadline: '下个月' }),
        taskRow({ number: '1.2', deadline: '6月前' }),
        taskRow({ number: '1.3', deadline: '2030年1月1日' }),
        taskRow({ number: '1.4', deadline: '2025年2月30日' }),
        taskRow({ number: '1.5', deadline: null }),
      ]);
      const errors = await parseErrors(buffer);
      expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
        [2, '完成时限', 'BAD_DEADLINE'],
        [3, '完成时限', 'BAD_DEADLINE'],
        [4, '完成时限', 'BAD_DEADLINE'],
        [5, '完成时限', 'BAD_DEADLINE'],
      ]);
      expect(errors[0]?.message).toBe('第 2 行「完成时限」：无法识别的完成时限：下个月');
      expect(errors[1]?.message).toContain('含义不明确');
      expect(errors[2]?.message).toContain('前后一年内');
      expect(errors[3]?.message).toContain('日期不存在');
      // A blank deadline is a default, not an error.
      const result = await parse(buffer);
      expect(result.warnings).toContainEqual({
        row: 6,
        column: '完成时限',
        code: 'DEFAULT_DEADLINE',
        message: '第 6 行「完成时限」：未填写完成时限，按“持续推进”计',
      });
    });

    it('reports both rows of a duplicated 序号', async () => {
      const buffer = await checklist([
        taskRow({ number: '1.1', category: '用权公开' }),
        taskRow({ number: '1.2' }),
        taskRow({ number: '1.1', title: '另一项任务' }),
      ]);
      const errors = await parseErrors(buffer);
      expect(errors).toEqual([
        {
          row: 2,
          column: '序号',
          code: 'DUPLICATE_NUMBER',
          message: '第 2 行「序号」：序号“1.1”重复（第 2、4 行）',
        },
        {
          row: 4,
          column: '序号',
          code: 'DUPLICATE_NUMBER',
          message: '第 4 行「序号」：序号“1.1”重复（第 2、4 行）',
        },
      ]);
    });

    it('reports every problem of every row at once, sorted by row then column', async () => {
      const buffer = await checklist([
        taskRow({ number: '0.1', category: null }), // no category yet
        taskRow({ number: '1.1', category: '用权公开', levels: '乡镇', weight: 150 }),
        taskRow({ number: null, title: null, lead: '、', target: '若干' }),
        taskRow({ number: '1.3', title: '长'.repeat(201), weight: -1 }),
        taskRow({ number: '1.4', description: '要'.repeat(2001), weight: 'abc' }),
        taskRow({ number: '1.1', title: '序号与第 3 行重复' }),
      ]);
      const errors = await parseErrors(buffer);
      expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
        // Found last (after all rows), but sorted into its row and column.
        [3, '序号', 'DUPLICATE_NUMBER'],
        [3, '适用层级', 'BAD_LEVEL'],
        [3, '分值', 'BAD_SCORE'],
        [4, '量化指标', 'BAD_TARGET'],
        [5, '工作任务', 'TOO_LONG'],
        [5, '分值', 'BAD_SCORE'],
        [6, '具体要求', 'TOO_LONG'],
        [6, '分值', 'BAD_SCORE'],
        [7, '序号', 'DUPLICATE_NUMBER'],
      ]);
      // What real lists leave out is defaulted with a warning: no category yet, no lead, and a
      // task named by its 具体要求 only.
      const result = await parse(buffer);
      expect(result.warnings.map((w) => [w.row, w.column, w.code])).toEqual([
        [2, '类别', 'DEFAULT_CATEGORY'],
        [4, '牵头单位', 'LEAD_MISSING'],
      ]);
      expect(errors.find((e) => e.code === 'TOO_LONG')?.message).toBe(
        '第 5 行「工作任务」：不能超过 200 个字（当前 201 个字）',
      );
      expect(errors.find((e) => e.code === 'BAD_LEVEL')?.message).toContain(
        '无法识别的适用层级：乡镇',
      );
      expect(errors.find((e) => e.code === 'BAD_SCORE')?.message).toContain('0 到 100');
    });

    it('reports a sheet with a header but no tasks', async () => {
      const errors = await parseErrors(await checklist([[], ['一、用权公开']]));
      expect(errors).toEqual([
        {
          row: 0,
          column: '',
          code: 'NO_TASKS',
          message: '表格中没有任务，请在表头下方逐行填写任务',
        },
      ]);
    });

    it('refuses more than 10,000 data rows', async () => {
      const rows = Array.from({ length: 10_001 }, (_, i) =>
        taskRow({ number: `${i + 1}`, category: i === 0 ? '类别' : null }),
      );
      const errors = await parseErrors(await checklist(rows));
      expect(errors).toEqual([
        {
          row: 0,
          column: '',
          code: 'TOO_MANY_ROWS',
          message: '数据行数超过上限（10000 行），请拆分后分批导入',
        },
      ]);
    }, 30_000);
  });
});

describe('parseChecklistWorkbook', () => {
  it('accepts an ArrayBuffer and reports progress up to the total', async () => {
    const buffer = await checklist([
      taskRow({ number: '1.1', category: '用权公开' }),
      taskRow({ number: '1.2' }),
    ]);
    const arrayBuffer = buffer.buffer.slice(
      buffer.byteOffset,
      buffer.byteOffset + buffer.byteLength,
    ) as ArrayBuffer;
    const progress: Array<[number, number]> = [];
    const result = await parseChecklistWorkbook(arrayBuffer, {
      planYear: PLAN_YEAR,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.ok).toBe(true);
    expect(progress[0]).toEqual([0, 2]);
    expect(progress[progress.length - 1]).toEqual([2, 2]);
  });

  it('rejects an invalid plan year as a programming error', async () => {
    const buffer = await checklist([taskRow({ number: '1', category: '类' })]);
    await expect(parse(buffer, 25)).rejects.toThrow(RangeError);
  });
});

describe('parseChecklistWorkbook: files that are not a readable .xlsx', () => {
  const expectBadFile = async (buffer: Buffer | ArrayBuffer, message: RegExp): Promise<void> => {
    const errors = await parseErrors(buffer);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 0, column: '', code: 'BAD_FILE' });
    expect(errors[0]?.message).toMatch(message);
  };

  it('rejects an empty buffer', async () => {
    await expectBadFile(Buffer.alloc(0), /文件为空/);
    await expectBadFile(new ArrayBuffer(0), /文件为空/);
  });

  it('rejects random bytes and a renamed text file', async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    await expectBadFile(random, /不是有效的 Excel 文件/);
    const text = Buffer.from('序号,类别,工作任务\n1.1,用权公开,更新机构职能信息\n', 'utf8');
    await expectBadFile(text, /不是有效的 Excel 文件/);
  });

  it('rejects an old .xls (or encrypted) file with advice to save as .xlsx', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    await expectBadFile(ole, /\.xls/);
  });

  it('rejects a ZIP that is not a workbook, and a workbook that is cut off', async () => {
    const docx = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    await expectBadFile(docx, /不是有效的 Excel 文件/);
    const valid = await checklist([taskRow({ number: '1', category: '类' })]);
    await expectBadFile(valid.subarray(0, Math.floor(valid.length / 2)), /损坏/);
  });

  it('rejects a ZIP with workbook part names but no real content', async () => {
    const fake = zip({
      '[Content_Types].xml': 'not xml at all',
      'xl/workbook.xml': '<<<',
      'xl/worksheets/sheet1.xml': '<<<',
    });
    const errors = await parseErrors(fake);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('BAD_FILE');
  });

  it('rejects files over 10 MB and ZIPs that would inflate beyond the limit', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    big.writeUInt32LE(0x04034b50, 0);
    await expectBadFile(big, /10 MB/);
    const bomb = zip(
      { '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' },
      { claimedSize: 0xfffffff0 },
    );
    await expectBadFile(bomb, /解压后内容过大/);
  });
});

/** A task row (row 2) of inline strings after the standard header, with `extra` cells appended. */
const taskXml = (extra = ''): string =>
  headerRowXml(1) +
  `<row r="2">${inline('A2', '1.1')}${inline('B2', '用权公开')}${inline('C2', '更新机构职能信息')}` +
  `${inline('E2', '办公室')}${inline('G2', '6月底前')}${extra}</row>`;

describe('parseChecklistWorkbook with hand-written files', () => {
  it('imports a hand-written file with inline strings', async () => {
    const result = await parseChecklistWorkbook(rawXlsx({ sheetData: taskXml() }), {
      planYear: 2025,
    });
    expect(result).toMatchObject({
      ok: true,
      categories: [{ name: '用权公开', order: 1 }],
      tasks: [
        {
          number: '1.1',
          title: '更新机构职能信息',
          deadline: { kind: 'DATE', date: '2025-06-30' },
        },
      ],
    });
  });

  it('reports a workbook without sheets', async () => {
    const result = await parseChecklistWorkbook(rawXlsx({ noSheets: true }), { planYear: 2025 });
    expect(result).toEqual({
      ok: false,
      layout: null,
      warnings: [],
      errors: [{ row: 0, column: '', code: 'BAD_FILE', message: '文件中没有工作表' }],
    });
  });

  it('refuses a merge bomb outright', async () => {
    // One merge over a million rows: the reader would build 15 million merged cells.
    const file = rawXlsx({
      sheetData: `${headerRowXml(1)}<row r="2"><c r="A2" t="x"><v>1</v></c></row>`,
      afterSheetData: '<mergeCells count="1"><mergeCell ref="L3:Z1048576"/></mergeCells>',
    });
    const started = Date.now();
    const result = await parseChecklistWorkbook(file, { planYear: 2025 });
    expect(result).toEqual({
      ok: false,
      layout: null,
      warnings: [],
      errors: [
        {
          row: 0,
          column: '',
          code: 'BAD_FILE',
          message: '文件中的合并单元格过多，无法导入，请取消不必要的合并后重试',
        },
      ],
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('skips the empty rows between a table and a stray cell far below it', async () => {
    const file = rawXlsx({
      sheetData: `${taskXml()}<row r="1000000">${inline('A1000000', '注：此处为表外说明')}</row>`,
    });
    const progress: number[] = [];
    const result = await parseChecklistWorkbook(file, {
      planYear: 2025,
      onProgress: (_done, total) => progress.push(total),
    });
    expect(result).toMatchObject({ ok: true, tasks: [{ number: '1.1' }] });
    expect(progress[0]).toBe(2);
  });

  it('refuses a sheet with more than 50,000 rows before reading it', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const result = await parseChecklistWorkbook(rawXlsx({ sheetData: rows }), { planYear: 2025 });
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'TOO_MANY_ROWS' }] });
  });

  it('reports a file the reader gives up on as BAD_FILE with a Chinese message', async () => {
    const merges = Array.from(
      { length: 50_000 },
      (_, i) => `<mergeCell ref="A${i + 3}:B${i + 3}"/>`,
    );
    const file = rawXlsx({
      sheetData: taskXml(),
      afterSheetData: `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>`,
      deflate: true,
    });
    const result = await parseChecklistWorkbook(file, {
      planYear: 2025,
      limits: { maxMergedRanges: Number.POSITIVE_INFINITY, timeoutMs: 1_000 },
    });
    expect(result).toEqual({
      ok: false,
      layout: null,
      warnings: [],
      errors: [
        {
          row: 0,
          column: '',
          code: 'BAD_FILE',
          message: '读取文件超时，文件可能过于复杂，请删除无关内容或拆分后重试',
        },
      ],
    });
  });
});

describe('parseChecklistWorkbook: a 5,000-row file', () => {
  // The time it takes is measured by the benchmark (tools/bench, docs/benchmarks.md).
  it('parses every task, reports progress, and leaves the event loop responsive', async () => {
    const ROWS = 5_000;
    const deadlines = ['6月底前', '年底前', '每季度', '持续推进', '2025年9月30日', '三季度末'];
    const levels = ['省、市、县', '市县', '全部', '县级', ''];
    const rows = Array.from({ length: ROWS }, (_, i) =>
      taskRow({
        number: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
        category: i % 100 === 0 ? `第${Math.floor(i / 100) + 1}类工作` : null,
        title: `重点工作任务第${i + 1}项：公开审计结果及整改情况`,
        description: '按照政务公开标准目录要求，及时、准确、完整公开相关信息。'.repeat(3),
        lead: '办公室、法规处',
        cooperating: '各业务处室',
        deadline: deadlines[i % deadlines.length],
        levels: levels[i % levels.length],
        weight: 0.02,
        evidence: '栏目截图及链接',
        target: i % 10 === 0 ? '≥16条' : null,
      }),
    );
    const buffer = await checklist(rows);

    const progress: Array<[number, number]> = [];
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const result = await parseChecklistWorkbook(buffer, {
      planYear: 2025,
      onProgress: (done, total) => progress.push([done, total]),
    });
    delay.disable();

    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.tasks).toHaveLength(ROWS);
    expect(result.categories).toHaveLength(50);
    expect(result.tasks[ROWS - 1]).toMatchObject({ number: '50.100', categoryName: '第50类工作' });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toEqual([0, ROWS]);
    expect(progress[progress.length - 1]).toEqual([ROWS, ROWS]);
    const done = progress.map(([value]) => value);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // Reading the file (about a second of exceljs) happens in the worker; what remains on the
    // event loop are the checklist rules, which yield every 2,000 rows. Generous for a busy machine.
    expect(delay.max / 1e6).toBeLessThan(1_000);
  }, 60_000);
});
