/**
 * The audit trail's action and target codes, and their Chinese names: the one table the API
 * writes codes from (`AuditEventInput.action` is an `AuditAction`) and the audit log reads names
 * from. A code written anywhere without a name here fails the type check, and the unit test
 * `tools/testing/src/__tests__/audit-action-labels.spec.ts` scans the sources for codes too.
 */

/** Groups of the audit log's action filter. */
export type AuditActionGroup =
  | '登录与会话'
  | '账户管理'
  | '任务清单'
  | '进展填报'
  | '第三方测评'
  | '培训'
  | '考评'
  | '年度报告'
  | '审计与系统';

interface ActionEntry {
  label: string;
  group: AuditActionGroup;
}

const entry = (label: string, group: AuditActionGroup): ActionEntry => ({ label, group });

export const AUDIT_ACTIONS = {
  LOGIN: entry('登录', '登录与会话'),
  LOGOUT: entry('退出登录', '登录与会话'),
  REFRESH: entry('刷新会话', '登录与会话'),
  SESSION_IDLE_TIMEOUT: entry('会话超时', '登录与会话'),
  REFRESH_TOKEN_REUSE: entry('刷新令牌被重复使用', '登录与会话'),
  ACCOUNT_LOCKED: entry('账户锁定', '登录与会话'),
  PASSWORD_CHANGE: entry('修改密码', '登录与会话'),
  SECOND_FACTOR_ENROL: entry('启用两步验证', '登录与会话'),
  SESSION_END: entry('结束登录设备', '登录与会话'),
  USER_CREATE: entry('新建用户', '账户管理'),
  USER_UPDATE: entry('修改用户', '账户管理'),
  USER_DISABLE: entry('停用用户', '账户管理'),
  USER_ENABLE: entry('启用用户', '账户管理'),
  USER_PASSWORD_RESET: entry('重置密码', '账户管理'),
  USER_UNLOCK: entry('解除锁定', '账户管理'),
  SECOND_FACTOR_RESET: entry('重置两步验证', '账户管理'),
  USER_SESSIONS_END: entry('结束用户全部会话', '账户管理'),
  PLAN_CREATE: entry('新建任务清单', '任务清单'),
  PLAN_UPDATE: entry('修改任务清单', '任务清单'),
  PLAN_IMPORT: entry('导入任务清单', '任务清单'),
  PLAN_PUBLISH: entry('发布任务清单', '任务清单'),
  PLAN_CLOSE: entry('关闭任务清单', '任务清单'),
  PLAN_CATEGORY_CREATE: entry('新增任务类别', '任务清单'),
  PLAN_CATEGORY_DELETE: entry('删除任务类别', '任务清单'),
  PLAN_TASK_CREATE: entry('新增任务', '任务清单'),
  PLAN_TASK_UPDATE: entry('修改任务', '任务清单'),
  PLAN_TASK_ADJUST: entry('调整已发布任务', '任务清单'),
  PLAN_TASK_DELETE: entry('删除任务', '任务清单'),
  ASSIGNMENT_ADD: entry('增加任务分配', '任务清单'),
  ASSIGNMENT_REMOVE: entry('取消任务分配', '任务清单'),
  REPORT_CREATE: entry('新建季度进展', '进展填报'),
  REPORT_SAVE: entry('保存进展草稿', '进展填报'),
  REPORT_SUBMIT: entry('提交进展', '进展填报'),
  REPORT_APPROVE: entry('审核通过', '进展填报'),
  REPORT_REJECT_BY_REVIEWER: entry('审核退回', '进展填报'),
  REPORT_ACCEPT: entry('验收通过', '进展填报'),
  REPORT_RETURN: entry('验收退回', '进展填报'),
  EVIDENCE_UPLOAD: entry('上传佐证材料', '进展填报'),
  EVIDENCE_DELETE: entry('删除佐证材料', '进展填报'),
  REMINDERS_SEND: entry('催办', '进展填报'),
  REMINDER_LETTER_EXPORT: entry('生成催办函', '进展填报'),
  ASSESSMENT_ROUND_CREATE: entry('新建测评批次', '第三方测评'),
  ASSESSMENT_ROUND_PUBLISH: entry('发布测评批次', '第三方测评'),
  ASSESSMENT_ROUND_CLOSE: entry('关闭测评批次', '第三方测评'),
  ASSESSMENT_INDICATORS_CREATE: entry('新建测评指标体系', '第三方测评'),
  ASSESSMENT_ISSUE_ADD: entry('录入测评问题', '第三方测评'),
  ASSESSMENT_RECTIFICATION_SAVE: entry('保存整改情况', '第三方测评'),
  ASSESSMENT_RECTIFICATION_SUBMIT: entry('提交整改情况', '第三方测评'),
  ASSESSMENT_DISPUTE: entry('申诉无需整改', '第三方测评'),
  ASSESSMENT_RECTIFICATION_APPROVE: entry('审核整改情况', '第三方测评'),
  ASSESSMENT_ISSUE_VERIFY: entry('复核销号', '第三方测评'),
  ASSESSMENT_ISSUE_RETURN: entry('复核退回', '第三方测评'),
  ASSESSMENT_DISPUTE_DECIDE: entry('裁定申诉', '第三方测评'),
  ASSESSMENT_ISSUE_IMPORT: entry('导入测评问题清单', '第三方测评'),
  ASSESSMENT_INDICATORS_IMPORT: entry('导入测评指标体系', '第三方测评'),
  ASSESSMENT_RECTIFICATION_EXPORT: entry('导出整改链接表', '第三方测评'),
  ASSESSMENT_RECTIFICATION_SEND_BACK: entry('审核退回整改情况', '第三方测评'),
  ASSESSMENT_ISSUE_DEADLINE: entry('调整测评问题整改期限', '第三方测评'),
  ASSESSMENT_REMINDERS_SEND: entry('测评整改催办', '第三方测评'),
  ASSESSMENT_FILE_UPLOAD: entry('上传测评附件', '第三方测评'),
  ASSESSMENT_FILE_DELETE: entry('删除测评附件', '第三方测评'),
  LINK_RECHECK: entry('重新检查链接', '第三方测评'),
  TRAINING_CREATE: entry('新建培训班', '培训'),
  TRAINING_UPDATE: entry('修改培训班', '培训'),
  TRAINING_STATUS: entry('变更培训班状态', '培训'),
  TRAINING_ATTENDANCE_ADD: entry('登记参训人员', '培训'),
  TRAINING_ATTENDANCE_UPDATE: entry('修改参训记录', '培训'),
  TRAINING_ATTENDANCE_REMOVE: entry('删除参训记录', '培训'),
  TRAINING_IMPORT: entry('导入签到表', '培训'),
  TRAINING_EXPORT: entry('导出参训名单（含联系电话）', '培训'),
  TRAINING_REQUIREMENT_SET: entry('设定年度培训要求', '培训'),
  TRAINING_MATERIAL_UPLOAD: entry('上传培训材料', '培训'),
  TRAINING_MATERIAL_DELETE: entry('删除培训材料', '培训'),
  TRAINING_COVERAGE_EXPORT: entry('导出培训覆盖情况', '培训'),
  TRAINING_CERTIFICATE: entry('出具培训学时证明', '培训'),
  SCORE_RUBRIC_SAVE: entry('保存考评细则（新版本）', '考评'),
  SCORE_ADJUSTMENT_ADD: entry('录入考评加减分或否决', '考评'),
  SCORECARD_PUBLISH: entry('考评结果定档', '考评'),
  SCORECARD_BULLETIN_EXPORT: entry('生成考评通报', '考评'),
  SCORECARD_EXPORT: entry('导出考评结果表格', '考评'),
  ANNUAL_REPORT_SAVE: entry('保存政府信息公开工作年度报告', '年度报告'),
  ANNUAL_REPORT_SUBMIT: entry('提交政府信息公开工作年度报告', '年度报告'),
  ANNUAL_REPORT_APPROVE: entry('审核政府信息公开工作年度报告', '年度报告'),
  ANNUAL_REPORT_ACCEPT: entry('上级确认政府信息公开工作年度报告', '年度报告'),
  ANNUAL_REPORT_RETURN: entry('退回政府信息公开工作年度报告', '年度报告'),
  ANNUAL_REPORT_REMIND: entry('催报政府信息公开工作年度报告', '年度报告'),
  ANNUAL_REPORT_IMPORT: entry('导入年度报告表格', '年度报告'),
  ANNUAL_REPORT_DOWNLOAD: entry('下载年度报告文档', '年度报告'),
  ANNUAL_REPORT_ZIP: entry('打包下载辖区年度报告', '年度报告'),
  AUDIT_ANCHOR: entry('写入审计链检查点', '审计与系统'),
  AUDIT_EXPORT: entry('导出审计日志', '审计与系统'),
  AUDIT_PURGE: entry('清理超过保存期限的审计日志', '审计与系统'),
  SEED_DEMO: entry('载入演示数据', '审计与系统'),
  SEED_ADMIN: entry('安装时创建管理员账户', '审计与系统'),
  SEED_NATIONAL: entry('载入全国数据', '审计与系统'),
} as const satisfies Record<string, ActionEntry>;

