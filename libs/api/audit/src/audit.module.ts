import { Module } from '@nestjs/common';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsResolver } from './audit-events.resolver';
import { AuditEventsService } from './audit-events.service';
import { AuditTargetNames } from './audit-target-names';
import { AuditRetention } from './audit-retention.service';

@Module({
  providers: [
    AuditEventsRepository,
    AuditChainRepository,
    AuditEventsService,
    AuditTargetNames,
    AuditEventsResolver,
    AuditRetention,
  ],
  exports: [AuditRetention],
})
export class AuditModule {}
