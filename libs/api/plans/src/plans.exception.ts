import { AppError, ErrorCode } from '@sunshine/api/core';

export enum PlansErrorReason {
  PLAN_NOT_DRAFT = 'PLAN_NOT_DRAFT',
  PLAN_NOT_PUBLISHED = 'PLAN_NOT_PUBLISHED',
  PLAN_EMPTY = 'PLAN_EMPTY',
  PLAN_YEAR_EXISTS = 'PLAN_YEAR_EXISTS',
  BAD_DEADLINE = 'BAD_DEADLINE',
  DUPLICATE_NUMBER = 'DUPLICATE_NUMBER',
  CATEGORY_NOT_EMPTY = 'CATEGORY_NOT_EMPTY',
  LEVEL_NOT_ISSUER = 'LEVEL_NOT_ISSUER',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  ASSIGNMENT_LEVEL = 'ASSIGNMENT_LEVEL',
}

export const PlansException = {
  notDraft: (): AppError =>
    new AppError(ErrorCode.CONFLICT, PlansErrorReason.PLAN_NOT_DRAFT, '计划已发布，不能执行此操作'),
  notPublished: (): AppError =>
    new AppError(ErrorCode.CONFLICT, PlansErrorReason.PLAN_NOT_PUBLISHED, '计划尚未发布'),
  empty: (): AppError =>
    AppError.badInput(PlansErrorReason.PLAN_EMPTY, '计划中还没有任务，不能发布'),
  yearExists: (year: number): AppError =>
    new AppError(ErrorCode.CONFLICT, PlansErrorReason.PLAN_YEAR_EXISTS, `${year}年度的计划已存在`),
  badDeadline: (message: string): AppError =>
    AppError.badInput(PlansErrorReason.BAD_DEADLINE, message, [{ field: 'deadlineText', message }]),
  duplicateNumber: (n: string): AppError =>
    new AppError(ErrorCode.CONFLICT, PlansErrorReason.DUPLICATE_NUMBER, `序号 ${n} 已存在`, {
      fields: [{ field: 'number', message: `序号 ${n} 已存在` }],
    }),
  categoryNotEmpty: (): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      PlansErrorReason.CATEGORY_NOT_EMPTY,
      '类别下还有任务，不能删除',
    ),
  notIssuerLevel: (): AppError =>
    new AppError(
      ErrorCode.FORBIDDEN,
      PlansErrorReason.LEVEL_NOT_ISSUER,
      '只有省级（或更高层级）单位可以制定年度计划',
    ),
  versionConflict: (what: string, current: Record<string, unknown>): AppError =>
    AppError.conflict(PlansErrorReason.VERSION_CONFLICT, `${what}已被他人修改，请刷新后重试`, {
      current,
    }),
  assignmentLevel: (): AppError =>
    AppError.badInput(PlansErrorReason.ASSIGNMENT_LEVEL, '只能把任务分解给计划下达单位的下级单位'),
};
