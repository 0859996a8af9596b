import {
  cellMap,
  describeRules,
  figure,
  missing,
  submittedRate,
  yearOnYear,
} from '../lib/statistics/statistics-model';

describe('年报统计 helpers', () => {
  it('reads the API cells as a value map, blank as 0', () => {
    expect(
      cellMap([
        { key: 'a', value: 2 },
        { key: 'b', value: null },
      ]),
    ).toEqual({ a: 2, b: 0 });
    expect(cellMap(null)).toEqual({});
  });

  it('adds the keys of a figure', () => {
    expect(figure({ x: 1, y: 2 }, ['x', 'y', 'z'])).toBe(3);
  });

  it('writes year on year as +n, −n or 持平, nothing without last year', () => {
    expect(yearOnYear(5, 3)).toBe('+2');
    expect(yearOnYear(1, 3)).toBe('−2');
    expect(yearOnYear(3, 3)).toBe('持平');
    expect(yearOnYear(3, null)).toBe('');
  });

  it('counts missing reports and the submitted rate', () => {
    const c = { expected: 8, submitted: 6, accepted: 2, late: 1, failingChecks: 0, returned: 1 };
    expect(missing(c)).toBe(2);
    expect(submittedRate(c)).toBe(75);
    expect(submittedRate({ ...c, expected: 0, submitted: 0 })).toBe(0);
  });

  it('names failing rules by family', () => {
    expect(
      describeRules(['T3_BALANCE:natural', 'T3_BALANCE:total', 'T4_SUM:reconsideration']),
    ).toBe('表三收支平衡 ×2、表四合计');
  });
});
