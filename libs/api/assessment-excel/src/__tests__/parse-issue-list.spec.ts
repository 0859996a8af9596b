import { deflateRawSync } from 'node:zlib';
import { closeWorkbookReader } from '@sunshine/api/plan-excel';
import { parseIssueList } from '../parse-issue-list';
import type { IssueListContext } from '../types';
import { ANHUI, NATIONAL, sheetOf, unitId, xlsx, zip } from './helpers';

const context: IssueListContext = { units: ANHUI };
afterAll(() => closeWorkbookReader());

const HEADER = ['序号', '一级指标', '二级指标', '评价标准', '存在问题', '问题位置', '扣分'];

describe('parseIssueList: a sheet per bureau', () => {
  it('reads each sheet as its unit, skipping title, blank, "无" and note rows, carrying merged indicators down', async () => {
    const file = await xlsx((workbook) => {
      sheetOf(
        '瑶海区审计局',
        [
          ['瑶海区审计局政务公开第三方评估问题清单'],
          HEADER,
          [
            1,
            '政策解读',
            '解读发布',
            '文件与解读同步发布',
            '《瑶海区审计局2025年工作要点》未同步发布政策解读',
            'http://yaohai.hefei.gov.cn/zwgk/zcjd',
            0.5,
          ],
          [2, null, '解读形式', '有图文解读', '无', '', null],
          [],
          [3, null, '解读质量', '解读内容准确', '解读内容照搬原文', '政策解读-文字解读', '扣1分'],
          [
            4,
            '依申请公开',
            '答复规范',
            '告知救济途径',
            '2025年第3号答复书未告知救济途径',
            '依申请公开-答复',
            1,
          ],
          ['注：扣分合计以复核结果为准。'],
        ],
        (sheet) => {
          sheet.mergeCells('A1:G1');
          sheet.mergeCells('B3:B6');
        },
      )(workbook);
      sheetOf('肥东县', [
        HEADER,
        [
          1,
          '平台建设',
          '站内搜索',
          '搜索可用',
          '站内搜索功能无法使用',
          'https://www.feidong.gov.cn/',
          2,
        ],
      ])(workbook);
      sheetOf('填写说明', [['本表由第三方评估机构填写']])(workbook);
    });
    const result = await parseIssueList(file, context);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(
      result.sheets.map((s) => [s.name, s.unitSource, s.unit?.code, s.headerRow, s.skipped]),
    ).toEqual([
      ['瑶海区审计局', 'SHEET_NAME', '340102', 2, false],
      ['肥东县', 'SHEET_NAME', '340122', 1, false],
      ['填写说明', null, undefined, 0, true],
    ]);
    expect(
      result.issues.map((i) => [i.sheet, i.row, i.unit.code, i.indicatorPath, i.points]),
    ).toEqual([
      ['瑶海区审计局', 3, '340102', ['政策解读', '解读发布'], 0.5],
      ['瑶海区审计局', 6, '340102', ['政策解读', '解读质量'], 1],
      ['瑶海区审计局', 7, '340102', ['依申请公开', '答复规范'], 1],
      ['肥东县', 2, '340122', ['平台建设', '站内搜索'], 2],
    ]);
    const [first, , third, fourth] = result.issues;
    expect(first).toMatchObject({
      type: 'NO_INTERPRETATION',
      typeBasis: 'GUESSED',
      urls: ['http://yaohai.hefei.gov.cn/zwgk/zcjd'],
      standard: '文件与解读同步发布',
      split: false,
      partCount: 1,
      unitText: '瑶海区审计局',
    });
    expect(third?.type).toBe('APPLICATION_LATE');
    expect(fourth?.type).toBe('SEARCH_BROKEN');
    expect(result.summary).toMatchObject({
      sheets: 2,
      issues: 4,
      noProblemRows: 1,
      skippedRows: 1,
      pointsTotal: 4.5,
      byUnit: [
        { unitId: unitId('340102'), unitName: '瑶海区审计局', issues: 3, points: 2.5 },
        { unitId: unitId('340122'), unitName: '肥东县审计局', issues: 1, points: 2 },
      ],
    });
    expect(result.warnings.filter((w) => w.code === 'SHEET_SKIPPED')).toEqual([]);
  });

  it('takes the unit from a title row when the sheet name is not a unit, and warns', async () => {
    const file = await xlsx(
      sheetOf('Sheet1', [
        ['包河区审计局2025年度政务公开评估问题清单'],
        HEADER,
        [1, '年度报告', '', '', '2024年年报表三勾稽不平', '', ''],
      ]),
    );
    const result = await parseIssueList(file, context);
    expect(result.ok).toBe(true);
    expect(result.issues[0]?.unit.code).toBe('340111');
    expect(result.sheets[0]).toMatchObject({ unitSource: 'TITLE' });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'UNIT_FROM_SHEET', row: 0 }),
    );
  });

  it('refuses a sheet whose unit cannot be told, naming the candidates of an ambiguous sheet name', async () => {
    const file = await xlsx((workbook) => {
      sheetOf('黄山', [HEADER, [1, '平台建设', '', '', '首页两周未更新', '', '']])(workbook);
      sheetOf('第二组', [HEADER, [1, '平台建设', '', '', '首页两周未更新', '', '']])(workbook);
    });
    const result = await parseIssueList(file, context);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([]);
    expect(result.errors.map((e) => [e.sheet, e.code])).toEqual([
      ['黄山', 'SHEET_UNIT_MISSING'],
      ['第二组', 'SHEET_UNIT_MISSING'],
    ]);
    expect(result.errors[0]?.candidates?.map((c) => c.code).sort()).toEqual(['3410', '341003']);
    expect(result.errors[0]?.message).toMatch(
      /^工作表「黄山」「被评估单位」：工作表「黄山」没有“被评估单位”列/,
    );
  });
});

