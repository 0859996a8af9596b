import fc from 'fast-check';
import {
  apportion,
  averageScore,
  canonicalJson,
  computeScore,
  DEFAULT_CITY_RUBRIC,
  DEFAULT_COUNTY_RUBRIC,
  diffScores,
  gradeDistribution,
  mostImproved,
  rankScores,
  rubricMax,
  scoreChange,
  validateRubric,
  parseRubric,
  type AdjustmentFact,
  type IssueFact,
  type Rubric,
  type ScoreFacts,
  type TaskFact,
} from '../scorecard';

const centi = fc.integer({ min: 0, max: 2000 }).map((c) => c / 100);
const task: fc.Arbitrary<TaskFact> = fc.record({
  source: fc.record({ type: fc.constant('Assignment'), id: fc.uuid() }),
  label: fc.string({ minLength: 1, maxLength: 8 }),
  weight: fc.integer({ min: 0, max: 500 }).map((w) => w / 100),
  completed: fc.boolean(),
  percent: fc.integer({ min: 0, max: 100 }),
});
const issue: fc.Arbitrary<IssueFact> = fc.record({
  source: fc.record({ type: fc.constant('AssessmentIssue'), id: fc.uuid() }),
  label: fc.string({ maxLength: 8 }),
  issueType: fc.constantFrom('PRIVACY_EXPOSED', 'BROKEN_LINK', 'EMPTY_COLUMN'),
  pointsDeducted: centi,
  withdrawn: fc.boolean(),
  disputePending: fc.boolean(),
  due: fc.boolean(),
  rectifiedOnTime: fc.boolean(),
  returnedCount: fc.integer({ min: 0, max: 3 }),
});
const adjustment: fc.Arbitrary<AdjustmentFact> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom('BONUS' as const, 'DEDUCTION' as const, 'VETO' as const),
  points: centi,
  reason: fc.string({ minLength: 1, maxLength: 8 }),
  attachment: fc.option(fc.string({ maxLength: 8 })),
});
const facts: fc.Arbitrary<ScoreFacts> = fc.record(
  {
    tasks: fc.array(task, { maxLength: 12 }),
    quarters: fc.array(
      fc
        .record({ q: fc.integer({ min: 1, max: 4 }), due: fc.nat(20), onTime: fc.nat(20) })
        .map(({ q, due, onTime }) => ({
          source: { type: 'ReportingQuarter', id: `2024Q${q}` },
          label: `Q${q}`,
          due,
          onTime: Math.min(due, onTime),
        })),
      { maxLength: 4 },
    ),
    issues: fc.array(issue, { maxLength: 8 }),
    training: fc.record({
      source: fc.constant({ type: 'TrainingCoverage', id: 'x' }),
      requirementMet: fc.boolean(),
      trainees: fc.nat(10),
      personHours: fc.integer({ min: 0, max: 1000 }).map((h) => h / 10),
    }),
    adjustments: fc.array(adjustment, { maxLength: 5 }),
  },
  { requiredKeys: ['adjustments'] },
);
const rubric = fc.constantFrom<Rubric>(DEFAULT_CITY_RUBRIC, DEFAULT_COUNTY_RUBRIC);
const sum = (xs: { centi: number }[]): number => xs.reduce((s, x) => s + x.centi, 0);

