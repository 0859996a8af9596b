import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';
import { OrgLevel } from '@sunshine/shared/domain';

export enum ScoreGradeEnum {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(ScoreGradeEnum, {
  name: 'ScoreGrade',
  description: '考评等次：EXCELLENT 优秀、GOOD 良好、PASS 合格、FAIL 不合格',
});

export enum ScoreAdjustmentKindEnum {
  BONUS = 'BONUS',
  DEDUCTION = 'DEDUCTION',
  VETO = 'VETO',
}
registerEnumType(ScoreAdjustmentKindEnum, {
  name: 'ScoreAdjustmentKind',
  description: 'BONUS 加分（有上限）、DEDUCTION 扣分、VETO 一票否决',
});

@ObjectType('ScoreSource', {
  description: '分值来源记录（任务分配、季度进展、测评问题、加减分等）',
})
export class ScoreSourceDto {
  @Field(() => String, {
    description:
      'Assignment / ProgressReport / ReportingQuarter / AssessmentIssue / TrainingCoverage / ScoreAdjustment / RubricComponent / Rubric',
  })
  type!: string;
  @Field(() => ID, {
    description: '记录编号（ReportingQuarter 为 2024Q1，TrainingCoverage 为年度）',
  })
  id!: string;
}

@ObjectType('ScoreBreakdownItem', { description: '得分明细：各项相加恰为总分' })
export class ScoreBreakdownItemDto {
  @Field(() => String, { description: '考评细则指标编码；adjustment 为加减分，total 为总分上下限' })
  component!: string;
  @Field(() => String) label!: string;
  @Field(() => Float) points!: number;
  @Field(() => ScoreSourceDto) source!: ScoreSourceDto;
  @Field(() => String, { nullable: true, description: '佐证附件（加减分）' })
  attachment!: string | null;
}

@ObjectType('ScoreComponentResult', { description: '指标得分（含指标组小计）' })
export class ScoreComponentDto {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String) kind!: string;
  @Field(() => Float) max!: number;
  @Field(() => Float) points!: number;
  @Field(() => Boolean, { description: '本期有数据来源；否则按满分计' }) applicable!: boolean;
}

@ObjectType('ScoreVeto', { description: '一票否决项' })
export class ScoreVetoDto {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => ScoreSourceDto) source!: ScoreSourceDto;
}

@ObjectType('ScorecardPublication', { description: '定档记录' })
export class ScorecardPublicationDto {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '第几次定档（更正后重新定档递增）' }) revision!: number;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String, { description: '内容哈希（SHA-256）' }) contentHash!: string;
  @Field(() => Int, { description: '所用考评细则版本（0 为系统默认细则）' }) rubricVersion!: number;
  @Field(() => String, { description: '计算所依据的日期' }) asOf!: string;
  @Field(() => String) note!: string;
}

@ObjectType('ScoreBreakdown', { description: '单位得分明细' })
export class ScoreBreakdownDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => OrganizationDto, { nullable: true, description: '考评单位' })
  assessor!: OrganizationDto | null;
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true, description: '截至第几季度；空为年度' }) quarter!:
    number | null;
  @Field(() => Float) score!: number;
  @Field(() => Float) maxScore!: number;
  @Field(() => ScoreGradeEnum) grade!: ScoreGradeEnum;
  @Field(() => String) gradeLabel!: string;
  @Field(() => Boolean) vetoed!: boolean;
  @Field(() => [ScoreVetoDto]) vetoes!: ScoreVetoDto[];
  @Field(() => Int, { nullable: true, description: '在同级单位中的名次（未定档时本单位查看为空）' })
  rank!: number | null;
  @Field(() => Int, { nullable: true, description: '参与排名的同级单位数' }) peers!: number | null;
  @Field(() => Float, { nullable: true, description: '较上年同期' }) change!: number | null;
  @Field(() => [ScoreBreakdownItemDto]) items!: ScoreBreakdownItemDto[];
  @Field(() => [ScoreComponentDto]) components!: ScoreComponentDto[];
  @Field(() => ScorecardPublicationDto, { nullable: true, description: '已定档时为定档记录' })
  publication!: ScorecardPublicationDto | null;
}

@ObjectType('ScorecardRow', { description: '考评排名中的一行' })
export class ScorecardRowDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Float) score!: number;
  @Field(() => ScoreGradeEnum) grade!: ScoreGradeEnum;
  @Field(() => String) gradeLabel!: string;
  @Field(() => Int, { nullable: true, description: '名次（并列同名次：1、2、2、4）' })
  rank!: number | null;
  @Field(() => Boolean) vetoed!: boolean;
  @Field(() => Float, { nullable: true, description: '较上年同期得分变化' }) change!: number | null;
  @Field(() => Float, { nullable: true }) previousScore!: number | null;
  @Field(() => [String], { description: '主要失分原因（失分最多的三项，及否决项）' })
  reasons!: string[];
}