describe('parseIssueList: one sheet for all bureaus', () => {
  const header = [
    '序号',
    '所属市',
    '被评估单位',
    '评估指标',
    '评分标准',
    '问题描述',
    '链接',
    '扣分值',
    '整改时限',
  ];

  it('matches units as written, using the city column for ambiguous names, and reports every error in one pass', async () => {
    const file = await xlsx(
      sheetOf('问题清单', [
        ['2025年度全省审计机关政务公开第三方评估问题清单'],
        header,
        [1, '合肥市', '合肥市审计局', '政策解读', '', '政策文件未同步解读', '', 1, '5个工作日内'],
        [2, '合肥市', '瑶海区', '政策解读', '', '解读材料缺失', '', 0.5, null],
        [3, '', '黄山审计局', '平台建设', '', '站内搜索不可用', '', 1, null],
        [4, '黄山市', '黄山区审计局', '平台建设', '', '站内搜索不可用', '', 1, null],
        [5, '蚌埠市', '高新区', '依申请公开', '', '答复超期', '', '一分', null],
        [6, '', '瑶海县审计局', '依申请公开', '', '答复超期', '', 200, null],
        [
          7,
          '',
          '合肥市肥西县',
          '年度报告',
          '',
          '年报未按时发布',
          '',
          null,
          new Date(Date.UTC(2025, 5, 30)),
        ],
      ]),
    );
    const result = await parseIssueList(file, context);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [5, '被评估单位', 'UNIT_AMBIGUOUS'],
      [7, '扣分', 'BAD_POINTS'],
      [8, '被评估单位', 'UNIT_UNKNOWN'],
      [8, '扣分', 'BAD_POINTS'],
    ]);
    const ambiguous = result.errors[0];
    expect(ambiguous?.candidates?.map((c) => c.name)).toEqual(['黄山市审计局', '黄山区审计局']);
    expect(ambiguous?.message).toMatch(/^第 5 行「被评估单位」：单位“黄山审计局”对应多个单位/);
    expect(result.errors[2]?.suggestions?.[0]?.name).toBe('瑶海区审计局');
    expect(result.issues.map((i) => [i.row, i.unit.code, i.deadlineText])).toEqual([
      [3, '3401', '5个工作日内'],
      [4, '340102', ''],
      [6, '341003', ''],
      [7, '340371', ''],
      [9, '340123', '2025-06-30'],
    ]);
  });

  it('uses a sheet named after a city as the city of its rows', async () => {
    const file = await xlsx(
      sheetOf('黄山市', [
        ['被评估单位', '存在问题'],
        ['黄山', '首页两周未更新'],
      ]),
    );
    // 黄山 is still both the city and its district: the sheet's city does not choose between them.
    const ambiguous = await parseIssueList(file, context);
    expect(ambiguous.errors.map((e) => e.code)).toEqual(['UNIT_AMBIGUOUS']);
    const zone = await xlsx(
      sheetOf('蚌埠市', [
        ['被评估单位', '存在问题'],
        ['高新区审计局', '首页两周未更新'],
      ]),
    );
    const resolved = await parseIssueList(zone, context);
    expect(resolved.errors).toEqual([]);
    expect(resolved.issues[0]?.unit.code).toBe('340371');
  });

  it('resolves a county name shared by two cities with the city column or a prefix', async () => {
    const file = await xlsx(
      sheetOf('问题清单', [
        ['所属市', '被评估单位', '存在问题'],
        ['徐州市', '鼓楼区审计局', '政策解读栏目空白'],
        ['', '南京市鼓楼区审计局', '政策解读栏目空白'],
        ['', '鼓楼区', '政策解读栏目空白'],
      ]),
    );
    const result = await parseIssueList(file, { units: NATIONAL });
    expect(result.issues.map((i) => i.unit.id)).toEqual(['org-320302', 'org-320106']);
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 4, code: 'UNIT_AMBIGUOUS', candidates: expect.any(Array) }),
    ]);
  });

  it('carries merged unit cells down and warns when a blank unit repeats the row above', async () => {
    const file = await xlsx(
      sheetOf(
        '问题清单',
        [
          ['被评估单位', '一级指标', '存在问题'],
          ['肥西县审计局', '平台建设', '首页两周未更新'],
          [null, null, '站内搜索不可用'],
          [null, '政务新媒体', '公众号半年未更新'],
          [null, null, '留言未回复'],
        ],
        (sheet) => {
          sheet.mergeCells('A2:A4');
          sheet.mergeCells('B2:B3');
        },
      ),
    );
    const result = await parseIssueList(file, context);
    expect(result.issues.map((i) => [i.row, i.unit.code, i.indicatorPath[0]])).toEqual([
      [2, '340123', '平台建设'],
      [3, '340123', '平台建设'],
      [4, '340123', '政务新媒体'],
      [5, '340123', '政务新媒体'],
    ]);
    expect(result.warnings.filter((w) => w.code === 'UNIT_FROM_ABOVE').map((w) => w.row)).toEqual([
      5,
    ]);
    expect(
      result.warnings.filter((w) => w.code === 'INDICATOR_FROM_ABOVE').map((w) => w.row),
    ).toEqual([5]);
  });

  it('refuses units outside the round', async () => {
    const file = await xlsx(
      sheetOf('清单', [
        ['单位', '存在问题'],
        ['肥东县', '栏目空白'],
        ['肥西县', '栏目空白'],
      ]),
    );
    const result = await parseIssueList(file, { units: ANHUI, scopeUnitIds: [unitId('340122')] });
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([[3, 'UNIT_OUT_OF_SCOPE']]);
  });
});

