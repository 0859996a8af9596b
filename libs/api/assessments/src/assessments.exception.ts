import { AppError, ErrorCode } from '@sunshine/api/core';

export const AssessmentsException = {
  notFound: (): AppError => AppError.notFound('NOT_FOUND', '对象不存在或无权访问'),
  forbidden: (reason: string, message: string): AppError => AppError.forbidden(reason, message),
  roundNotDraft: (): AppError =>
    new AppError(ErrorCode.CONFLICT, 'ROUND_NOT_DRAFT', '测评批次已发布，不能执行此操作'),
  roundNotOpen: (): AppError =>
    new AppError(ErrorCode.CONFLICT, 'ROUND_NOT_OPEN', '测评批次未发布或已关闭，不能执行此操作'),
  roundClosed: (): AppError =>
    new AppError(ErrorCode.CONFLICT, 'ROUND_CLOSED', '测评批次已关闭，不能执行此操作'),
  notBureau: (): AppError =>
    AppError.badInput('NOT_IN_ROUND', '该单位不在本批次测评范围内', [
      { field: 'organizationId', message: '该单位不在本批次测评范围内' },
    ]),
  noBureaus: (): AppError =>
    AppError.badInput('NO_BUREAUS', '请选择参加测评的单位', [
      { field: 'bureauIds', message: '请选择参加测评的单位' },
    ]),
  badBureau: (): AppError =>
    AppError.badInput('BUREAU_NOT_SUBORDINATE', '测评单位须为本单位的下级单位', [
      { field: 'bureauIds', message: '测评单位须为本单位的下级单位' },
    ]),
  badAssessor: (): AppError =>
    AppError.badInput('NOT_ASSESSOR', '所选账户不是第三方测评账户', [
      { field: 'assessorUserIds', message: '所选账户不是第三方测评账户' },
    ]),
  badPeriod: (): AppError =>
    AppError.badInput('BAD_PERIOD', '测评期间的结束日期不能早于开始日期', [
      { field: 'periodEnd', message: '测评期间的结束日期不能早于开始日期' },
    ]),
  badIndicator: (): AppError =>
    AppError.badInput('BAD_INDICATOR', '指标不属于本批次的指标体系', [
      { field: 'indicatorId', message: '指标不属于本批次的指标体系' },
    ]),
  badIndicatorTree: (message: string): AppError =>
    AppError.badInput('BAD_INDICATOR_TREE', message, [{ field: 'indicators', message }]),
  emptyAnswer: (): AppError =>
    AppError.badInput('EMPTY_RECTIFICATION', '请填写整改措施或整改链接', [
      { field: 'measure', message: '请填写整改措施或整改链接' },
    ]),
  badLink: (link: string): AppError =>
    AppError.badInput('BAD_LINK', `整改链接须以 http:// 或 https:// 开头：${link.slice(0, 60)}`, [
      { field: 'links', message: '整改链接须以 http:// 或 https:// 开头' },
    ]),
  reasonRequired: (field = 'reason'): AppError =>
    AppError.badInput('REASON_REQUIRED', '请填写理由', [{ field, message: '请填写理由' }]),
  wrongStatus: (): AppError =>
    new AppError(ErrorCode.CONFLICT, 'WRONG_STATUS', '问题当前状态不允许此操作'),
  ownSubmission: (): AppError => AppError.forbidden('OWN_SUBMISSION', '不能审核本人提交的整改情况'),
  versionConflict: (version: number): AppError =>
    new AppError(ErrorCode.CONFLICT, 'VERSION_CONFLICT', '该问题已被他人修改，请刷新后重试', {
      current: { version },
    }),
  badDeadlineRule: (message: string): AppError =>
    AppError.badInput('BAD_DEADLINE_RULE', message, [
      { field: 'defaultDeadlineWorkingDays', message },
    ]),
  deadlineRuleChoice: (): AppError =>
    AppError.badInput(
      'BAD_DEADLINE_RULE',
      '请填写默认整改期限：具体日期或发布后的工作日数（二选一）',
      [{ field: 'defaultDeadline', message: '请填写具体日期或工作日数（二选一）' }],
    ),
  deadlinePast: (): AppError =>
    AppError.badInput('DEADLINE_PAST', '整改期限不能早于今天', [
      { field: 'deadline', message: '整改期限不能早于今天' },
    ]),
  badFileType: (): AppError =>
    AppError.badInput(
      'BAD_FILE_TYPE',
      '只能上传 PDF、图片（JPG/PNG/GIF/WebP）、Word 或 Excel 文件',
    ),
  unsafeFile: (): AppError =>
    AppError.badInput(
      'UNSAFE_FILE',
      '文件结构不完整，或含有宏、脚本、可执行程序、网页或嵌入对象，不能作为附件上传',
    ),
  emptyFile: (): AppError => AppError.badInput('EMPTY_FILE', '文件为空'),
  tooManyFiles: (max: number): AppError =>
    new AppError(ErrorCode.CONFLICT, 'TOO_MANY_FILES', `每个问题最多上传 ${max} 个附件`),
  notEditable: (): AppError =>
    new AppError(ErrorCode.CONFLICT, 'NOT_EDITABLE', '问题当前状态不能上传或删除整改附件'),
  badFileKind: (): AppError =>
    AppError.badInput(
      'BAD_FILE_KIND',
      '附件类别须为 RECTIFICATION（整改附件）或 EVIDENCE（测评佐证）',
    ),
};
