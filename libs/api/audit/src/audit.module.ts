import { Module } from '@nestjs/common';
import { AuditChainRepository } from './audit-chain.repository';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsResolver } from './audit-events.resolver';
import { AuditEventsService } from './audit-events.service';
import { AuditRetention } from './audit-retention.service';

@Module({
  providers: [
    AuditEventsRepository,
    AuditChainRepository,
    AuditEventsService,
    AuditEventsResolver,
    AuditRetention,
  ],
  exports: [AuditRetention],
})
export class AuditModule {}
