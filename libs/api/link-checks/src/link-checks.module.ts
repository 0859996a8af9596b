import { Global, Module } from '@nestjs/common';
import { LinkChecks } from '@sunshine/api/core';
import { LinkChecksResolver } from './link-checks.resolver';
import { LinkChecksService } from './link-checks.service';
import { LinksRepository } from './links.repository';

/** Global only for the LinkChecks port (assessments registers and reads links without importing this feature). */
@Global()
@Module({
  providers: [
    LinksRepository,
    LinkChecksService,
    LinkChecksResolver,
    { provide: LinkChecks, useExisting: LinkChecksService },
  ],
  exports: [LinkChecks],
})
export class LinkChecksModule {}
