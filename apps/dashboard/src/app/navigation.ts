import { ORG_LEVEL_ORDER } from '@sunshine/shared/domain';
import type { OrgLevel, Role } from '@sunshine/web/graphql';
import { BUSINESS_ROLES, PLAN_ROLES, REPORTING_ROLES, USER_ADMIN_ROLES } from './access';

export type NavIcon =
  | 'home'
  | 'reporting'
  | 'plans'
  | 'assessments'
  | 'trainings'
  | 'annualReports'
  | 'annualStatistics'
  | 'scorecards'
  | 'admin';

/**
 * What `/` shows a user: the completion overview, the reporting worklist, the assessor's rounds
 * and 待复核 queue, or the organisations.
 */
export type Landing = 'overview' | 'reporting' | 'assessments' | 'organizations';

/** Who is looking: roles and the level of the user's organisation. */
export interface NavContext {
  roles: readonly Role[];
  level: OrgLevel;
}

export interface NavEntry {
  key: string;
  label: string;
  icon?: NavIcon;
  /** Shown only to users holding one of these roles; absent: everyone. */
  roles?: readonly Role[];
  /** Shown only to users landing on one of these pages; absent: everyone. */
  landings?: readonly Landing[];
  /** Carries a worklist count as a badge. */
  badge?: 'reporting' | 'assessments';
  children?: NavEntry[];
}

export const PATHS = {
  home: '/',
  reporting: '/reporting',
  plans: '/plans',
  assessments: '/assessments',
  trainings: '/trainings',
  annualReports: '/annual-reports',
  annualStatistics: '/annual-reports/statistics',
  scorecards: '/scorecards',
  organizations: '/admin/organizations',
  users: '/admin/users',
  audit: '/admin/audit',
} as const;

/** True for levels that have subordinates (everything above the lowest level). */
export function oversees(level: OrgLevel): boolean {
  const i = (ORG_LEVEL_ORDER as readonly string[]).indexOf(level);
  return i >= 0 && i < ORG_LEVEL_ORDER.length - 1;
}

/**
 * Administrators and leaders of an organisation with subordinates land on the completion
 * overview; other reporting users (counties, editors, reviewers) on their worklist; a third-party
 * assessor on its rounds with the 待复核 queue; the rest (auditors, security administrators) on
 * the organisation home page.
 */
export function landingFor({ roles, level }: NavContext): Landing {
  if (oversees(level) && roles.some((r) => r === 'ADMIN' || r === 'LEADER')) return 'overview';
  if (roles.some((r) => REPORTING_ROLES.includes(r))) return 'reporting';
  if (roles.includes('ASSESSOR')) return 'assessments';
  return 'organizations';
}

export const NAVIGATION: readonly NavEntry[] = [
  { key: PATHS.home, label: '首页', icon: 'home', landings: ['overview', 'organizations'] },
  {
    key: PATHS.reporting,
    label: '进展填报',
    icon: 'reporting',
    roles: REPORTING_ROLES,
    badge: 'reporting',
  },
  { key: PATHS.plans, label: '任务清单', icon: 'plans', roles: PLAN_ROLES },
  {
    key: PATHS.assessments,
    label: '第三方测评',
    icon: 'assessments',
    roles: BUSINESS_ROLES,
    badge: 'assessments',
  },
  { key: PATHS.trainings, label: '培训', icon: 'trainings', roles: BUSINESS_ROLES },
  { key: PATHS.annualReports, label: '年度报告', icon: 'annualReports', roles: BUSINESS_ROLES },
  {
    key: PATHS.annualStatistics,
    label: '年报统计',
    icon: 'annualStatistics',
    roles: ['ADMIN', 'LEADER'],
    landings: ['overview'],
  },
  { key: PATHS.scorecards, label: '考评', icon: 'scorecards', roles: BUSINESS_ROLES },
  {
    key: '/admin',
    label: '系统管理',
    icon: 'admin',
    children: [
      {
        key: PATHS.organizations,
        label: '单位架构',
        roles: ['ADMIN', 'LEADER'],
        landings: ['overview', 'reporting'],
      },
      { key: PATHS.users, label: '用户管理', roles: USER_ADMIN_ROLES },
      { key: PATHS.audit, label: '审计日志', roles: ['AUDITOR'] },
    ],
  },
];

/** The menu for a user: entries their roles and landing allow; groups left empty disappear. */
export function navigationFor(
  context: NavContext,
  entries: readonly NavEntry[] = NAVIGATION,
): NavEntry[] {
  const landing = landingFor(context);
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (entry.roles && !entry.roles.some((r) => context.roles.includes(r))) continue;
    if (entry.landings && !entry.landings.includes(landing)) continue;
    if (entry.children) {
      const children = navigationFor(context, entry.children);
      if (children.length > 0) out.push({ ...entry, children });
    } else out.push(entry);
  }
  return out;
}

/** The menu key to highlight for a path: the longest entry that prefixes it. */
export function selectedNavKey(
  pathname: string,
  entries: readonly NavEntry[] = NAVIGATION,
): string {
  const keys: string[] = [];
  const collect = (list: readonly NavEntry[]) => {
    for (const e of list) {
      if (e.children) collect(e.children);
      else keys.push(e.key);
    }
  };
  collect(entries);
  let best = PATHS.home as string;
  for (const key of keys) {
    if (key === PATHS.home) continue;
    if ((pathname === key || pathname.startsWith(`${key}/`)) && key.length > best.length)
      best = key;
  }
  return best;
}
