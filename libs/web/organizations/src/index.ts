import { lazy } from 'react';

export {
  organizationTreeView,
  summarizeOrganizations,
  withCounts,
  type LevelCount,
  type OrganizationItem,
  type OrganizationNode,
  type OrganizationSummary,
  type OrganizationTreeView,
} from './lib/organization-summary';
export { useOrganizationOverview } from './lib/use-organization-overview';

/** 首页 (工作台), loaded on demand. */
export const HomePage = lazy(() =>
  import('./lib/home-page').then((m) => ({ default: m.HomePage })),
);
