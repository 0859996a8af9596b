/**
 * The official holiday table from `chinese-days` (its data file: every statutory day off and
 * make-up working day the State Council published, 2004 onwards). Not exported from the index:
 * load it with `loadChineseWorkingDays()`, which keeps it in a chunk of its own on the web.
 */
import data from 'chinese-days/dist/chinese-days.json';
import { WorkingDayCalendar } from './working-days';

let calendar: WorkingDayCalendar | null = null;

export function chineseWorkingDays(): WorkingDayCalendar {
  calendar ??= new WorkingDayCalendar({
    holidays: Object.keys(data.holidays),
    workdays: Object.keys(data.workdays),
    // A year is covered when its arrangement was published: it has statutory days off.
    years: [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))],
  });
  return calendar;
}