describe('parseIssueList: multi-problem cells', () => {
  it('splits a cell into issues marked split, pairing locations and points when split alike', async () => {
    const file = await xlsx(
      sheetOf('庐阳区审计局', [
        ['一级指标', '存在问题', '问题位置', '扣分'],
        [
          '政务公开平台',
          '1.“通知公告”栏目更新不及时；2.“审计结果公告”栏目空白；3.规范性文件未标注有效性',
          'http://a.gov.cn/tzgg；http://a.gov.cn/sjjg；政策法规-规范性文件立改废',
          1.5,
        ],
        ['依申请公开', '答复超期；未告知救济途径', '依申请公开-年度统计', '0.5；0.5'],
      ]),
    );
    const result = await parseIssueList(file, context);
    expect(result.ok).toBe(true);
    expect(
      result.issues.map((i) => [
        i.row,
        i.part,
        i.partCount,
        i.split,
        i.description,
        i.type,
        i.urls,
        i.points,
      ]),
    ).toEqual([
      [
        2,
        1,
        3,
        true,
        '“通知公告”栏目更新不及时',
        'COLUMN_NOT_UPDATED',
        ['http://a.gov.cn/tzgg'],
        1.5,
      ],
      [2, 2, 3, true, '“审计结果公告”栏目空白', 'EMPTY_COLUMN', ['http://a.gov.cn/sjjg'], null],
      [2, 3, 3, true, '规范性文件未标注有效性', 'NO_VALIDITY_MARK', [], null],
      [3, 1, 2, true, '答复超期', 'APPLICATION_LATE', [], 0.5],
      [3, 2, 2, true, '未告知救济途径', 'APPLICATION_LATE', [], 0.5],
    ]);
    expect(result.issues[2]?.location).toBe('政策法规-规范性文件立改废');
    expect(result.issues[3]?.sourceText).toBe('答复超期；未告知救济途径');
    expect(result.summary).toMatchObject({
      splitRows: 2,
      splitIssues: 5,
      issues: 5,
      pointsTotal: 2.5,
    });
    const codes = result.warnings.map((w) => [w.row, w.code]);
    expect(codes).toContainEqual([2, 'SPLIT']);
    expect(codes).toContainEqual([2, 'POINTS_ON_FIRST']);
    expect(codes).toContainEqual([3, 'SPLIT']);
    expect(codes).not.toContainEqual([3, 'POINTS_ON_FIRST']);
  });

  it('does not split when asked not to', async () => {
    const file = await xlsx(sheetOf('庐阳区', [['存在问题'], ['栏目空白；链接失效']]));
    const result = await parseIssueList(file, { units: ANHUI, splitCells: false });
    expect(result.issues.map((i) => i.description)).toEqual(['栏目空白；链接失效']);
  });

  it('takes the 问题类型 column when it names a type, and warns when it does not', async () => {
    const file = await xlsx(
      sheetOf('庐阳区', [
        ['问题类型', '问题描述'],
        ['错链', '首页“政务公开”入口指向旧站'],
        ['网站问题', '首页“政务公开”入口无法打开'],
        ['', '相关内容有待完善'],
      ]),
    );
    const result = await parseIssueList(file, context);
    expect(result.issues.map((i) => [i.type, i.typeBasis])).toEqual([
      ['BROKEN_LINK', 'EXACT'],
      ['BROKEN_LINK', 'GUESSED'],
      ['OTHER', 'NONE'],
    ]);
    expect(result.warnings.map((w) => [w.row, w.code])).toEqual([
      [3, 'TYPE_LABEL_UNKNOWN'],
      [4, 'TYPE_OTHER'],
    ]);
  });
});