describe('scorecard engine (properties)', () => {
  it('keeps the score within 0 and full marks plus the bonus cap, in 0.01 steps', () => {
    fc.assert(
      fc.property(rubric, facts, (r, f) => {
        const s = computeScore(r, f);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(rubricMax(r) + r.bonusCap);
        expect(Number.isInteger(s.scoreCenti)).toBe(true);
        expect(s.score).toBe(s.scoreCenti / 100);
      }),
    );
  });

  it('always grades a vetoed bureau 不合格', () => {
    fc.assert(
      fc.property(rubric, facts, adjustment, (r, f, a) => {
        const s = computeScore(r, {
          ...f,
          adjustments: [...f.adjustments, { ...a, kind: 'VETO' }],
        });
        expect(s.vetoed).toBe(true);
        expect(s.grade).toBe('FAIL');
        const privacy = computeScore(r, {
          ...f,
          issues: [
            ...(f.issues ?? []),
            { ...f.issues?.[0], ...PRIVACY, withdrawn: false, disputePending: false },
          ],
        });
        expect(privacy.grade).toBe('FAIL');
        expect(privacy.vetoes.some((v) => v.source.id === PRIVACY.source.id)).toBe(true);
      }),
    );
  });

  it('never lowers a score when one more task is completed', () => {
    fc.assert(
      fc.property(rubric, facts, fc.nat(), (r, f, pick) => {
        const tasks = f.tasks ?? [];
        fc.pre(tasks.length > 0);
        const i = pick % tasks.length;
        const more = tasks.map((t, k) => (k === i ? { ...t, completed: true } : t));
        const before = computeScore(r, f);
        const after = computeScore(r, { ...f, tasks: more });
        expect(after.scoreCenti).toBeGreaterThanOrEqual(before.scoreCenti);
      }),
    );
  });

  it('has a breakdown that adds up exactly to the score, every item with a source', () => {
    fc.assert(
      fc.property(rubric, facts, (r, f) => {
        const s = computeScore(r, f);
        expect(sum(s.items)).toBe(s.scoreCenti);
        for (const i of s.items) {
          expect(Number.isInteger(i.centi)).toBe(true);
          expect(i.points).toBe(i.centi / 100);
          expect(i.source.type).not.toBe('');
          expect(i.source.id).not.toBe('');
        }
      }),
    );
  });

  it('reproduces a frozen result from its stored inputs', () => {
    fc.assert(
      fc.property(rubric, facts, (r, f) => {
        const frozen = JSON.parse(canonicalJson({ rubric: r, facts: f })) as {
          rubric: Rubric;
          facts: ScoreFacts;
        };
        expect(canonicalJson(computeScore(frozen.rubric, frozen.facts))).toBe(
          canonicalJson(computeScore(r, f)),
        );
      }),
    );
  });

  it('apportions a total exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1 }),
        (shares) => {
          const total = Math.round(shares.reduce((a, b) => a + b, 0));
          const out = apportion(total, shares);
          expect(out.reduce((a, b) => a + b, 0)).toBe(total);
          out.forEach((o, i) => expect(Math.abs(o - shares[i]!)).toBeLessThan(1 + 1e-6));
        },
      ),
    );
  });
});

const PRIVACY: IssueFact = {
  source: { type: 'AssessmentIssue', id: 'privacy-1' },
  label: '泄露个人隐私：公示名单含身份证号',
  issueType: 'PRIVACY_EXPOSED',
  pointsDeducted: 2,
  withdrawn: false,
  disputePending: false,
  due: true,
  rectifiedOnTime: true,
  returnedCount: 0,
};