/** Every audit action code the system writes. */
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(code: string): code is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, code);
}

/** The Chinese name of an action code; a code from an older version shows as written. */
export function auditActionName(code: string): string {
  return isAuditAction(code) ? AUDIT_ACTIONS[code].label : code;
}

/** What an audit event is about (`AuditEventInput.targetType`). */
export const AUDIT_TARGETS = {
  User: '用户',
  Organization: '单位',
  Plan: '任务清单',
  PlanTask: '任务',
  Assignment: '任务分配',
  ProgressReport: '季度进展',
  EvidenceFile: '佐证材料',
  AssessmentRound: '测评批次',
  AssessmentIssue: '测评问题',
  AssessmentFile: '测评附件',
  IndicatorSystem: '测评指标体系',
  TrainingSession: '培训班',
  ScoreRubric: '考评细则',
  ScoreAdjustment: '考评加减分',
  PublishedScorecard: '考评结果',
  AnnualReport: '政府信息公开工作年度报告',
  Link: '链接',
  AuditTrail: '审计链',
  System: '系统',
} as const satisfies Record<string, string>;

export type AuditTarget = keyof typeof AUDIT_TARGETS;

export function isAuditTarget(code: string): code is AuditTarget {
  return Object.prototype.hasOwnProperty.call(AUDIT_TARGETS, code);
}

/** The Chinese name of a target type; a type from an older version shows as written. */
export function auditTargetName(code: string): string {
  return isAuditTarget(code) ? AUDIT_TARGETS[code] : code;
}

/** Results of an audit event. */
export const AUDIT_RESULTS = { SUCCESS: '成功', FAILURE: '失败' } as const;
