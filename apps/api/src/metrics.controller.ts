import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppError, Metrics, Public, type AppConfig } from '@sunshine/api/core';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint. With METRICS_TOKEN set it asks for `Authorization: Bearer <token>`;
 * without it only a caller on this host may scrape (a request forwarded by a proxy on this host
 * is not one: it carries X-Forwarded-For).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (token) {
      const header = req.headers.authorization ?? '';
      if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw AppError.unauthenticated(
          'METRICS_TOKEN',
          '访问 /metrics 需要正确的令牌（METRICS_TOKEN）',
        );
      }
    } else {
      const forwarded = req.headers['x-forwarded-for'] ?? req.headers.forwarded;
      if (forwarded || !LOOPBACK.test(req.socket.remoteAddress ?? '')) {
        throw AppError.forbidden(
          'METRICS_LOCAL_ONLY',
          '未设置 METRICS_TOKEN 时 /metrics 仅允许本机访问',
        );
      }
    }
    res.setHeader('Content-Type', this.metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await this.metrics.scrape());
  }
}
