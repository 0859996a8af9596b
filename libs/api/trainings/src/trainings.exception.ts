import { AppError, ErrorCode } from '@sunshine/api/core';

export enum TrainingsErrorReason {
  BAD_DATES = 'TRAINING_BAD_DATES',
  BAD_HOURS = 'TRAINING_BAD_HOURS',
  ORGANISER_NAME = 'TRAINING_ORGANISER_NAME',
  INVITEE_OUTSIDE = 'TRAINING_INVITEE_OUTSIDE',
  STATUS_STEP = 'TRAINING_STATUS_STEP',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  NOT_INVITED = 'TRAINING_NOT_INVITED',
  REGISTRATION_CLOSED = 'TRAINING_REGISTRATION_CLOSED',
  DUPLICATE_PERSON = 'TRAINING_DUPLICATE_PERSON',
  CAPACITY = 'TRAINING_CAPACITY',
  HOURS_EXCEED = 'TRAINING_HOURS_EXCEED',
  BAD_PHONE = 'TRAINING_BAD_PHONE',
  ARCHIVED = 'TRAINING_ARCHIVED',
  NOT_ISSUER = 'TRAINING_REQUIREMENT_NOT_ISSUER',
  IMPORT_NO_HEADER = 'IMPORT_NO_HEADER',
  MATERIAL_TYPE = 'TRAINING_MATERIAL_TYPE',
  MATERIAL_UNSAFE = 'TRAINING_MATERIAL_UNSAFE',
  MATERIAL_EMPTY = 'TRAINING_MATERIAL_EMPTY',
  MATERIAL_KIND = 'TRAINING_MATERIAL_KIND',
  NOT_HOST = 'TRAINING_NOT_HOST',
  OUTSIDE_AUDIENCE = 'TRAINING_OUTSIDE_AUDIENCE',
  NO_CERTIFICATE = 'TRAINING_NO_CERTIFICATE',
  IMPORT_ROWS = 'IMPORT_ROWS',
}

const field = (
  name: string,
  message: string,
): { fields: Array<{ field: string; message: string }> } => ({
  fields: [{ field: name, message }],
});

export const TrainingsException = {
  badDates: (message: string): AppError =>
    AppError.badInput(TrainingsErrorReason.BAD_DATES, message, field('endDate', message).fields),
  badHours: (message: string): AppError =>
    AppError.badInput(TrainingsErrorReason.BAD_HOURS, message, field('hours', message).fields),
  organiserName: (): AppError =>
    AppError.badInput(
      TrainingsErrorReason.ORGANISER_NAME,
      '外单位举办的培训须填写举办单位名称',
      field('organiserName', '请填写举办单位名称').fields,
    ),
  inviteeOutside: (): AppError =>
    AppError.badInput(
      TrainingsErrorReason.INVITEE_OUTSIDE,
      '只能邀请本单位的下级单位参加培训',
      field('invitedOrganizationIds', '只能邀请下级单位').fields,
    ),
  statusStep: (from: string, to: string): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      TrainingsErrorReason.STATUS_STEP,
      `培训状态只能按“计划中 → 已举办 → 已归档”逐步变更（当前：${from}，目标：${to}）`,
    ),
  versionConflict: (): AppError =>
    AppError.conflict(TrainingsErrorReason.VERSION_CONFLICT, '培训班已被他人修改，请刷新后重试'),
  notInvited: (): AppError =>
    AppError.forbidden(TrainingsErrorReason.NOT_INVITED, '本单位未受邀参加该培训，不能报名'),
  registrationClosed: (): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      TrainingsErrorReason.REGISTRATION_CLOSED,
      '报名已截止或培训已举办，请联系举办单位登记',
    ),
  duplicatePerson: (name: string): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      TrainingsErrorReason.DUPLICATE_PERSON,
      `${name} 已在本培训班的名单中`,
      field('traineeName', '该人员已登记'),
    ),
  capacity: (capacity: number): AppError =>
    new AppError(
      ErrorCode.CONFLICT,
      TrainingsErrorReason.CAPACITY,
      `报名人数已达上限（${capacity} 人）`,
    ),
  hoursExceed: (max: number): AppError =>
    AppError.badInput(
      TrainingsErrorReason.HOURS_EXCEED,
      `参训学时不能超过培训班学时（${max}）`,
      field('hours', `不能超过 ${max} 学时`).fields,
    ),
  badPhone: (): AppError =>
    AppError.badInput(
      TrainingsErrorReason.BAD_PHONE,
      '联系电话格式不正确（手机 11 位或带区号的固定电话）',
      field('phone', '联系电话格式不正确').fields,
    ),
  archived: (): AppError =>
    new AppError(ErrorCode.CONFLICT, TrainingsErrorReason.ARCHIVED, '培训班已归档，不能修改'),
  notIssuer: (): AppError =>
    AppError.forbidden(
      TrainingsErrorReason.NOT_ISSUER,
      '只有省级（或更高层级）单位可以设定年度培训要求',
    ),
  materialType: (): AppError =>
    AppError.badInput(
      TrainingsErrorReason.MATERIAL_TYPE,
      '培训材料只能是 PDF、图片（JPG/PNG/GIF/WebP）、Word 或 Excel 文件',
    ),
  materialUnsafe: (): AppError =>
    AppError.badInput(
      TrainingsErrorReason.MATERIAL_UNSAFE,
      '文件结构不完整，或含有宏、脚本、可执行程序、网页或嵌入对象，不能作为培训材料上传',
    ),
  materialEmpty: (): AppError => AppError.badInput(TrainingsErrorReason.MATERIAL_EMPTY, '文件为空'),
  materialKind: (): AppError =>
    AppError.badInput(
      TrainingsErrorReason.MATERIAL_KIND,
      '材料类别只能是课件（SLIDES）、讲义（HANDOUT）、照片（PHOTO）或其他（OTHER）',
    ),
  notHost: (what: string): AppError =>
    AppError.forbidden(TrainingsErrorReason.NOT_HOST, `只有举办单位可以${what}`),
  outsideAudience: (message: string): AppError =>
    AppError.forbidden(TrainingsErrorReason.OUTSIDE_AUDIENCE, `${message}，本单位不能自行报名`),
  noCertificate: (): AppError =>
    new AppError(
      ErrorCode.NOT_FOUND,
      TrainingsErrorReason.NO_CERTIFICATE,
      '该年度没有可出具学时证明的参训记录',
    ),
};
