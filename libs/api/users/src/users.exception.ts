import { AppError, ErrorCode } from '@sunshine/api/core';

/** Error reasons of the users module. */
export enum UsersErrorReason {
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  SELF_ACTION = 'SELF_ACTION',
  /** @deprecated answered as SELF_ROLES since any change of one's own roles is refused. */
  SELF_DEMOTION = 'SELF_DEMOTION',
  SELF_ROLES = 'SELF_ROLES',
  DUTY_SEPARATION = 'DUTY_SEPARATION',
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
  selfRoles: (): AppError =>
    new AppError(
      ErrorCode.FORBIDDEN,
      UsersErrorReason.SELF_ROLES,
      '不能修改本人的角色（三员分立：角色由其他管理员调整）',
    ),
  dutySeparation: (): AppError =>
    new AppError(
      ErrorCode.FORBIDDEN,
      UsersErrorReason.DUTY_SEPARATION,
      '根据“三员分立”要求，系统管理员只能管理业务账户，审计管理员和安全管理员账户由安全管理员管理',
    ),
  assessorExclusive: (): AppError =>
    AppError.badInput(UsersErrorReason.ASSESSOR_EXCLUSIVE, '第三方测评账户不能兼任其他角色', [
      { field: 'roles', message: '第三方测评账户不能兼任其他角色' },
    ]),
  assessorNeedsOrgs: (): AppError =>
    AppError.badInput(UsersErrorReason.ASSESSOR_NEEDS_ORGS, '请为第三方测评账户指定负责的单位', [
      { field: 'assessorOrganizationIds', message: '请指定负责的单位' },
    ]),
};
