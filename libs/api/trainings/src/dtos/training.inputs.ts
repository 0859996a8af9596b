import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ISO_DAY, ISO_DAY_MESSAGE, UUID_MESSAGE } from '@sunshine/api/core';
import { TRAINING_STATUSES, type TrainingStatus } from '@sunshine/shared/domain';

const DAY = ISO_DAY;
const DAY_MESSAGE = ISO_DAY_MESSAGE;

@InputType('LecturerInput')
export class LecturerInput {
  @Field(() => String)
  @IsString()
  @MinLength(1, { message: '请填写授课人姓名' })
  @MaxLength(50, { message: '授课人姓名不能超过 50 字' })
  name!: string;
  @Field(() => String, { nullable: true, description: '职务或职称' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '职务不能超过 50 字' })
  title?: string;
  @Field(() => String, { nullable: true, description: '所在单位' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '单位名称不能超过 100 字' })
  organization?: string;
}

@InputType('TrainingSessionInput')
export class TrainingSessionInput {
  @Field(() => String)
  @IsString()
  @MinLength(2, { message: '请填写培训班名称' })
  @MaxLength(200, { message: '培训班名称不能超过 200 字' })
  title!: string;
  @Field(() => String, {
    nullable: true,
    description: '外单位举办时的单位名称（如第三方测评机构）',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: '举办单位名称不能超过 100 字' })
  organiserName?: string;
  @Field(() => String, { description: '开始日期 YYYY-MM-DD' })
  @Matches(DAY, { message: DAY_MESSAGE })
  startDate!: string;
  @Field(() => String, { description: '结束日期 YYYY-MM-DD（一天的培训同开始日期）' })
  @Matches(DAY, { message: DAY_MESSAGE })
  endDate!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '培训地点不能超过 200 字' })
  place?: string;
  @Field(() => Boolean, { nullable: true, description: '线上培训' })
  @IsOptional()
  @IsBoolean()
  online?: boolean;
  @Field(() => Float, { description: '学时' })
  @IsNumber({}, { message: '学时须为数字' })
  @Min(0.5, { message: '学时至少 0.5' })
  @Max(200, { message: '学时不能超过 200' })
  hours!: number;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30, { message: '培训专题不能超过 30 个' })
  @IsString({ each: true })
  @MaxLength(100, { each: true, message: '每个专题不能超过 100 字' })
  topics?: string[];
  @Field(() => [LecturerInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30, { message: '授课人不能超过 30 位' })
  @ValidateNested({ each: true })
  @Type(() => LecturerInput)
  lecturers?: LecturerInput[];
  @Field(() => [String], { nullable: true, description: '培训对象层级：CITY / COUNTY …' })
  @IsOptional()
  @IsIn(['PROVINCE', 'CITY', 'COUNTY'], { each: true, message: '培训对象层级不正确' })
  audienceLevels?: string[];
  @Field(() => [String], { nullable: true, description: '培训对象：分管领导、工作人员…' })
  @IsOptional()
  @ArrayMaxSize(10, { message: '培训对象不能超过 10 类' })
  @IsString({ each: true })
  @MaxLength(30, { each: true, message: '培训对象不能超过 30 字' })
  audienceRoles?: string[];
  @Field(() => [ID], { nullable: true, description: '受邀单位' })
  @IsOptional()
  @ArrayMaxSize(500, { message: '受邀单位不能超过 500 个' })
  @IsUUID('all', { each: true, message: UUID_MESSAGE })
  invitedOrganizationIds?: string[];
  @Field(() => Int, { nullable: true, description: '名额' })
  @IsOptional()
  @IsInt({ message: '名额须为整数' })
  @Min(1, { message: '名额至少 1 人' })
  @Max(5000, { message: '名额不能超过 5000 人' })
  capacity?: number;
  @Field(() => String, { nullable: true, description: '报名截止日期 YYYY-MM-DD' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  registrationDeadline?: string;
}

@InputType('UpdateTrainingSessionInput')
export class UpdateTrainingSessionInput extends TrainingSessionInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) id!: string;
  @Field(() => Int) @IsInt({ message: '版本号须为整数' }) version!: number;
  @Field(() => String, { nullable: true, description: 'PLANNED / HELD / ARCHIVED' })
  @IsOptional()
  @IsIn(TRAINING_STATUSES as TrainingStatus[], { message: '培训状态不正确' })
  status?: TrainingStatus;
}

@InputType('TrainingSessionFilter')
export class TrainingSessionFilter {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year?: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(TRAINING_STATUSES as TrainingStatus[], { message: '培训状态不正确' })
  status?: TrainingStatus;
  @Field(() => ID, { nullable: true, description: '举办单位' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '关键词不能超过 50 字' })
  keyword?: string;
}

@InputType('RecordAttendanceInput')
export class RecordAttendanceInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) sessionId!: string;
  @Field(() => ID, { nullable: true, description: '修改已有记录时填写' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  id?: string;
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) organizationId!: string;
  @Field(() => String)
  @IsString()
  @MinLength(1, { message: '请填写姓名' })
  @MaxLength(30, { message: '姓名不能超过 30 字' })
  traineeName!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: '职务不能超过 50 字' })
  post?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20, { message: '联系电话不能超过 20 位' })
  phone?: string;
  @Field(() => Boolean, { nullable: true, description: '已签到参训' })
  @IsOptional()
  @IsBoolean()
  attended?: boolean;
  @Field(() => Float, { nullable: true, description: '参训学时（默认培训班学时）' })
  @IsOptional()
  @IsNumber({}, { message: '学时须为数字' })
  @Min(0, { message: '学时不能为负' })
  hours?: number;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '备注不能超过 200 字' })
  note?: string;
}

@InputType('TrainingRequirementInput')
export class TrainingRequirementInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year!: number;
  @Field(() => String, { description: 'CITY / COUNTY' })
  @IsIn(['CITY', 'COUNTY'], { message: '层级只能是市级或县级' })
  level!: string;
  @Field(() => Int, { description: '至少参加省级培训的人数' })
  @IsInt({ message: '人数须为整数' })
  @Min(0, { message: '人数不能为负' })
  @Max(100, { message: '人数不能超过 100' })
  minProvinceAttendees!: number;
  @Field(() => Float, { description: '全年参训学时合计不少于' })
  @IsNumber({}, { message: '学时须为数字' })
  @Min(0, { message: '学时不能为负' })
  @Max(1000, { message: '学时不能超过 1000' })
  minHours!: number;
}
