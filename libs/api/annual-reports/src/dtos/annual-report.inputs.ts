import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  ANNUAL_CELL_MAX_VALUE as ANNUAL_CELL_MAX,
  ANNUAL_CELLS_MAX,
  ANNUAL_SECTION_MAX_LENGTH as ANNUAL_SECTION_MAX,
  UUID_MESSAGE,
} from '@sunshine/api/core';

@InputType('AnnualReportCellInput')
export class AnnualReportCellInput {
  @Field(() => String)
  @IsString()
  @MaxLength(64)
  key!: string;

  @Field(() => Float, { nullable: true, description: '空表示未填（合计时按 0 计）' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-ANNUAL_CELL_MAX)
  @Max(ANNUAL_CELL_MAX)
  value?: number | null;
}

@InputType('AnnualReportSectionsInput')
export class AnnualReportSectionsInput {
  @Field(() => String)
  @IsString()
  @MaxLength(ANNUAL_SECTION_MAX, { message: `总体情况不能超过 ${ANNUAL_SECTION_MAX} 字` })
  overview!: string;

  @Field(() => String)
  @IsString()
  @MaxLength(ANNUAL_SECTION_MAX, {
    message: `存在的主要问题及改进情况不能超过 ${ANNUAL_SECTION_MAX} 字`,
  })
  problems!: string;

  @Field(() => String)
  @IsString()
  @MaxLength(ANNUAL_SECTION_MAX, { message: `其他需要报告的事项不能超过 ${ANNUAL_SECTION_MAX} 字` })
  other!: string;
}

@InputType('SaveAnnualReportInput')
export class SaveAnnualReportInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => ID, { nullable: true, description: '默认为本单位' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string | null;

  @Field(() => Int, { description: '读取时的版本；首次保存为 0' })
  @IsInt()
  @Min(0)
  version!: number;

  @Field(() => AnnualReportSectionsInput)
  @ValidateNested()
  @Type(() => AnnualReportSectionsInput)
  sections!: AnnualReportSectionsInput;

  @Field(() => [AnnualReportCellInput], {
    description: '表二、表三、表四的单元格（未列出的单元格为空）',
  })
  @ArrayMaxSize(ANNUAL_CELLS_MAX)
  @ValidateNested({ each: true })
  @Type(() => AnnualReportCellInput)
  cells!: AnnualReportCellInput[];
}

@InputType('AnnualReportActionInput')
export class AnnualReportActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: UUID_MESSAGE })
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType('ReturnAnnualReportInput')
export class ReturnAnnualReportInput extends AnnualReportActionInput {
  @Field(() => String, { description: '退回原因（必填）' })
  @IsString()
  @MinLength(2, { message: '请填写退回原因' })
  @MaxLength(500, { message: '退回原因不能超过 500 字' })
  reason!: string;
}

@InputType('RemindAnnualReportsInput')
export class RemindAnnualReportsInput {
  @Field(() => Int)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => ID, { nullable: true, description: '默认为本单位：催办其下级中尚未提交的单位' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: '附言' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '附言不能超过 200 字' })
  message?: string | null;
}