@ObjectType('ScoreGradeCount')
export class ScoreGradeCountDto {
  @Field(() => ScoreGradeEnum) grade!: ScoreGradeEnum;
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('Scorecard', { description: '考评结果：某单位的直属下级单位排名' })
export class ScorecardDto {
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true }) quarter!: number | null;
  @Field(() => OrganizationDto, { description: '被排名单位的上级' }) organization!: OrganizationDto;
  @Field(() => OrganizationDto, { nullable: true, description: '考评单位' })
  assessor!: OrganizationDto | null;
  @Field(() => OrgLevel, { nullable: true, description: '被考评单位层级' }) level!: OrgLevel | null;
  @Field(() => Int, { description: '考评细则版本（0 为系统默认细则）' }) rubricVersion!: number;
  @Field(() => Float) maxScore!: number;
  @Field(() => [ScorecardRowDto]) rows!: ScorecardRowDto[];
  @Field(() => Float, { nullable: true }) average!: number | null;
  @Field(() => [ScoreGradeCountDto]) gradeDistribution!: ScoreGradeCountDto[];
  @Field(() => Int) vetoedCount!: number;
  @Field(() => [ScorecardRowDto], { description: '进步最大（较上年同期）' })
  mostImproved!: ScorecardRowDto[];
  @Field(() => ScorecardPublicationDto, { nullable: true, description: '已定档时为定档记录' })
  publication!: ScorecardPublicationDto | null;
}

@ObjectType('ScorecardDiffRow')
export class ScorecardDiffRowDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Float, { nullable: true }) publishedScore!: number | null;
  @Field(() => Float, { nullable: true }) currentScore!: number | null;
  @Field(() => ScoreGradeEnum, { nullable: true }) publishedGrade!: ScoreGradeEnum | null;
  @Field(() => ScoreGradeEnum, { nullable: true }) currentGrade!: ScoreGradeEnum | null;
  @Field(() => Boolean, { nullable: true }) publishedVetoed!: boolean | null;
  @Field(() => Boolean, { nullable: true }) currentVetoed!: boolean | null;
}

@ObjectType('ScorecardDiff', { description: '重新计算结果与已定档结果的差异' })
export class ScorecardDiffDto {
  @Field(() => ScorecardPublicationDto, { nullable: true })
  publication!: ScorecardPublicationDto | null;
  @Field(() => String, { description: '本次计算的内容哈希；重新定档时须提交以确认已看过差异' })
  currentHash!: string;
  @Field(() => Boolean, { description: '与已定档内容完全一致' }) unchanged!: boolean;
  @Field(() => Boolean) rubricChanged!: boolean;
  @Field(() => [ScorecardDiffRowDto]) rows!: ScorecardDiffRowDto[];
}

@ObjectType('RubricNode', { description: '考评细则的一项指标（按树的先序排列）' })
export class RubricNodeDto {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true }) parentKey!: string | null;
  @Field(() => Int) depth!: number;
  @Field(() => String) label!: string;
  @Field(() => String) kind!: string;
  @Field(() => String) kindLabel!: string;
  @Field(() => Float) max!: number;
}

@ObjectType('RubricGrades')
export class RubricGradesDto {
  @Field(() => Float) excellent!: number;
  @Field(() => Float) good!: number;
  @Field(() => Float) pass!: number;
}

@ObjectType('RubricVeto')
export class RubricVetoDto {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
}

@ObjectType('Rubric', { description: '考评细则（按年度、被考评层级，版本化）' })
export class RubricDto {
  @Field(() => ID, { nullable: true, description: '系统默认细则为空' }) id!: string | null;
  @Field(() => OrganizationDto, { nullable: true, description: '制定单位；默认细则为空' })
  organization!: OrganizationDto | null;
  @Field(() => Int) year!: number;
  @Field(() => OrgLevel) level!: OrgLevel;
  @Field(() => Int, { description: '版本（0 为系统默认细则）' }) version!: number;
  @Field(() => Boolean) isDefault!: boolean;
  @Field(() => Float) maxScore!: number;
  @Field(() => Float) bonusCap!: number;
  @Field(() => RubricGradesDto) grades!: RubricGradesDto;
  @Field(() => [RubricNodeDto]) nodes!: RubricNodeDto[];
  @Field(() => [RubricVetoDto]) vetoes!: RubricVetoDto[];
  @Field(() => String, { description: '细则 JSON（saveRubric 的 content 格式）' }) content!: string;
  @Field(() => String) note!: string;
  @Field(() => Date, { nullable: true }) createdAt!: Date | null;
}

@ObjectType('ScoreAdjustment', { description: '考评加减分或否决' })
export class ScoreAdjustmentDto {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => ID) assessorId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) quarter!: number;
  @Field(() => ScoreAdjustmentKindEnum) kind!: ScoreAdjustmentKindEnum;
  @Field(() => Float) points!: number;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) attachment!: string | null;
  @Field(() => Date) createdAt!: Date;
}
