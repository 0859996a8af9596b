import { AppError, ErrorCode } from '@sunshine/api/core';
import type { ReportFieldProblem, TransitionErrorCode } from '@sunshine/shared/domain';

export enum ReportingErrorReason {
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  NOT_EDITABLE = 'NOT_EDITABLE',
  QUARTER_NOT_OPEN = 'QUARTER_NOT_OPEN',
  PLAN_NOT_OPEN = 'PLAN_NOT_OPEN',
  COMPLETION_MISMATCH = 'COMPLETION_MISMATCH',
  NOT_SUBMITTABLE = 'NOT_SUBMITTABLE',
  NOT_EDITOR = 'NOT_EDITOR',
  BAD_FILE_TYPE = 'BAD_FILE_TYPE',
  EMPTY_FILE = 'EMPTY_FILE',
  UNSAFE_FILE = 'UNSAFE_FILE',
  BATCH_SIZE = 'BATCH_SIZE',
  REMINDER_TOO_SOON = 'REMINDER_TOO_SOON',
  NO_PREVIOUS_REPORT = 'NO_PREVIOUS_REPORT',
}

const TRANSITION_CODE: Record<TransitionErrorCode, ErrorCode> = {
  INVALID_TRANSITION: ErrorCode.CONFLICT,
  FORBIDDEN_ROLE: ErrorCode.FORBIDDEN,
  FORBIDDEN_ORG: ErrorCode.FORBIDDEN,
  NOT_DIRECT_OVERSEER: ErrorCode.FORBIDDEN,
  SELF_APPROVAL: ErrorCode.FORBIDDEN,
  REASON_REQUIRED: ErrorCode.BAD_USER_INPUT,
  COMMENT_TOO_LONG: ErrorCode.BAD_USER_INPUT,
};

export const ReportingException = {
  transition: (code: TransitionErrorCode, message: string): AppError =>
    new AppError(TRANSITION_CODE[code], code, message),
  versionConflict: (current: Record<string, unknown>): AppError =>
    AppError.conflict(
      ReportingErrorReason.VERSION_CONFLICT,
      '该季度进展已被他人修改，请查看最新内容后再保存',
      { current },
    ),
  notEditable: (): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      ReportingErrorReason.NOT_EDITABLE,
      '季度进展已提交，不能再修改；如需修改请联系审核人退回',
    ),
  quarterNotOpen: (label: string): AppError =>
    AppError.badInput(ReportingErrorReason.QUARTER_NOT_OPEN, `${label}尚未开始，不能填报`),
  planNotOpen: (): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      ReportingErrorReason.PLAN_NOT_OPEN,
      '该计划未发布或已关闭，不能填报',
    ),
  completionMismatch: (message: string): AppError =>
    AppError.badInput(ReportingErrorReason.COMPLETION_MISMATCH, message, [
      { field: 'percent', message },
    ]),
  /** The report lacks what a submission needs; `fields` carries one Chinese message per field. */
  notSubmittable: (problems: readonly ReportFieldProblem[]): AppError =>
    AppError.badInput(
      ReportingErrorReason.NOT_SUBMITTABLE,
      problems.map((p) => p.message).join('；'),
      problems.map((p) => ({ field: p.field, message: p.message })),
    ),
  notEditor: (): AppError =>
    new AppError(
      ErrorCode.FORBIDDEN,
      ReportingErrorReason.NOT_EDITOR,
      '只有本单位填报员可以填写季度进展',
    ),
  badFileType: (): AppError =>
    AppError.badInput(
      ReportingErrorReason.BAD_FILE_TYPE,
      '只能上传 PDF、图片（JPG/PNG/GIF/WebP）、Word 或 Excel 文件',
    ),
  /** A known type whose structure is damaged or carries programs, scripts, macros or packages. */
  unsafeFile: (): AppError =>
    AppError.badInput(
      ReportingErrorReason.UNSAFE_FILE,
      '文件结构不完整，或含有宏、脚本、可执行程序、网页或嵌入对象，不能作为佐证材料上传',
    ),
  emptyFile: (): AppError => AppError.badInput(ReportingErrorReason.EMPTY_FILE, '文件为空'),
  batchSize: (max: number): AppError =>
    AppError.badInput(ReportingErrorReason.BATCH_SIZE, `请选择 1 到 ${max} 条季度进展`),
  /** A batch refused as a whole because of one item: the item is named in front of the reason. */
  batchItem: (e: AppError, index: number, label: string): AppError =>
    new AppError(e.code, e.reason, `第 ${index + 1} 项（${label}）：${e.message}；本批均未处理`, {
      ...e.details,
      index,
    }),
  reminderTooSoon: (last: string, next: string): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      ReportingErrorReason.REMINDER_TOO_SOON,
      `本季度已于${last}催办，${next}后才能再次催办`,
    ),
  noPreviousReport: (): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      ReportingErrorReason.NO_PREVIOUS_REPORT,
      '本年度此前各季度都没有该任务的进展，无可沿用',
    ),
};
