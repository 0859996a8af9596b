import { AppError, ErrorCode } from '@sunshine/api/core';
import {
  ANNUAL_REPORT_ACTION_LABELS,
  ANNUAL_REPORT_STATUS_LABELS,
  type AnnualCheck,
  type AnnualReportAction,
  type AnnualReportStatus,
} from '@sunshine/shared/domain';

export enum AnnualReportsErrorReason {
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  STATUS_STEP = 'ANNUAL_REPORT_STATUS_STEP',
  FAILING_RULES = 'ANNUAL_REPORT_FAILING_RULES',
  UNKNOWN_CELLS = 'ANNUAL_REPORT_UNKNOWN_CELLS',
  OWN_SUBMISSION = 'ANNUAL_REPORT_OWN_SUBMISSION',
  NOT_OVERSEER = 'ANNUAL_REPORT_NOT_OVERSEER',
  NOT_OWN = 'ANNUAL_REPORT_NOT_OWN_ORGANIZATION',
  NOT_SAVED = 'ANNUAL_REPORT_NOT_SAVED',
}

export const AnnualReportsException = {
  versionConflict: (): AppError =>
    AppError.conflict(
      AnnualReportsErrorReason.VERSION_CONFLICT,
      '年度报告已被他人修改，请刷新后重试',
    ),
  statusStep: (status: AnnualReportStatus, action: AnnualReportAction): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      AnnualReportsErrorReason.STATUS_STEP,
      `年度报告当前为“${ANNUAL_REPORT_STATUS_LABELS[status]}”，不能${ANNUAL_REPORT_ACTION_LABELS[action]}`,
    ),
  failingRules: (checks: readonly AnnualCheck[]): AppError =>
    new AppError(
      ErrorCode.BAD_USER_INPUT,
      AnnualReportsErrorReason.FAILING_RULES,
      `年度报告有 ${checks.length} 项勾稽关系或数值不符合要求，不能提交：${checks
        .slice(0, 5)
        .map((c) => c.message)
        .join('；')}${checks.length > 5 ? '……' : ''}`,
      {
        rules: checks.map((c) => ({ rule: c.rule, cells: c.cells, message: c.message })),
        fields: checks.map((c) => ({ field: c.cells[0] ?? c.rule, message: c.message })),
      },
    ),
  unknownCells: (keys: readonly string[]): AppError =>
    AppError.badInput(
      AnnualReportsErrorReason.UNKNOWN_CELLS,
      `报告格式中没有这些单元格：${keys.slice(0, 5).join('、')}`,
      keys.map((k) => ({ field: k, message: '报告格式中没有此单元格' })),
    ),
  ownSubmission: (): AppError =>
    AppError.forbidden(AnnualReportsErrorReason.OWN_SUBMISSION, '不能审核本人提交的年度报告'),
  notOverseer: (): AppError =>
    AppError.forbidden(
      AnnualReportsErrorReason.NOT_OVERSEER,
      '只有直接上级单位可以确认或退回年度报告',
    ),
  notOwn: (): AppError =>
    AppError.forbidden(AnnualReportsErrorReason.NOT_OWN, '只能填报、审核本单位的年度报告'),
  notSaved: (): AppError =>
    AppError.badInput(AnnualReportsErrorReason.NOT_SAVED, '年度报告尚未保存，请先保存再提交'),
};
