import { Controller, Get, HttpException, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public, Readiness } from '@sunshine/api/core';
import { MIGRATIONS, migrationTimestamp } from '@sunshine/api/schema';

const EXPECTED_MIGRATIONS = MIGRATIONS.length;
const LATEST_MIGRATION = Math.max(...MIGRATIONS.map(migrationTimestamp));

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly readiness: Readiness,
  ) {}

  /** 200 when the database answers, 503 otherwise. */
  @Public()
  @Get()
  async health(): Promise<{ status: string; database: string }> {
    try {
      await this.ds.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch {
      throw new HttpException(
        { status: 'error', database: 'down' },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }

  /** Liveness: the process answers (restart it only when this fails). Touches nothing. */
  @Public()
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers, its migrations are exactly the ones this code knows, every
   * registered condition holds (the job queue running, when there is one), and the server is not
   * shutting down. 503 with the failing checks otherwise, so a load balancer sends no requests.
   */
  @Public()
  @Get('ready')
  async ready(
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ status: string; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    checks.shutdown = this.readiness.draining ? '正在停止' : 'ok';
    try {
      const [version] = (await this.ds.query(
        'SELECT applied, latest::text AS latest FROM app_schema_version()',
      )) as Array<{ applied: number; latest: string | null }>;
      checks.database = 'ok';
      const applied = version?.applied ?? 0;
      const latest = Number(version?.latest ?? 0);
      checks.migrations =
        applied === EXPECTED_MIGRATIONS && latest === LATEST_MIGRATION
          ? 'ok'
          : `数据库已执行 ${applied} 个迁移（最新 ${latest}），本程序需要 ${EXPECTED_MIGRATIONS} 个（最新 ${LATEST_MIGRATION}）`;
    } catch {
      checks.database = '数据库无法访问';
      checks.migrations = '未知';
    }
    Object.assign(checks, await this.readiness.evaluate());
    const ok = Object.values(checks).every((v) => v === 'ok');
    if (!ok) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ready' : 'not-ready', checks };
  }
}
