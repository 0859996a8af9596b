import { AppError, ErrorCode } from '@sunshine/api/core';

/** Error reasons of the users module. */
export enum UsersErrorReason {
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  SELF_ACTION = 'SELF_ACTION',
  SELF_DEMOTION = 'SELF_DEMOTION',
  ASSESSOR_EXCLUSIVE = 'ASSESSOR_EXCLUSIVE',
  ASSESSOR_NEEDS_ORGS = 'ASSESSOR_NEEDS_ORGS',
}

export const UsersException = {
  usernameTaken: (): AppError =>
    new AppError(ErrorCode.CONFLICT, UsersErrorReason.USERNAME_TAKEN, '用户名已存在', {
      fields: [{ field: 'username', message: '用户名已存在' }],
    }),
  selfAction: (): AppError =>
    new AppError(ErrorCode.FORBIDDEN, UsersErrorReason.SELF_ACTION, '不能对本人账户执行此操作'),
  selfDemotion: (): AppError =>
    new AppError(ErrorCode.FORBIDDEN, UsersErrorReason.SELF_DEMOTION, '不能取消本人的管理员角色'),
  assessorExclusive: (): AppError =>
    AppError.badInput(UsersErrorReason.ASSESSOR_EXCLUSIVE, '第三方测评账户不能兼任其他角色', [
      { field: 'roles', message: '第三方测评账户不能兼任其他角色' },
    ]),
  assessorNeedsOrgs: (): AppError =>
    AppError.badInput(UsersErrorReason.ASSESSOR_NEEDS_ORGS, '请为第三方测评账户指定负责的单位', [
      { field: 'assessorOrganizationIds', message: '请指定负责的单位' },
    ]),
};