describe('scorecard engine (examples)', () => {
  it('validates the default rubrics at 100 points', () => {
    expect(validateRubric(DEFAULT_CITY_RUBRIC)).toEqual([]);
    expect(validateRubric(DEFAULT_COUNTY_RUBRIC)).toEqual([]);
    expect(rubricMax(DEFAULT_CITY_RUBRIC)).toBe(100);
    expect(rubricMax(DEFAULT_COUNTY_RUBRIC)).toBe(100);
    expect(
      validateRubric({ ...DEFAULT_CITY_RUBRIC, grades: { excellent: 70, good: 80, pass: 60 } }),
    ).toEqual(['等次分数线应满足 优秀 ≥ 良好 ≥ 合格 ≥ 0']);
  });

  it('scores tasks by weight with partial credit and spreads rounding exactly', () => {
    const tasks: TaskFact[] = [
      {
        source: { type: 'Assignment', id: 'a' },
        label: '1.1',
        weight: 1,
        completed: true,
        percent: 100,
      },
      {
        source: { type: 'Assignment', id: 'b' },
        label: '1.2',
        weight: 1,
        completed: false,
        percent: 50,
      },
      {
        source: { type: 'Assignment', id: 'c' },
        label: '1.3',
        weight: 1,
        completed: false,
        percent: 0,
      },
    ];
    const s = computeScore(DEFAULT_CITY_RUBRIC, { tasks, adjustments: [] });
    const taskItems = s.items.filter((i) => i.component === 'tasks');
    // 45 × (1 + 0.5) / 3 = 22.5
    expect(sum(taskItems)).toBe(2250);
    expect(taskItems.map((i) => i.centi)).toEqual([1500, 750, 0]);
    expect(taskItems[1]!.label).toContain('完成50%');
    // Components without a source are scored at full marks and say so.
    expect(s.items.find((i) => i.component === 'timeliness')!.label).toContain('按满分计');
    expect(s.components.find((c) => c.key === 'timeliness')!.applicable).toBe(false);
    expect(s.score).toBe(22.5 + 15 + 30 + 10);
  });

  it('deducts assessment points, restores upheld disputes, caps bonuses and grades', () => {
    const issues: IssueFact[] = [
      {
        ...PRIVACY,
        issueType: 'BROKEN_LINK',
        source: { type: 'AssessmentIssue', id: 'i1' },
        pointsDeducted: 1.5,
      },
      {
        ...PRIVACY,
        issueType: 'PRIVACY_EXPOSED',
        source: { type: 'AssessmentIssue', id: 'i2' },
        withdrawn: true,
      },
      {
        ...PRIVACY,
        issueType: 'EMPTY_COLUMN',
        source: { type: 'AssessmentIssue', id: 'i3' },
        pointsDeducted: 0.5,
        rectifiedOnTime: false,
        returnedCount: 2,
      },
    ];
    const adjustments: AdjustmentFact[] = [
      { id: 'b1', kind: 'BONUS', points: 2, reason: '省级表彰', attachment: 'file-1' },
      { id: 'b2', kind: 'BONUS', points: 2, reason: '经验交流', attachment: null },
      { id: 'd1', kind: 'DEDUCTION', points: 0.5, reason: '年报迟报', attachment: null },
    ];
    const s = computeScore(DEFAULT_CITY_RUBRIC, { issues, adjustments });
    expect(s.vetoed).toBe(false); // the privacy problem was withdrawn on appeal
    const a = s.components.find((c) => c.key === 'assessment')!;
    // 20 − 1.5 − 0.5 (i2 restored) + on time 1 of 2 × 5 + quality 5 − 2 × 1
    expect(a.points).toBe(20 - 2 + 2.5 + 3);
    const bonus = s.items.filter((i) => i.component === 'adjustment' && i.centi > 0);
    expect(bonus.map((i) => i.centi)).toEqual([200, 100]);
    expect(bonus[1]!.label).toContain('超出加分上限');
    expect(bonus[0]!.attachment).toBe('file-1');
    expect(s.score).toBe(45 + 15 + 23.5 + 10 + 3 - 0.5);
    expect(s.grade).toBe('EXCELLENT');
  });

  it('fails a confirmed privacy problem whatever the points, not one under dispute', () => {
    expect(computeScore(DEFAULT_COUNTY_RUBRIC, { issues: [PRIVACY], adjustments: [] }).grade).toBe(
      'FAIL',
    );
    const pending = computeScore(DEFAULT_COUNTY_RUBRIC, {
      issues: [{ ...PRIVACY, disputePending: true }],
      adjustments: [],
    });
    expect(pending.vetoed).toBe(false);
    expect(pending.grade).toBe('EXCELLENT');
  });

  it('floors the score at zero with a traceable item', () => {
    const s = computeScore(DEFAULT_CITY_RUBRIC, {
      tasks: [],
      adjustments: [{ id: 'd', kind: 'DEDUCTION', points: 500, reason: '通报', attachment: null }],
    });
    expect(s.score).toBe(0);
    expect(s.items.at(-1)!.label).toBe('总分最低为0分');
    expect(s.grade).toBe('FAIL');
  });
});

