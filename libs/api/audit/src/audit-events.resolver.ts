import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope, Roles, type Scope } from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import {
  AuditEventPageDto,
  AuditEventsFilterInput,
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
}
