import { Module } from '@nestjs/common';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditEventsResolver } from './audit-events.resolver';
import { AuditEventsService } from './audit-events.service';

@Module({ providers: [AuditEventsRepository, AuditEventsService, AuditEventsResolver] })
export class AuditModule {}
