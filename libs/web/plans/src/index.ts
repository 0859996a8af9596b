import { lazy } from 'react';

export {
  canExportPlan,
  canManagePlan,
  checklistRows,
  chineseNumeral,
  defaultPlanTitle,
  isIssuerLevel,
  levelsLabel,
  planStatusView,
  type ChecklistRow,
} from './lib/plan-model';
export {
  checklistFileProblem,
  FIELD_OPTIONS,
  guessedMapping,
  importPercent,
  importPhaseText,
  mappingProblem,
  parseImportLine,
  problemRows,
  rowWarnings,
  warningSummary,
  type ChecklistLayout,
  type ColumnMapping,
  type ImportLine,
  type ImportPreview,
  type ImportProblem,
  type ImportWarning,
  type ProblemRow,
} from './lib/import/import-model';
export { taskFormValues, toTaskInput, type TaskFormValues } from './lib/detail/task-form-model';

/** 任务清单: the annual plans, loaded on demand. */
export const PlansPage = lazy(() =>
  import('./lib/list/plans-page').then((m) => ({ default: m.PlansPage })),
);
/** One plan's checklist (import, edit, publish for the issuer), loaded on demand. */
export const PlanDetailPage = lazy(() =>
  import('./lib/detail/plan-detail-page').then((m) => ({ default: m.PlanDetailPage })),
);
