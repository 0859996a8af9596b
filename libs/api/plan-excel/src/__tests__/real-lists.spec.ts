import { parseChecklistWorkbook } from '../parse-checklist';
import {
  deadlineInText,
  headline,
  isGenericUnit,
  leadingCategory,
  leadingItemNumber,
  parseResponsibility,
  trailingResponsibility,
} from '../real-lists';
import { closeWorkbookReader, warmUpWorkbookReader } from '../workbook';
import { xlsx } from './helpers';

describe('responsibility written in the text', () => {
  it.each([
    ['省发展改革委牵头落实', ['省发展改革委'], []],
    ['省编办、省人力资源社会保障厅按职责分工分别牵头落实', ['省编办', '省人力资源社会保障厅'], []],
    ['办公室牵头，各科室配合', ['办公室'], ['各科室']],
    ['省司法厅牵头，各市人民政府负责落实', ['省司法厅'], ['各市人民政府']],
    ['牵头单位：办公室；配合单位：法规处、财政审计科', ['办公室'], ['法规处', '财政审计科']],
    ['责任单位：省财政厅', ['省财政厅'], []],
    ['各县区审计局负责', ['各县区审计局'], []],
  ])('%s', (text, lead, cooperating) => {
    expect(parseResponsibility(text)).toEqual({ lead, cooperating });
  });

  it('answers null for text that names no responsibility', () => {
    expect(parseResponsibility('办公室、法规处')).toBeNull();
    expect(parseResponsibility('含落实情况')).toBeNull();
    expect(parseResponsibility('经济责任审计科')).toBeNull();
  });

  it('takes a trailing parenthesis off the task text', () => {
    expect(trailingResponsibility('推进预决算公开。（省财政厅牵头落实）')).toEqual({
      rest: '推进预决算公开。',
      responsibility: { lead: ['省财政厅'], cooperating: [] },
      written: '省财政厅牵头落实',
    });
    expect(trailingResponsibility('公开审计结果（含整改落实情况）')).toBeNull();
    expect(trailingResponsibility('年底前完成（2021年12月底前）')).toBeNull();
  });

  it('knows generic units', () => {
    expect(['各科室', '各有关单位', '全体干部', '相关处室'].every(isGenericUnit)).toBe(true);
    expect(isGenericUnit('办公室')).toBe(false);
  });
});

describe('numbers, categories, titles and deadlines in the text', () => {
  it('reads item numbers "1." "（1）" "1、" "1)" but not a year or a decimal', () => {
    expect(leadingItemNumber('1.推进预决算公开')).toEqual({ number: '1', rest: '推进预决算公开' });
    expect(leadingItemNumber('（12）公开采购意向')).toEqual({ number: '12', rest: '公开采购意向' });
    expect(leadingItemNumber('3、公开债务信息')).toEqual({ number: '3', rest: '公开债务信息' });
    expect(leadingItemNumber('2)做好答复')).toEqual({ number: '2', rest: '做好答复' });
    expect(leadingItemNumber('2021年6月底前完成')).toBeNull();
    expect(leadingItemNumber('3.5万条信息')).toBeNull();
  });

  it('reads a category heading prefixed to a task, or standing alone', () => {
    expect(leadingCategory('一、做好财政信息公开。1.推进预决算公开')).toEqual({
      category: '做好财政信息公开',
      rest: '1.推进预决算公开',
    });
    expect(leadingCategory('（二）深化政务服务公开：公开事项清单')).toEqual({
      category: '深化政务服务公开',
      rest: '公开事项清单',
    });
    expect(leadingCategory('三、加强政策解读回应')).toEqual({
      category: '加强政策解读回应',
      rest: '',
    });
    expect(leadingCategory('推进预决算公开')).toBeNull();
  });

  it('makes a short title of a long task text', () => {
    expect(headline('公开权责清单')).toBe('公开权责清单');
    expect(headline('围绕社会关切及时回应。对涉及群众切身利益的政策加强解读。')).toBe(
      '围绕社会关切及时回应',
    );
    const long = `${'持续'.repeat(40)}，推进公开`;
    expect(headline(long)).toBe(`${'持续'.repeat(20)}…`);
  });

  it('finds deadlines written in the text', () => {
    expect(deadlineInText('细化公开，2021年6月底前完成部门预算公开', 2021)).toEqual({
      written: '2021年6月底前',
      deadline: { kind: 'DATE', date: '2021-06-30' },
    });
    expect(deadlineInText('年底前实现办事指南标准化', 2021)?.deadline).toEqual({
      kind: 'DATE',
      date: '2021-12-31',
    });
    expect(deadlineInText('每季度更新一次', 2021)?.deadline).toEqual({
      kind: 'RECURRING',
      every: 'QUARTER',
    });
    expect(deadlineInText('按季度公开债务限额', 2021)).toBeNull();
  });
});

describe('layout: headers recognised, resembled or guessed from the cells', () => {
  beforeAll(() => warmUpWorkbookReader(), 60_000);
  afterAll(() => closeWorkbookReader());

  it('guesses a two-row header with 责任单位 over 牵头/配合, and skips the second header row', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['2025年政务公开重点工作任务分工']);
      sheet.mergeCells('A1:E1');
      sheet.addRow(['序号', '工作任务', '责任单位', null, '完成时限']);
      sheet.addRow([null, null, '牵头单位', '配合单位', null]);
      sheet.mergeCells('C2:D2');
      sheet.mergeCells('A2:A3');
      sheet.mergeCells('B2:B3');
      sheet.mergeCells('E2:E3');
      sheet.addRow(['1', '公开权责清单', '法规处', '办公室', '年底前']);
      sheet.addRow(['2', '公开审计结果公告', '财政审计处', '各市审计局', '每季度']);
    });
    const result = await parseChecklistWorkbook(file, { planYear: 2025 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.layout.headerRow).toBe(2);
    expect(result.layout.columns.map((c) => [c.letter, c.guess])).toEqual([
      ['A', 'number'],
      ['B', 'title'],
      ['C', 'lead'],
      ['D', 'cooperating'],
      ['E', 'deadline'],
    ]);
    expect(
      result.tasks.map((t) => [t.number, t.leadDepartments, t.cooperatingDepartments]),
    ).toEqual([
      ['1', ['法规处'], ['办公室']],
      ['2', ['财政审计处'], ['各市审计局']],
    ]);
  });

  it('reads a lone category name in another column, and skips the sign-off rows below', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['序号', '工作任务', '责任科室']);
      sheet.addRow(['政务公开平台建设']);
      sheet.addRow(['1', '维护政府信息公开专栏', '办公室']);
      sheet.addRow(['依申请公开']);
      sheet.addRow(['2', '规范答复文书', '法制审理科']);
      sheet.addRow([]);
      sheet.addRow(['填表人：李四', null, '联系电话：0551-1234567']);
    });
    const result = await parseChecklistWorkbook(file, { planYear: 2025 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.categories.map((c) => c.name)).toEqual(['政务公开平台建设', '依申请公开']);
    expect(result.tasks.map((t) => [t.number, t.categoryName])).toEqual([
      ['1', '政务公开平台建设'],
      ['2', '依申请公开'],
    ]);
  });

  it('does not take a column of phone numbers or names for the task', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['单位', '联系人', '电话']);
      sheet.addRow(['办公室', '张三', '0551-12345678']);
    });
    const result = await parseChecklistWorkbook(file, { planYear: 2025 });
    expect(result.ok).toBe(false);
    expect(result.layout?.columns.map((c) => c.guess)).toEqual(['lead', null, null]);
  });
});
