import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';

@ObjectType('TrainingLecturer')
export class LecturerDto {
  @Field(() => String) name!: string;
  @Field(() => String) title!: string;
  @Field(() => String) organization!: string;
}

@ObjectType('TrainingAttendance', { description: '参训人员（手机号按权限脱敏）' })
export class TrainingAttendanceDto {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => String) traineeName!: string;
  @Field(() => String) post!: string;
  @Field(() => String, { description: '联系电话；无权查看全号时为 138****1234' })
  phone!: string;
  @Field(() => Boolean) phoneMasked!: boolean;
  @Field(() => Boolean) planned!: boolean;
  @Field(() => Boolean) attended!: boolean;
  @Field(() => Float) hours!: number;
  @Field(() => String) note!: string;
  @Field(() => String, { description: 'HOST / BUREAU / IMPORT' }) source!: string;
  @Field(() => String, {
    nullable: true,
    description: '登记时的提示（如职务不在培训对象之内）；仅 recordAttendance 返回',
  })
  warning?: string | null;
}

@ObjectType('TrainingSession', { description: '培训班' })
export class TrainingSessionDto {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationDto, { description: '举办（或登记）单位' })
  organization!: OrganizationDto;
  @Field(() => String, { description: 'OWN / EXTERNAL' }) organiserKind!: string;
  @Field(() => String, { nullable: true }) organiserName!: string | null;
  @Field(() => String, { description: '举办单位（显示用）' }) organiserLabel!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) title!: string;
  @Field(() => String) startDate!: string;
  @Field(() => String) endDate!: string;
  @Field(() => String) place!: string;
  @Field(() => Boolean) online!: boolean;
  @Field(() => Float) hours!: number;
  @Field(() => [String]) topics!: string[];
  @Field(() => [LecturerDto]) lecturers!: LecturerDto[];
  @Field(() => [String]) audienceLevels!: string[];
  @Field(() => [String]) audienceRoles!: string[];
  @Field(() => [OrganizationDto]) invited!: OrganizationDto[];
  @Field(() => Int, { nullable: true }) capacity!: number | null;
  @Field(() => String, { nullable: true }) registrationDeadline!: string | null;
  @Field(() => String, { description: 'PLANNED / HELD / ARCHIVED' }) status!: string;
  @Field(() => Int) version!: number;
  @Field(() => Boolean, { description: '当前用户可编辑（举办单位管理员）' }) canEdit!: boolean;
  @Field(() => Int, { description: '可见的参训记录数' }) attendanceCount!: number;
  @Field(() => [TrainingAttendanceDto]) attendances!: TrainingAttendanceDto[];
  @Field(() => [TrainingMaterialDto], { description: '培训材料（能看到培训班即可下载）' })
  materials!: TrainingMaterialDto[];
}

@ObjectType('TrainingCoverageRow')
export class TrainingCoverageRowDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int, { description: '单位数（含下级）' }) bureaus!: number;
  @Field(() => Int, { description: '有人参训的单位数' }) bureausTrained!: number;
  @Field(() => Int, { description: '参训人数（同一人多次只计一次）' }) trainees!: number;
  @Field(() => Float, { description: '人次学时合计' }) personHours!: number;
  @Field(() => Float, { description: '覆盖率 0–1' }) coverageRate!: number;
  @Field(() => Float, { description: '每单位平均学时' }) hoursPerBureau!: number;
  @Field(() => Boolean, { description: '所含单位全部达到年度要求' }) meetsRequirement!: boolean;
  @Field(() => Int, { description: '达到年度要求的单位数' }) bureausMeeting!: number;
}

@ObjectType('TrainingRequirement')
export class TrainingRequirementDto {
  @Field(() => Int) year!: number;
  @Field(() => String) level!: string;
  @Field(() => Int) minProvinceAttendees!: number;
  @Field(() => Float) minHours!: number;
}

@ObjectType('TrainingCoverage', { description: '培训覆盖情况' })
export class TrainingCoverageDto {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: '季度（1–4）；为空表示全年' })
  quarter!: number | null;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => TrainingCoverageRowDto, { description: '合计' }) total!: TrainingCoverageRowDto;
  @Field(() => [TrainingCoverageRowDto], { description: '按直属下级单位' })
  rows!: TrainingCoverageRowDto[];
  @Field(() => [OrganizationDto], { description: '本年尚无人参训的单位' })
  untrainedBureaus!: OrganizationDto[];
  @Field(() => [TrainingRequirementDto]) requirements!: TrainingRequirementDto[];
}

@ObjectType('TrainingMaterial', { description: '培训材料（课件、讲义、照片）' })
export class TrainingMaterialDto {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'SLIDES / HANDOUT / PHOTO / OTHER' }) kind!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) mimeType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String) sha256!: string;
  @Field(() => Date) createdAt!: Date;
}
