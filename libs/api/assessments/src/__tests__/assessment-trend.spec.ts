import { addDays } from '@sunshine/shared/domain';
import { issueTrend, type TrendEvent } from '../assessment-trend';

const ev = (issue_id: string, day: string, to_status: string): TrendEvent => ({
  issue_id,
  day,
  to_status,
});

describe('the trend of open problems over a round', () => {
  it('counts each issue in the bucket of its latest status at the end of each day', () => {
    const t = issueTrend(
      [
        ev('a', '2025-03-03', 'OPEN'),
        ev('b', '2025-03-03', 'OPEN'),
        ev('c', '2025-03-04', 'OPEN'),
        ev('a', '2025-03-04', 'RECTIFYING'),
        ev('a', '2025-03-04', 'AWAITING_APPROVAL'),
        ev('a', '2025-03-05', 'AWAITING_VERIFICATION'),
        ev('b', '2025-03-05', 'AWAITING_VERIFICATION'),
        ev('a', '2025-03-06', 'VERIFIED'),
        ev('b', '2025-03-06', 'RETURNED'),
        ev('c', '2025-03-06', 'DISPUTED'),
        ev('c', '2025-03-07', 'WITHDRAWN'),
      ],
      '2025-03-08',
    );
    expect(t.bucket).toBe('DAY');
    expect(t.points).toEqual([
      { day: '2025-03-03', open: 2, rectified: 0, verified: 0 },
      { day: '2025-03-04', open: 3, rectified: 0, verified: 0 },
      { day: '2025-03-05', open: 1, rectified: 2, verified: 0 },
      { day: '2025-03-06', open: 1, rectified: 1, verified: 1 },
      { day: '2025-03-07', open: 1, rectified: 0, verified: 1 },
      { day: '2025-03-08', open: 1, rectified: 0, verified: 1 },
    ]);
  });

  it('goes by week over a long round, ending on the last day', () => {
    const events = [ev('a', '2025-01-01', 'OPEN'), ev('a', '2025-03-15', 'VERIFIED')];
    const t = issueTrend(events, '2025-04-01');
    expect(t.bucket).toBe('WEEK');
    expect(t.points[0]).toEqual({ day: '2025-01-07', open: 1, rectified: 0, verified: 0 });
    expect(t.points.at(-1)).toEqual({ day: '2025-04-01', open: 0, rectified: 0, verified: 1 });
    for (let k = 1; k < t.points.length - 1; k++)
      expect(t.points[k]!.day).toBe(addDays(t.points[k - 1]!.day, 7));
  });

  it('never counts an issue twice and stays empty without events', () => {
    expect(issueTrend([], '2025-01-01')).toEqual({ bucket: 'DAY', points: [] });
    const t = issueTrend(
      [ev('a', '2025-01-01', 'OPEN'), ev('a', '2025-01-01', 'OPEN'), ev('a', '2025-01-02', 'OPEN')],
      '2025-01-02',
    );
    expect(t.points.map((p) => p.open)).toEqual([1, 1]);
  });
});
