import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '@sunshine/api/core';

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

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
}
