export * from './link-checks.module';
export { LinkChecksResolver } from './link-checks.resolver';
export {
  eachLimited,
  LinkChecksService,
  LINK_CHECK_JOB,
  LINK_SWEEP_JOB,
  type CheckJob,
} from './link-checks.service';
export { LinkFetcher, type FetchResult, type FetchLimits } from './link-fetcher';
export { AllowList, isBlockedAddress, LINK_CHECK_USER_AGENT } from './url-policy';
