import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsEnum,
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
} from 'class-validator';
import { UUID_MESSAGE } from '@sunshine/api/core';
import { OrgLevel } from '@sunshine/shared/domain';
import { ScoreAdjustmentKindEnum } from './scorecard.dto';

@InputType('SaveRubricInput')
export class SaveRubricInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year!: number;
  @Field(() => OrgLevel, { description: '被考评单位层级：CITY 或 COUNTY' })
  @IsEnum(OrgLevel)
  level!: OrgLevel;
  @Field(() => String, { description: '细则 JSON：{ components, grades, bonusCap, vetoes }' })
  @IsString()
  @MinLength(2, { message: '请填写考评细则' })
  @MaxLength(10_000, { message: '考评细则不能超过 10000 字符' })
  content!: string;
  @Field(() => String, { nullable: true, description: '修订说明' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '修订说明不能超过 200 字' })
  note?: string;
}

@InputType('AddScoreAdjustmentInput')
export class AddScoreAdjustmentInput {
  @Field(() => ID) @IsUUID('all', { message: UUID_MESSAGE }) organizationId!: string;
  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year!: number;
  @Field(() => Int, { description: '计入第几季度起的累计（年度结果计入全部）' })
  @IsInt()
  @Min(1, { message: '季度应为1–4' })
  @Max(4, { message: '季度应为1–4' })
  quarter!: number;
  @Field(() => ScoreAdjustmentKindEnum)
  @IsEnum(ScoreAdjustmentKindEnum)
  kind!: ScoreAdjustmentKindEnum;
  @Field(() => Float, { nullable: true, description: '分值（加分、扣分必填，0.01–100；否决不填）' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '分值最多两位小数' })
  @Min(0, { message: '分值不能为负数' })
  @Max(100, { message: '分值不能超过100' })
  points?: number;
  @Field(() => String, { description: '理由（必填）' })
  @IsString()
  @Matches(/\S/, { message: '请填写加减分理由' })
  @MaxLength(500, { message: '理由不能超过 500 字' })
  reason!: string;
  @Field(() => String, { nullable: true, description: '佐证附件（文号、网址或文件编号）' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: '附件引用不能超过 500 字' })
  attachment?: string;
}

@InputType('PublishScorecardInput')
export class PublishScorecardInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000, { message: '年度不正确' })
  @Max(2100, { message: '年度不正确' })
  year!: number;
  @Field(() => Int, { nullable: true, description: '截至第几季度；空为年度结果' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: '季度应为1–4' })
  @Max(4, { message: '季度应为1–4' })
  quarter?: number | null;
  @Field(() => ID, { nullable: true, description: '被排名单位的上级（默认本单位）' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: '重新定档时必填：scorecardDiff 返回的 currentHash，表示已看过差异',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  confirmHash?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) note?: string;
}
