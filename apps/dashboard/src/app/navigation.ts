import type { Role } from '@sunshine/web/graphql';

export type NavIcon = 'home' | 'reporting' | 'assessments' | 'trainings' | 'scorecards' | 'admin';

export interface NavEntry {
  key: string;
  label: string;
  icon?: NavIcon;
  /** Shown only to users holding one of these roles; absent: everyone. */
  roles?: readonly Role[];
  children?: NavEntry[];
}

export const PATHS = {
  home: '/',
  reporting: '/reporting',
  assessments: '/assessments',
  trainings: '/trainings',
  scorecards: '/scorecards',
  users: '/admin/users',
  audit: '/admin/audit',
} as const;

export const NAVIGATION: readonly NavEntry[] = [
  { key: PATHS.home, label: '首页', icon: 'home' },
  { key: PATHS.reporting, label: '进展填报', icon: 'reporting' },
  { key: PATHS.assessments, label: '第三方测评', icon: 'assessments' },
  { key: PATHS.trainings, label: '培训', icon: 'trainings' },
  { key: PATHS.scorecards, label: '考评', icon: 'scorecards' },
  {
    key: '/admin',
    label: '系统管理',
    icon: 'admin',
    children: [
      { key: PATHS.users, label: '用户管理', roles: ['ADMIN'] },
      { key: PATHS.audit, label: '审计日志', roles: ['AUDITOR'] },
    ],
  },
];

/** The menu for a user: entries their roles allow; groups left empty disappear. */
export function navigationFor(
  roles: readonly Role[],
  entries: readonly NavEntry[] = NAVIGATION,
): NavEntry[] {
  const out: NavEntry[] = [];
  for (const entry of entries) {
    if (entry.roles && !entry.roles.some((r) => roles.includes(r))) continue;
    if (entry.children) {
      const children = navigationFor(roles, entry.children);
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