describe('rankings', () => {
  it('shares ranks between ties and puts vetoed bureaus last', () => {
    const rows = [
      { scoreCenti: 9000, vetoed: false },
      { scoreCenti: 8500, vetoed: false },
      { scoreCenti: 9500, vetoed: true },
      { scoreCenti: 8500, vetoed: false },
      { scoreCenti: 8000, vetoed: false },
    ];
    expect(rankScores(rows)).toEqual([1, 2, 5, 2, 4]);
  });

  it('ranks ties 1, 2, 2, 4 for any scores', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ scoreCenti: fc.nat(100), vetoed: fc.constant(false) })),
        (rows) => {
          const ranks = rankScores(rows);
          rows.forEach((r, i) => {
            expect(ranks[i]).toBe(1 + rows.filter((o) => o.scoreCenti > r.scoreCenti).length);
          });
        },
      ),
    );
  });

  it('computes change, most improved, distribution, average and a diff', () => {
    expect(scoreChange(85.5, 80.25)).toBe(5.25);
    expect(scoreChange(85.5, null)).toBeNull();
    const rows = [
      { id: 'a', change: 3, grade: 'GOOD' as const, scoreCenti: 8000 },
      { id: 'b', change: 5, grade: 'EXCELLENT' as const, scoreCenti: 9100 },
      { id: 'c', change: null, grade: 'GOOD' as const, scoreCenti: 8001 },
    ];
    expect(mostImproved(rows).map((r) => r.id)).toEqual(['b']);
    expect(mostImproved([{ change: -1 }])).toEqual([]);
    expect(gradeDistribution(rows)).toEqual([
      { grade: 'EXCELLENT', count: 1 },
      { grade: 'GOOD', count: 2 },
      { grade: 'PASS', count: 0 },
      { grade: 'FAIL', count: 0 },
    ]);
    expect(averageScore(rows)).toBe(83.67);
    const x = { score: 80, grade: 'GOOD' as const, vetoed: false };
    expect(
      diffScores(
        new Map([
          ['a', x],
          ['b', x],
        ]),
        new Map([
          ['a', x],
          ['b', { ...x, score: 81 }],
          ['c', x],
        ]),
      ),
    ).toEqual([
      { organizationId: 'b', before: x, after: { ...x, score: 81 } },
      { organizationId: 'c', before: null, after: x },
    ]);
    expect(canonicalJson({ b: 1, a: [{ d: null, c: undefined }] })).toBe(
      '{"a":[{"d":null}],"b":1}',
    );
  });
});

describe('parseRubric', () => {
  it('reads back a stored rubric and refuses broken ones with reasons', () => {
    expect(parseRubric(JSON.parse(JSON.stringify(DEFAULT_COUNTY_RUBRIC)))).toEqual({
      rubric: DEFAULT_COUNTY_RUBRIC,
    });
    expect(parseRubric({ components: [] })).toEqual({
      errors: ['考评细则应包含指标（components）和等次分数线（grades）'],
    });
    const broken = parseRubric({
      ...DEFAULT_CITY_RUBRIC,
      components: [{ key: 'tasks', label: '任务', kind: 'TASK_COMPLETION', points: -1 }],
      vetoes: [{ key: 'x', label: '否决', condition: { kind: 'NOPE' } }],
    });
    expect('errors' in broken && broken.errors).toEqual([
      '否决项“否决”的条件无效',
      '指标“任务”的分值应为非负数，最多两位小数',
      '考评细则满分应在0到1000分之间',
      '优秀分数线不能高于满分',
    ]);
  });
});