describe('parseIssueList: bad and hostile files', () => {
  it('answers a file without a header with MISSING_HEADER', async () => {
    const file = await xlsx(
      sheetOf('Sheet1', [
        ['甲', '乙'],
        ['1', '2'],
      ]),
    );
    const result = await parseIssueList(file, context);
    expect(result.errors.map((e) => e.code)).toEqual(['MISSING_HEADER']);
    expect(result.warnings.map((w) => w.code)).toEqual(['SHEET_SKIPPED']);
  });

  it('refuses a file that is not an .xlsx with a Chinese message', async () => {
    const result = await parseIssueList(Buffer.from('序号,存在问题\n1,栏目空白\n'), context);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'BAD_FILE',
        message: expect.stringContaining('不是有效的 Excel 文件'),
      }),
    ]);
  });

  it('refuses an old .xls or encrypted file', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const result = await parseIssueList(ole, context);
    expect(result.errors[0]?.message).toContain('不支持旧版 Excel（.xls）');
  });

  it('refuses a ZIP bomb before exceljs inflates it', async () => {
    const bomb = zip({
      '[Content_Types].xml': Buffer.from('<Types/>'),
      'xl/workbook.xml': Buffer.from('<workbook/>'),
      // 120 MB of zeros in about 120 kB; the sizes are counted while inflating, not trusted.
      'xl/worksheets/sheet1.xml': {
        deflated: deflateRawSync(Buffer.alloc(120 * 1024 * 1024)),
        size: 1000,
      },
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = await parseIssueList(bomb, context);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'BAD_FILE',
        message: expect.stringContaining('解压后内容过大'),
      }),
    ]);
  });

  it('refuses a sheet over the row limit and a file over the size limit', async () => {
    const rows = [['存在问题'], ...Array.from({ length: 300 }, (_, i) => [`问题${i}`])];
    const file = await xlsx(sheetOf('肥东县', rows));
    const tooMany = await parseIssueList(file, { units: ANHUI, limits: { maxRows: 100 } });
    expect(tooMany.errors[0]?.message).toContain('工作表行数超过上限（100 行）');
    const tooLarge = await parseIssueList(file, { units: ANHUI, limits: { maxFileBytes: 1000 } });
    expect(tooLarge.errors[0]?.message).toMatch(/^文件超过 .* MB，无法导入/);
  });

  it('reads a formula cell as its cached value and never evaluates it', async () => {
    const file = await xlsx(
      sheetOf('肥东县', [['存在问题', '问题位置']], (sheet) => {
        sheet.addRow([
          { formula: 'HYPERLINK("http://evil.example/","点此")', result: '首页链接失效' },
          { formula: 'CONCAT("http://a.gov.cn/","x")', result: 'http://a.gov.cn/x' },
        ]);
        sheet.addRow(["=cmd|'/c calc'!A1", '']);
      }),
    );
    const result = await parseIssueList(file, context);
    expect(result.issues.map((i) => [i.description, i.urls])).toEqual([
      ['首页链接失效', ['http://a.gov.cn/x']],
      ["=cmd|'/c calc'!A1", []],
    ]);
  });

  it('reports progress up to the total', async () => {
    const rows = [
      ['存在问题'],
      ...Array.from({ length: 1200 }, (_, i) => [`首页第${i}条信息未更新`]),
    ];
    const file = await xlsx(sheetOf('肥东县', rows));
    const seen: Array<[number, number]> = [];
    const result = await parseIssueList(file, {
      units: ANHUI,
      onProgress: (d, t) => seen.push([d, t]),
    });
    expect(result.issues).toHaveLength(1200);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toEqual([1200, 1200]);
    expect(seen.every(([d, t], i) => d <= t && (i === 0 || d >= (seen[i - 1]?.[0] ?? 0)))).toBe(
      true,
    );
  });
});

