import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import {
  AuditCheckpointDto,
  AuditEventPageDto,
  AuditEventsFilterInput,
  AuditExportDto,
  AuditExportInput,
  AuditVerificationDto,
} from './dtos/audit-event.dto';
import { AuditEventsService } from './audit-events.service';

@Resolver()
@Roles(Role.AUDITOR)
export class AuditEventsResolver {
  constructor(private readonly events: AuditEventsService) {}

  @Query(() => AuditEventPageDto, { description: '审计日志（仅审计管理员）' })
  auditEvents(
    @CurrentScope() scope: Scope,
    @Args('filter', { type: () => AuditEventsFilterInput, nullable: true })
    filter?: AuditEventsFilterInput,
  ): Promise<AuditEventPageDto> {
    return this.events.list(scope, filter ?? {});
  }

  @Query(() => AuditVerificationDto, { description: '校验审计链是否被篡改（仅审计管理员）' })
  verifyAuditTrail(@CurrentScope() scope: Scope): Promise<AuditVerificationDto> {
    return this.events.verify(scope);
  }

  @Mutation(() => AuditCheckpointDto, {
    description:
      '立即为审计链头写入签名检查点（数据库之外；另有每小时一次的定时检查点；仅审计管理员）',
  })
  async anchorAuditTrail(@CurrentScope() scope: Scope): Promise<AuditCheckpointDto> {
    const c = await this.events.anchor(scope);
    return { seq: c.seq, mac: c.mac, anchoredFromId: c.from, at: new Date(c.at) };
  }

  @Mutation(() => AuditExportDto, {
    description:
      '导出审计日志（CSV 或 JSON，含哈希与密钥签名；导出本身记入审计日志；仅审计管理员）',
  })
  exportAuditTrail(
    @CurrentScope() scope: Scope,
    @Args('input', { type: () => AuditExportInput }) input: AuditExportInput,
  ): Promise<AuditExportDto> {
    return this.events.export(scope, input);
  }
}
