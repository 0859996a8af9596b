import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationDto } from '@sunshine/api/core';

@ObjectType('AnnualReportCell', {
  description: '表格单元格：key 为格式中的稳定键（如 t3.received.natural），value 为空表示未填',
})
export class AnnualReportCellDto {
  @Field(() => String) key!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
}

@ObjectType('AnnualReportSections', {
  description: '正文：一 总体情况，五 存在的主要问题及改进情况，六 其他需要报告的事项',
})
export class AnnualReportSectionsDto {
  @Field(() => String) overview!: string;
  @Field(() => String) problems!: string;
  @Field(() => String) other!: string;
}

@ObjectType('AnnualReportCheck', { description: '勾稽关系及其他检查的结果' })
export class AnnualReportCheckDto {
  @Field(() => String, { description: '规则编号，如 T3_BALANCE:natural' }) rule!: string;
  @Field(() => [String], { description: '涉及的单元格键' }) cells!: string[];
  @Field(() => String) message!: string;
  @Field(() => String, { description: 'ERROR（不能提交）/ WARNING（提示）' }) severity!: string;
}

@ObjectType('AnnualReportEvent', { description: '流转记录' })
export class AnnualReportEventDto {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'SAVE / SUBMIT / APPROVE / ACCEPT / RETURN' })
  action!: string;
  @Field(() => String) fromStatus!: string;
  @Field(() => String) toStatus!: string;
  @Field(() => String) reason!: string;
  @Field(() => String) actorName!: string;
  @Field(() => Date) at!: Date;
}

@ObjectType('AnnualReport', { description: '政府信息公开工作年度报告（一个单位一年一份）' })
export class AnnualReportDto {
  @Field(() => ID, { nullable: true, description: '尚未保存过时为空' }) id!: string | null;
  @Field(() => Int) year!: number;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => String, { description: 'DRAFT / SUBMITTED / APPROVED / ACCEPTED / RETURNED' })
  status!: string;
  @Field(() => Int, { description: '乐观锁版本；未保存过为 0' }) version!: number;
  @Field(() => String, { description: '报告格式版本（如 2021 = 国办公开办函〔2021〕30号）' })
  formatVersion!: string;
  @Field(() => AnnualReportSectionsDto) sections!: AnnualReportSectionsDto;
  @Field(() => [AnnualReportCellDto], { description: '表二全部单元格，按表格顺序' })
  table2!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCellDto], { description: '表三全部单元格，按表格顺序（行 × 列）' })
  table3!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCellDto], { description: '表四全部单元格，按表格顺序' })
  table4!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCellDto], {
    description: '上年度报告的结转下年度继续办理（表三 上年结转 的预填值）；无上年度报告时为空',
  })
  carriedInPrefill!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCellDto], {
    description: '上年度报告的全部单元格（供表单实时运行与服务端相同的检查）；无上年度报告时为空',
  })
  previousValues!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCheckDto]) checks!: AnnualReportCheckDto[];
  @Field(() => String, { description: '截止日期 YYYY-MM-DD（次年 1 月 31 日）' }) deadline!: string;
  @Field(() => Boolean, { description: '逾期（首次提交晚于截止日期，或截止后仍未提交）' })
  late!: boolean;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => Date, { nullable: true }) acceptedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '最近一次退回的原因' }) returnReason!:
    string | null;
  @Field(() => [String], {
    description: '当前用户可执行的操作：SAVE / SUBMIT / APPROVE / ACCEPT / RETURN',
  })
  actions!: string[];
  @Field(() => [AnnualReportEventDto]) events!: AnnualReportEventDto[];
}

@ObjectType('AnnualReportSummaryRow', { description: '直属下级单位（含其下级）的年报完成情况' })
export class AnnualReportSummaryRowDto {
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => Int, { description: '应报单位数（该单位及其全部下级）' }) expected!: number;
  @Field(() => Int, { description: '已提交（含已审核、已确认）' }) submitted!: number;
  @Field(() => Int, { description: '上级已确认' }) accepted!: number;
  @Field(() => Int, { description: '逾期（逾期提交或逾期未提交）' }) late!: number;
  @Field(() => Int, { description: '已保存的报告中勾稽关系不平的单位数' }) failingChecks!: number;
  @Field(() => Int, { description: '已退回的单位数' }) returned!: number;
}

@ObjectType('AnnualReportSummary', {
  description: '年报统计：按直属下级单位汇总，及全辖区表格合计',
})
export class AnnualReportSummaryDto {
  @Field(() => Int) year!: number;
  @Field(() => OrganizationDto) organization!: OrganizationDto;
  @Field(() => String) deadline!: string;
  @Field(() => [AnnualReportSummaryRowDto]) rows!: AnnualReportSummaryRowDto[];
  @Field(() => AnnualReportSummaryRowDto, { description: '全辖区合计（含本单位）' })
  total!: AnnualReportSummaryRowDto;
  @Field(() => Int, { description: '参与合计的报告数（已提交、已审核、已确认）' })
  summedReports!: number;
  @Field(() => [AnnualReportCellDto], { description: '表二合计' }) table2!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCellDto], { description: '表三合计' }) table3!: AnnualReportCellDto[];
  @Field(() => [AnnualReportCellDto], { description: '表四合计' }) table4!: AnnualReportCellDto[];
}