describe('parseIssueList: the round scope', () => {
  it('resolves an ambiguous name when only one candidate is in the round, with a warning', async () => {
    const file = await xlsx(
      sheetOf('清单', [
        ['单位', '存在问题'],
        ['黄山', '栏目空白'],
      ]),
    );
    const result = await parseIssueList(file, {
      units: ANHUI,
      scopeUnitIds: [unitId('341003'), unitId('341002')],
    });
    expect(result.errors).toEqual([]);
    expect(result.issues[0]?.unit.code).toBe('341003');
    expect(result.warnings.map((w) => w.code)).toContain('UNIT_FROM_SCOPE');
    const both = await parseIssueList(file, {
      units: ANHUI,
      scopeUnitIds: [unitId('341003'), unitId('3410')],
    });
    expect(both.errors.map((e) => e.code)).toEqual(['UNIT_AMBIGUOUS']);
  });
});

describe('parseIssueList: more hostile files', () => {
  it('refuses a file with too many merged cells before exceljs builds them', async () => {
    const file = await xlsx(
      sheetOf('肥东县', [['存在问题']], (sheet) => {
        for (let r = 2; r < 60; r += 2) sheet.mergeCells(r, 1, r + 1, 1);
      }),
    );
    const result = await parseIssueList(file, { units: ANHUI, limits: { maxMergedRanges: 10 } });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'BAD_FILE',
        message: expect.stringContaining('合并单元格过多'),
      }),
    ]);
  });

  it('refuses an empty upload and a truncated file', async () => {
    const empty = await parseIssueList(Buffer.alloc(0), context);
    expect(empty.errors[0]?.message).toContain('文件为空');
    const good = await xlsx(sheetOf('肥东县', [['存在问题'], ['栏目空白']]));
    const truncated = await parseIssueList(good.subarray(0, Math.floor(good.length / 2)), context);
    expect(truncated.errors[0]?.code).toBe('BAD_FILE');
    expect(truncated.errors[0]?.message).toMatch(/损坏|不是有效的 Excel/);
  });
});

describe('parseIssueList: section rows', () => {
  it('takes the unit from section rows naming it above its problems', async () => {
    const file = await xlsx(
      sheetOf(
        '问题清单',
        [
          ['2025年度政务公开第三方评估问题清单'],
          ['序号', '一级指标', '存在问题'],
          ['一、瑶海区审计局'],
          [1, '平台建设', '首页两周未更新'],
          [2, null, '站内搜索不可用'],
          ['二、肥东县审计局'],
          [1, '政策解读', '政策文件未同步解读'],
        ],
        (sheet) => {
          sheet.mergeCells('A3:C3');
          sheet.mergeCells('A6:C6');
        },
      ),
    );
    const result = await parseIssueList(file, context);
    expect(result.errors).toEqual([]);
    expect(result.issues.map((i) => [i.row, i.unit.code, i.indicatorPath])).toEqual([
      [4, '340102', ['平台建设']],
      [5, '340102', ['平台建设']],
      [7, '340122', ['政策解读']],
    ]);
    expect(result.sheets[0]?.unitSource).toBe('SECTION_ROWS');
  });
});

describe('parseIssueList: an empty unit column', () => {
  it('falls back to the sheet named after the unit', async () => {
    const file = await xlsx(
      sheetOf('肥西县审计局', [
        ['被评估单位', '存在问题'],
        ['', '栏目空白'],
      ]),
    );
    const result = await parseIssueList(file, context);
    expect(result.errors).toEqual([]);
    expect(result.issues[0]?.unit.code).toBe('340123');
  });
});
