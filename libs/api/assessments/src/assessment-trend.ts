import { addDays, compareDates, type CalendarDate } from '@sunshine/shared/domain';

export interface TrendEvent {
  issue_id: string;
  day: CalendarDate;
  to_status: string;
}

export interface TrendPoint {
  day: CalendarDate;
  open: number;
  rectified: number;
  verified: number;
}

type Bucket = 'open' | 'rectified' | 'verified' | null;

function bucketOf(status: string): Bucket {
  switch (status) {
    case 'OPEN':
    case 'RECTIFYING':
    case 'RETURNED':
    case 'AWAITING_APPROVAL':
      return 'open';
    case 'AWAITING_VERIFICATION':
    case 'DISPUTED':
      return 'rectified';
    case 'VERIFIED':
      return 'verified';
    default:
      return null; // WITHDRAWN: no longer counted
  }
}

/** Spans longer than this many days are shown by week. */
export const TREND_DAILY_MAX_DAYS = 62;

/**
 * The trend of a round's problems from their status changes (ordered by time): at the end of
 * each day from the first event to `until` (by week, the week's last day, when the span is
 * longer than `TREND_DAILY_MAX_DAYS`), how many are open, rectified awaiting 复核, and verified.
 */
export function issueTrend(
  events: readonly TrendEvent[],
  until: CalendarDate,
): { bucket: 'DAY' | 'WEEK'; points: TrendPoint[] } {
  const first = events[0];
  if (!first) return { bucket: 'DAY', points: [] };
  const start = first.day;
  const end = compareDates(until, start) < 0 ? start : until;
  let span = 0;
  for (let d = start; compareDates(d, end) < 0; d = addDays(d, 1)) span++;
  const bucket = span > TREND_DAILY_MAX_DAYS ? 'WEEK' : 'DAY';
  const status = new Map<string, string>();
  const counts = { open: 0, rectified: 0, verified: 0 };
  const points: TrendPoint[] = [];
  let i = 0;
  let n = 0;
  for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1), n++) {
    for (; i < events.length && compareDates(events[i]!.day, d) <= 0; i++) {
      const e = events[i]!;
      const before = status.get(e.issue_id);
      const from = before === undefined ? null : bucketOf(before);
      const to = bucketOf(e.to_status);
      if (from) counts[from]--;
      if (to) counts[to]++;
      status.set(e.issue_id, e.to_status);
    }
    const last = compareDates(d, end) === 0;
    if (bucket === 'DAY' || n % 7 === 6 || last) points.push({ day: d, ...counts });
  }
  return { bucket, points };
}
