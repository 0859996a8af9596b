import type { ScorecardSnapshot } from '@sunshine/api/core';

export const org = (code: string, name: string) => ({ id: `id-${code}`, code, name });

/** A province scorecard of five cities with a tie and a veto. */
export const SCORECARD: ScorecardSnapshot = {
  year: 2025,
  quarter: 3,
  organization: org('34', '安徽省审计厅'),
  assessor: org('34', '安徽省审计厅'),
  maxScore: 100,
  average: 80.4,
  rubricVersion: 2,
  rows: [
    {
      organization: org('3402', '芜湖市审计局'),
      score: 88.5,
      grade: 'GOOD',
      gradeLabel: '良好',
      rank: 2,
      vetoed: false,
      change: 3.25,
      reasons: [],
    },
    {
      organization: org('3401', '合肥市审计局'),
      score: 93,
      grade: 'EXCELLENT',
      gradeLabel: '优秀',
      rank: 1,
      vetoed: false,
      change: null,
      reasons: [],
    },
    {
      organization: org('3403', '蚌埠市审计局'),
      score: 88.5,
      grade: 'GOOD',
      gradeLabel: '良好',
      rank: 2,
      vetoed: false,
      change: -1,
      reasons: ['季度进展逾期报送 −2.00'],
    },
    {
      organization: org('3404', '淮南市审计局'),
      score: 70,
      grade: 'PASS',
      gradeLabel: '合格',
      rank: 4,
      vetoed: false,
      change: 0,
      reasons: ['测评问题逾期整改 −5.00', '培训未达标 −2.00'],
    },
    {
      organization: org('3405', '马鞍山市审计局'),
      score: 62,
      grade: 'FAIL',
      gradeLabel: '不合格',
      rank: 5,
      vetoed: true,
      change: -10,
      reasons: ['一票否决：泄露个人隐私'],
    },
  ],
  gradeDistribution: [
    { grade: 'EXCELLENT', label: '优秀', count: 1 },
    { grade: 'GOOD', label: '良好', count: 2 },
    { grade: 'PASS', label: '合格', count: 1 },
    { grade: 'FAIL', label: '不合格', count: 1 },
  ],
  vetoedCount: 1,
  publication: {
    revision: 1,
    publishedAt: new Date('2025-10-15T02:00:00Z'),
    contentHash: 'x'.repeat(64),
  },
};
