import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The one source of "now" for business rules (quarters, due dates, lateness). A fixed clock
 * (SUNSHINE_CLOCK=2025-05-20T10:00:00+08:00) makes demo data, tests and screenshots stable.
 */
@Injectable()
export class Clock {
  private readonly fixedAt: number | null;
  private readonly startedAt = Date.now();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.fixedAt = config.clock ? config.clock.getTime() : null;
  }

  /** With a fixed clock, time still moves forward from the fixed instant at the real pace. */
  now(): Date {
    return this.fixedAt === null
      ? new Date()
      : new Date(this.fixedAt + (Date.now() - this.startedAt));
  }
}
