import { Injectable } from '@nestjs/common';

/** One readiness condition: resolves with null when fine, or a short reason why not. */
export type ReadinessCheck = () => Promise<string | null>;

/**
 * What /health/ready reports besides the database: conditions other parts register (the job
 * queue registers "queue running") and the draining flag set by graceful shutdown, so that a
 * load balancer stops sending requests before the server stops accepting them.
 */
@Injectable()
export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private drainingSince: Date | null = null;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  markDraining(): void {
    this.drainingSince ??= new Date();
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Each registered condition and its state ('ok' or the reason). */
  async evaluate(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const [name, check] of this.checks) {
      try {
        out[name] = (await check()) ?? 'ok';
      } catch (error) {
        out[name] = error instanceof Error ? error.message : String(error);
      }
    }
    return out;
  }
}
