import { OrgLevel } from './organization';

/** Training (培训): materials, the target audience, quarters and reminders — shared pure rules. */

export type TrainingMaterialKind = 'SLIDES' | 'HANDOUT' | 'PHOTO' | 'OTHER';
export const TRAINING_MATERIAL_KINDS: readonly TrainingMaterialKind[] = [
  'SLIDES',
  'HANDOUT',
  'PHOTO',
  'OTHER',
];
export const TRAINING_MATERIAL_LABEL: Record<TrainingMaterialKind, string> = {
  SLIDES: '课件',
  HANDOUT: '讲义',
  PHOTO: '照片',
  OTHER: '其他',
};

/** The audience roles a session may target (培训对象). */
export const TRAINING_AUDIENCE_ROLES = ['分管领导', '工作人员'] as const;

const LEADER_POST = /(局长|厅长|主任|书记|领导|巡视员|总审计师|审计长)/u;

/** 分管领导 for a leader's post (副局长, 主任 …), 工作人员 for any other; null when unknown. */
export function audienceRoleOf(post: string): string | null {
  const p = post.replace(/\s/g, '');
  if (p === '') return null;
  return LEADER_POST.test(p) ? '分管领导' : '工作人员';
}

export interface AudienceCheck {
  /** The bureau's level is outside the session's target levels: registration is refused. */
  levelOutside: boolean;
  /** The person's post is outside the target roles: allowed, with this warning. */
  warning: string | null;
}

const LEVEL_LABEL: Partial<Record<OrgLevel, string>> = {
  [OrgLevel.PROVINCE]: '省级',
  [OrgLevel.CITY]: '市级',
  [OrgLevel.COUNTY]: '县级',
};

/**
 * Whether a bureau of `level` and a person of `post` fit the session's target audience. Levels
 * are a hard rule for a bureau registering itself (the host may still record anyone); roles are
 * judged from a free-text post, so only a warning. Empty targets accept everyone.
 */
export function checkAudience(
  target: { levels: readonly string[]; roles: readonly string[] },
  level: OrgLevel,
  post: string,
): AudienceCheck {
  const levelOutside = target.levels.length > 0 && !target.levels.includes(level);
  const role = audienceRoleOf(post);
  const roleOutside = target.roles.length > 0 && role !== null && !target.roles.includes(role);
  const warnings: string[] = [];
  if (levelOutside)
    warnings.push(
      `本培训面向${target.levels.map((l) => LEVEL_LABEL[l as OrgLevel] ?? l).join('、')}单位`,
    );
  if (roleOutside) warnings.push(`本培训面向${target.roles.join('、')}，${post}不在培训对象之内`);
  return { levelOutside, warning: warnings.length > 0 ? warnings.join('；') : null };
}

/** The first and last day (YYYY-MM-DD) of a quarter of a year. */
export function quarterDays(year: number, quarter: number): { from: string; to: string } {
  const first = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  const mm = (n: number): string => String(n).padStart(2, '0');
  return { from: `${year}-${mm(first)}-01`, to: `${year}-${mm(first + 2)}-${mm(last)}` };
}

/** Whole days from `today` to `day` (both YYYY-MM-DD): 0 the same day, negative after. */
export function daysUntil(today: string, day: string): number {
  return Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * Whether the registration-deadline reminder is due: the session is still planned, its deadline
 * is between today and `daysBefore` days ahead. (Sent once per session and bureau: the caller's
 * dedupe key.)
 */
export function deadlineReminderDue(
  s: { status: string; registrationDeadline: string | null },
  today: string,
  daysBefore: number,
): boolean {
  if (s.status !== 'PLANNED' || s.registrationDeadline === null) return false;
  const d = daysUntil(today, s.registrationDeadline);
  return d >= 0 && d <= daysBefore;
}

/** The fourth quarter has begun (from 1 October) for `today` in `year`. */
export function inFourthQuarter(today: string, year: number): boolean {
  return today >= `${year}-10-01` && today <= `${year}-12-31`;
}
