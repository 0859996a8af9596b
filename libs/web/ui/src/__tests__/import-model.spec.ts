import {
  importPercent,
  importPhaseText,
  problemDetail,
  problemRows,
  xlsxFileProblem,
} from '../lib/import/import-model';

describe('shared import pieces', () => {
  it('moves a sheet, row and column prefix out of the message', () => {
    expect(problemDetail('工作表「瑶海区」第 5 行「被评估单位」：无法识别')).toBe('无法识别');
    expect(problemDetail('第 3 行：空行')).toBe('空行');
    expect(problemDetail('没有找到表头')).toBe('没有找到表头');
    expect(
      problemRows([
        { sheet: 'B', row: 2, column: '', code: 'X', message: '第 2 行：b' },
        { sheet: 'A', row: 9, column: '扣分', code: 'Y', message: '第 9 行「扣分」：a' },
        { row: 0, column: '', code: 'Z', message: '整个文件有问题' },
      ]).map((r) => [r.sheet, r.row, r.column, r.message]),
    ).toEqual([
      ['', '整个文件', '—', '整个文件有问题'],
      ['A', '第 9 行', '扣分', 'a'],
      ['B', '第 2 行', '—', 'b'],
    ]);
  });

  it('turns progress into one bar and a sentence', () => {
    expect(importPercent({ phase: 'PARSE', done: 50, total: 100 })).toBe(35);
    expect(importPercent({ phase: 'SAVE', done: 0, total: 0 })).toBe(100);
    expect(importPhaseText({ phase: 'SAVE', done: 500, total: 5051 }, '个问题')).toBe(
      '正在写入：500 / 5051 个问题',
    );
  });

  it('accepts only non-empty .xlsx files within the limit', () => {
    expect(xlsxFileProblem({ name: 'a.xlsx', size: 1 })).toBeNull();
    expect(xlsxFileProblem({ name: 'a.xls', size: 1 })).toMatch(/\.xlsx/);
    expect(xlsxFileProblem({ name: 'a.xlsx', size: 0 })).toBe('文件为空');
    expect(xlsxFileProblem({ name: 'a.xlsx', size: 3 * 1024 * 1024 }, 2 * 1024 * 1024)).toBe(
      '文件超过 2 MB，无法导入',
    );
  });
});
