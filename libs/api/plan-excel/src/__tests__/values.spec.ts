import { OrgLevel } from '@sunshine/shared/domain';
import { columnForHeader, normalizeHeader } from '../columns';
import { formatNumber } from '../workbook';
import {
  cleanCategoryName,
  formatTarget,
  hasChineseOrdinal,
  parseLevels,
  parseTarget,
  parseWeight,
  splitDepartments,
} from '../values';

const { PROVINCE, CITY, COUNTY, NATIONAL } = OrgLevel;

describe('parseLevels', () => {
  it.each([
    ['省、市、县', [PROVINCE, CITY, COUNTY]],
    ['市县', [CITY, COUNTY]],
    ['全部', [PROVINCE, CITY, COUNTY]],
    ['市级、县级', [CITY, COUNTY]],
    ['县级', [COUNTY]],
    ['县（市、区）', [COUNTY]],
    ['省级，市级', [PROVINCE, CITY]],
    ['县、市', [CITY, COUNTY]],
    ['省市县三级', [PROVINCE, CITY, COUNTY]],
    ['市局 县局', [CITY, COUNTY]],
    ['国家级、省级', [NATIONAL, PROVINCE]],
    ['', [CITY, COUNTY]],
    ['  ', [CITY, COUNTY]],
  ])('%s', (text, expected) => {
    expect(parseLevels(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['乡镇', '市、乡镇', '部分', '1'])('rejects %s', (text) => {
    const result = parseLevels(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`无法识别的适用层级：${text}`);
  });
});

describe('parseWeight', () => {
  it.each<[number | string, number]>([
    [5, 5],
    [0, 0],
    [100, 100],
    [2.5, 2.5],
    ['3', 3],
    ['3分', 3],
    ['１．５', 1.5],
    ['', 0],
    [0.1 + 0.2, 0.3],
  ])('%s → %s', (input, expected) => {
    expect(parseWeight(input)).toEqual({ ok: true, value: expected });
  });

  it.each<number | string>([-1, 100.5, 'abc', '5-6', Number.NaN, '-2'])('rejects %s', (input) => {
    expect(parseWeight(input).ok).toBe(false);
  });
});

describe('parseTarget', () => {
  it.each([
    ['≥16条', 16, '条'],
    ['≥ 16 条', 16, '条'],
    ['>=16条', 16, '条'],
    ['不少于1次', 1, '次'],
    ['至少2篇', 2, '篇'],
    ['主动公开信息≥16条', 16, '条'],
    ['90%以上', 90, '%'],
    ['16条及以上', 16, '条'],
    ['16', 16, ''],
    ['1次/年', 1, '次/年'],
  ])('%s', (text, value, unit) => {
    expect(parseTarget(text)).toEqual({ ok: true, value: { value, unit, comparator: 'GTE' } });
  });

  it('treats blank as no target and rejects free text', () => {
    expect(parseTarget('')).toEqual({ ok: true, value: null });
    expect(parseTarget('若干').ok).toBe(false);
    expect(parseTarget('2025年底前完成').ok).toBe(false);
  });

  it('formats a target the way it is read back', () => {
    const target = { value: 16, unit: '条', comparator: 'GTE' } as const;
    expect(formatTarget(target)).toBe('≥16条');
    expect(parseTarget(formatTarget(target))).toEqual({ ok: true, value: target });
  });
});

describe('splitDepartments', () => {
  it('splits on 、，,；; and spaces, dropping blanks, duplicates and 无', () => {
    expect(splitDepartments('办公室、法规处，财务处,信息中心；人事处;机关党委 审计管理处')).toEqual(
      ['办公室', '法规处', '财务处', '信息中心', '人事处', '机关党委', '审计管理处'],
    );
    expect(splitDepartments(' 办公室、、办公室\n法规处 ')).toEqual(['办公室', '法规处']);
    expect(splitDepartments('无')).toEqual([]);
    expect(splitDepartments('')).toEqual([]);
  });
});

describe('category headings', () => {
  it.each([
    ['一、用权公开', '用权公开'],
    ['十二．平台建设', '平台建设'],
    ['（三）政策解读：', '政策解读'],
    ['(四) 回应关切', '回应关切'],
    ['第五部分 平台建设', '平台建设'],
    ['三', ''],
    ['用权公开', '用权公开'],
    ['三公经费公开', '三公经费公开'],
  ])('%s → %s', (text, name) => {
    expect(cleanCategoryName(text)).toBe(name);
  });

  it('recognises ordinals only with a separator', () => {
    expect(hasChineseOrdinal('一、用权公开')).toBe(true);
    expect(hasChineseOrdinal('二')).toBe(true);
    expect(hasChineseOrdinal('一网通办')).toBe(false);
    expect(hasChineseOrdinal('1.1')).toBe(false);
  });
});

describe('headers', () => {
  it.each([
    ['序号', 'number'],
    [' 序　号 ', 'number'],
    ['责任单位', 'lead'],
    ['牵头部门', 'lead'],
    ['配合部门', 'cooperating'],
    ['时限', 'deadline'],
    ['完成时间', 'deadline'],
    ['完成时限（年月日）', 'deadline'],
    ['适用范围', 'levels'],
    ['权重', 'weight'],
    ['分数', 'weight'],
    ['分值(分)', 'weight'],
    ['*工作任务', 'title'],
    ['佐证材料', 'evidence'],
    ['量化指标：', 'target'],
  ])('%s → %s', (text, key) => {
    expect(columnForHeader(text)).toBe(key);
  });

  it('knows nothing else', () => {
    expect(columnForHeader('备注')).toBeNull();
    expect(normalizeHeader('（选填）佐证　材料')).toBe('佐证材料');
  });
});

describe('formatNumber', () => {
  it('honours fixed decimals and hides binary noise', () => {
    expect(formatNumber(3.1, '0.00')).toBe('3.10');
    expect(formatNumber(3.1, '0.0')).toBe('3.1');
    expect(formatNumber(3, '0')).toBe('3');
    expect(formatNumber(3.1, undefined)).toBe('3.1');
    expect(formatNumber(1.1000000000000001, 'General')).toBe('1.1');
    expect(formatNumber(12, undefined)).toBe('12');
  });
});
