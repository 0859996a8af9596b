import { closeWorkbookReader } from '@sunshine/api/plan-excel';
import { parseIndicatorSystem } from '../parse-indicator-system';
import { sheetOf, xlsx } from './helpers';

afterAll(() => closeWorkbookReader());

describe('parseIndicatorSystem', () => {
  it('builds the tree from merged cells, sums parents, reads veto items and checks the total', async () => {
    const file = await xlsx(
      sheetOf(
        '指标体系',
        [
          ['2025年度政务公开第三方评估指标体系'],
          ['一级指标', '二级指标', '三级指标', '分值', '评价标准', '单项否决'],
          ['依申请公开（20分）', '渠道畅通', '在线申请', 5, '提供在线申请渠道', ''],
          [null, null, '信函申请', 5, '公布信函地址', ''],
          [null, '答复规范', null, 10, '按期答复；告知救济途径', ''],
          ['平台建设', '网站可用', null, 0, '站点无法访问的', '是'],
          [null, '首页更新', null, 0, '首页两周未更新的，实行单项否决', ''],
          [null, '栏目维护', null, 30, '栏目更新及时、无空白栏目', ''],
          ['年度报告', null, null, 15, '按时发布、格式规范', ''],
          ['合计', null, null, 65, null, null],
          ['注：单项否决项不计分。'],
        ],
        (sheet) => {
          sheet.mergeCells('A1:F1');
          sheet.mergeCells('A3:A5');
          sheet.mergeCells('B3:B4');
          sheet.mergeCells('A6:A8');
        },
      ),
    );
    const result = await parseIndicatorSystem(file);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.headerRow).toBe(2);
    const shape = (nodes: typeof result.indicators): unknown[] =>
      nodes.map((n) => [
        n.code,
        n.name,
        n.points,
        n.veto,
        ...(n.children.length ? [shape(n.children)] : []),
      ]);
    expect(shape(result.indicators)).toEqual([
      [
        '1',
        '依申请公开',
        20,
        false,
        [
          [
            '1.1',
            '渠道畅通',
            10,
            false,
            [
              ['1.1.1', '在线申请', 5, false],
              ['1.1.2', '信函申请', 5, false],
            ],
          ],
          ['1.2', '答复规范', 10, false],
        ],
      ],
      [
        '2',
        '平台建设',
        30,
        false,
        [
          ['2.1', '网站可用', 0, true],
          ['2.2', '首页更新', 0, true],
          ['2.3', '栏目维护', 30, false],
        ],
      ],
      ['3', '年度报告', 15, false],
    ]);
    expect(result.indicators[0]?.pointsGiven).toBe(true);
    expect(result.indicators[1]?.pointsGiven).toBe(false);
    expect(result.indicators[0]?.children[1]?.standard).toBe('按期答复；告知救济途径');
    expect(result).toMatchObject({ total: 65, leafCount: 7, vetoCount: 2 });
    expect(result.warnings.map((w) => [w.row, w.code])).toEqual([
      [0, 'TOTAL_NOT_100'],
      [7, 'VETO_FROM_TEXT'],
    ]);
    expect(result.warnings[0]?.message).toBe('一级指标合计 65 分，不是 100 分，请核对');
  });

  it('reads per-level points columns, warns on mismatches, a wrong 合计 row and leaves without points', async () => {
    const file = await xlsx(
      sheetOf('Sheet1', [
        ['一级指标', '一级指标分值', '二级指标', '分值', '评分标准'],
        ['依申请公开', 60, '答复规范', 30, ''],
        ['', '', '统计准确', 20, ''],
        ['年度报告', 40, '按时发布', 40, ''],
        ['', '', '格式规范', '', ''],
        ['总计', '', '', 90, ''],
      ]),
    );
    const result = await parseIndicatorSystem(file);
    expect(result.ok).toBe(true);
    expect(result.total).toBe(100);
    expect(result.indicators.map((n) => [n.name, n.points, n.children.map((c) => c.name)])).toEqual(
      [
        ['依申请公开', 60, ['答复规范', '统计准确']],
        ['年度报告', 40, ['按时发布', '格式规范']],
      ],
    );
    expect(result.warnings.map((w) => [w.row, w.code])).toEqual([
      [2, 'POINTS_MISMATCH'],
      [5, 'POINTS_MISSING'],
      [6, 'TOTAL_ROW_MISMATCH'],
    ]);
  });

  it('reports bad points, a missing parent and a missing header as errors in Chinese', async () => {
    const file = await xlsx(
      sheetOf('Sheet1', [
        ['一级指标', '二级指标', '分值'],
        ['', '无主指标', 5],
        ['依申请公开', '答复规范', '很多'],
        ['年度报告', '按时发布', 150],
      ]),
    );
    const result = await parseIndicatorSystem(file);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '二级指标', 'PARENT_MISSING'],
      [3, '分值', 'BAD_POINTS'],
      [4, '分值', 'BAD_POINTS'],
    ]);
    expect(result.errors[1]?.message).toBe(
      '第 3 行「分值」：“很多”不是有效的分值，请填写 0 到 100 之间的数字',
    );
    const blank = await parseIndicatorSystem(await xlsx(sheetOf('Sheet1', [['甲', '乙']])));
    expect(blank.errors.map((e) => e.code)).toEqual(['MISSING_HEADER']);
    const notXlsx = await parseIndicatorSystem(Buffer.from('not a workbook'));
    expect(notXlsx.errors[0]).toMatchObject({
      code: 'BAD_FILE',
      message: expect.stringContaining('不是有效的 Excel 文件'),
    });
  });
});

describe('parseIndicatorSystem: hostile files', () => {
  it('goes through the guarded reader: a ZIP bomb is refused in Chinese', async () => {
    const { deflateRawSync } = await import('node:zlib');
    const { zip } = await import('./helpers');
    const bomb = zip({
      '[Content_Types].xml': Buffer.from('<Types/>'),
      'xl/workbook.xml': Buffer.from('<workbook/>'),
      'xl/worksheets/sheet1.xml': {
        deflated: deflateRawSync(Buffer.alloc(120 * 1024 * 1024)),
        size: 10,
      },
    });
    const result = await parseIndicatorSystem(bomb);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'BAD_FILE',
        message: expect.stringContaining('解压后内容过大'),
      }),
    ]);
  });
});

describe('the sample indicator system and its template', () => {
  it('imports as 11 scored first-level indicators worth 100 points and 5 veto items', async () => {
    const { buildSampleIndicatorSystem } = await import('../sample-indicators');
    const result = await parseIndicatorSystem(await buildSampleIndicatorSystem());
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.total).toBe(100);
    expect(result.indicators.map((n) => [n.name, n.points])).toEqual([
      ['依申请公开', 20],
      ['年度报告', 15],
      ['目录建设', 12],
      ['规范性文件', 10],
      ['政策解读', 10],
      ['舆情回应', 8],
      ['两微一端', 6],
      ['财政预决算', 5],
      ['权责清单', 5],
      ['重点领域', 5],
      ['工作要点', 4],
      ['单项否决', 0],
    ]);
    expect(result).toMatchObject({ leafCount: 28, vetoCount: 5 });
  });

  it('gives a template that is recognised and holds no indicator yet', async () => {
    const { writeIndicatorSystemTemplate } = await import('../sample-indicators');
    const result = await parseIndicatorSystem(await writeIndicatorSystemTemplate());
    expect(result.errors.map((e) => e.code)).toEqual(['NO_INDICATORS']);
  });
});
