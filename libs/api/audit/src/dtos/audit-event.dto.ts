import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageLimit, PageOffset, type PageSize } from '@sunshine/api/core';
import {
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxDate,
  MaxLength,
  MinDate,
} from 'class-validator';

/** Page size of the audit log (the default is the service's own). */
/** Dates the audit log can be searched between (the product's first and last business years). */
const EARLIEST = new Date('2000-01-01T00:00:00+08:00');
const LATEST = new Date('2101-01-01T00:00:00+08:00');

export const AUDIT_EVENTS_PAGE: PageSize = { default: 50, max: 500 };

@ObjectType('AuditTarget', { description: '审计事件的对象，以中文命名' })
export class AuditTargetDto {
  @Field(() => String, { description: '对象类型代码（如 ProgressReport）' }) type!: string;
  @Field(() => String, { description: '对象类型的中文名称（如 季度进展）' }) typeLabel!: string;
  @Field(() => ID, { nullable: true }) id!: string | null;
  @Field(() => String, {
    nullable: true,
    description: '对象名称：任务编号与标题、单位名称、文件名、用户姓名等；无从得知时为空',
  })
  name!: string | null;
  @Field(() => String, { nullable: true, description: '补充说明，如季度、所属任务或单位' })
  detail!: string | null;
}

@ObjectType('AuditEvent', { description: '审计事件' })
export class AuditEventDto {
  @Field(() => ID) id!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => String, { nullable: true }) username!: string | null;
  @Field(() => ID, { nullable: true }) organizationId!: string | null;
  @Field(() => String, { nullable: true }) organizationName!: string | null;
  @Field(() => String) action!: string;
  @Field(() => String, { nullable: true }) targetType!: string | null;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field(() => String, { description: '操作的中文名称' }) actionLabel!: string;
  @Field(() => AuditTargetDto, { nullable: true, description: '对象及其名称' })
  target!: AuditTargetDto | null;
  @Field(() => String) result!: string;
  @Field(() => String, { nullable: true }) ip!: string | null;
  @Field(() => String, { nullable: true, description: '变更内容（JSON）' }) changes!: string | null;
  @Field(() => String) hash!: string;
}

@ObjectType('AuditEventPage')
export class AuditEventPageDto {
  @Field(() => [AuditEventDto]) items!: AuditEventDto[];
  @Field(() => Int) total!: number;
}

@ObjectType('AuditVerification', { description: '审计链校验结果' })
export class AuditVerificationDto {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int) checked!: number;
  @Field(() => ID, { nullable: true, description: '第一个被篡改、删除或乱序的事件' })
  firstBrokenId!: string | null;
  @Field(() => Boolean, {
    description:
      '是否校验了整条审计链（省级审计管理员）；否则只逐条校验本单位及下级单位的事件，不含整链的数量与连续性',
  })
  wholeChain!: boolean;
  @Field(() => ID, {
    nullable: true,
    description:
      '第一个有密钥签名的事件：此后每个事件都由数据库之外的密钥签名；此前的事件只有哈希链，由它的签名间接锁定',
  })
  anchoredFromId!: string | null;
  @Field(() => Int, { description: '比对过的签名检查点数（保存在数据库之外）' })
  checkpoints!: number;
  @Field(() => Date, { nullable: true, description: '最近一个签名检查点的时间' })
  lastCheckpointAt!: Date | null;
  @Field(() => String, { nullable: true, description: '校验未通过的原因' })
  reason!: string | null;
}

@ObjectType('AuditCheckpoint', {
  description: '审计链检查点：链头事件及其签名，已签名并写入数据库之外的检查点文件',
})
export class AuditCheckpointDto {
  @Field(() => ID, { description: '链头事件' }) seq!: string;
  @Field(() => String, { description: '链头事件的密钥签名' }) mac!: string;
  @Field(() => ID, { description: '第一个有密钥签名的事件' }) anchoredFromId!: string;
  @Field(() => Date) at!: Date;
}

@InputType('AuditEventsFilter')
export class AuditEventsFilterInput {
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: '开始时间格式不正确' })
  @MinDate(EARLIEST, { message: '开始时间超出范围' })
  @MaxDate(LATEST, { message: '开始时间超出范围' })
  from?: Date;
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: '结束时间格式不正确' })
  @MinDate(EARLIEST, { message: '结束时间超出范围' })
  @MaxDate(LATEST, { message: '结束时间超出范围' })
  to?: Date;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '用户编号格式不正确' })
  userId?: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '单位编号格式不正确' })
  organizationId?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '操作类型过长' })
  action?: string;
  @Field(() => String, {
    nullable: true,
    description: '对象编号（与对象类型一起，查看同一对象的全部事件）',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '对象编号过长' })
  targetId?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(32, { message: '对象类型过长' })
  targetType?: string;
  @PageOffset() offset?: number;
  @PageLimit(AUDIT_EVENTS_PAGE) limit?: number;
}

export enum AuditExportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(AuditExportFormat, {
  name: 'AuditExportFormat',
  description: '审计日志导出格式',
  valuesMap: { CSV: { description: 'CSV（UTF-8，含 BOM）' }, JSON: { description: 'JSON' } },
});

/** Most events one export holds: a longer period is exported in parts. */
export const AUDIT_EXPORT_MAX = 50_000;

@InputType('AuditExportInput')
export class AuditExportInput {
  @Field(() => AuditExportFormat)
  @IsEnum(AuditExportFormat, { message: '导出格式不正确' })
  format!: AuditExportFormat;
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: '开始时间格式不正确' })
  @MinDate(EARLIEST, { message: '开始时间超出范围' })
  @MaxDate(LATEST, { message: '开始时间超出范围' })
  from?: Date;
  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate({ message: '结束时间格式不正确' })
  @MinDate(EARLIEST, { message: '结束时间超出范围' })
  @MaxDate(LATEST, { message: '结束时间超出范围' })
  to?: Date;
  @Field(() => String, { nullable: true, description: '只导出此操作类型' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: '操作类型过长' })
  action?: string;
}

@ObjectType('AuditExport', {
  description: '审计日志导出文件（含每个事件的链位置、哈希与密钥签名）；导出本身记入审计日志',
})
export class AuditExportDto {
  @Field(() => String) fileName!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String, { description: '文件内容' }) content!: string;
  @Field(() => Int) count!: number;
  @Field(() => Boolean, { description: '超过单次导出上限（50,000 条），请缩小时间范围分批导出' })
  truncated!: boolean;
}
