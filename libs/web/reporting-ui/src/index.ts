export {
  actorLabel,
  completionStateView,
  reportEventView,
  reportStatusView,
  returnedStageLabel,
  type StatusView,
} from './lib/report-labels';
export { CompletionStateTag, ReportStatusTag } from './lib/report-tags';
export { ReportHistory, type ReportHistoryEvent } from './lib/report-history';
export {
  ReportNarrative,
  ReportSection,
  ReportText,
  type ReportNarrativeFields,
  type ReportSectionLayout,
  type ReportSectionProps,
} from './lib/report-narrative';
export { ReportProgressCell, ReportStatusCell } from './lib/report-cells';
export {
  EvidenceFileList,
  type EvidenceFileItem,
  type EvidenceFileListProps,
} from './lib/evidence-file-list';
export {
  EVIDENCE_ACCEPT,
  EVIDENCE_MAX_BYTES,
  evidenceFileProblem,
} from './lib/evidence-file-rules';
