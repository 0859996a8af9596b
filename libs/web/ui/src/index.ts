export { AppLayout, type AppLayoutProps, type AppLayoutUser, type NavItem } from './lib/app-layout';
export { EChart, type ChartItemClick, type EChartProps } from './lib/charts/echart';
export {
  bandColor,
  MAP_NO_DATA,
  MAP_RAMP,
  regionMapOption,
  shortRegionName,
  type MapBand,
  type MapChartOption,
  type MapDatum,
  type MapOptionInput,
  type MapRegion,
} from './lib/maps/map-option';
export {
  ReminderLetterButton,
  reminderLetterPath,
  type ReminderLetterButtonProps,
} from './lib/reminder-letter-button';
export { RegionMap, type RegionMapProps } from './lib/maps/region-map';
export type { RegionMapKind } from './lib/maps/region-maps';
export { ComingSoon, type ComingSoonProps } from './lib/coming-soon';
export { escapeHtml } from './lib/escape-html';
export { SunshineConfigProvider } from './lib/config-provider';
export {
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatDay,
  formatDeadline,
  deadlineNamesDate,
  formatFileSize,
  formatFraction,
  formatPercent,
  formatQuarter,
  isOrgLevel,
  isRole,
  orgLevelLabel,
  percentValue,
  roleLabel,
  roleLabels,
  type DateInput,
} from './lib/format';
export { PageHeader, type PageHeaderProps } from './lib/page-header';
export {
  EmptyState,
  ErrorState,
  LoadingState,
  type EmptyStateProps,
  type ErrorStateProps,
  type LoadingStateProps,
} from './lib/states';
export { StateBlock, type StateBlockProps, type StateTone } from './lib/state-block';
export { StatusPage, type StatusPageProps } from './lib/status-page';
export {
  BRAND_BLUE,
  HEADER_HEIGHT,
  PRODUCT_NAME,
  PRODUCT_TAGLINE,
  STICKY_TABLE_HEADER,
  sunshineTheme,
} from './lib/theme';
export {
  buildTree,
  filterTree,
  flattenTree,
  matchesText,
  type FilteredTree,
  type FlatNode,
  type TreeNode,
} from './lib/tree';
export { useUserActive } from './lib/use-user-active';
export {
  IMPORT_MAX_BYTES,
  importPercent,
  importPhaseText,
  problemDetail,
  problemRows,
  xlsxFileProblem,
  type ImportProblem,
  type ImportProgressLine,
  type ProblemRow,
} from './lib/import/import-model';
export {
  ImportDragger,
  ImportProblemTable,
  ImportProgress,
  type ImportDraggerProps,
  type ImportProblemTableProps,
  type ImportProgressProps,
} from './lib/import/import-parts';
