import { Controller, Delete, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AppError,
  attachment,
  CurrentScope,
  fileNameFrom,
  readBody,
  type Scope,
} from '@sunshine/api/core';
import type { EvidenceFileDto } from './dtos/report.dto';
import { EvidenceService } from './evidence.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });

/** Evidence upload and download. Documented in docs/api-files.md. */
@Controller('files')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /**
   * Body: the file's bytes (any Content-Type); header X-File-Name: the URI-encoded file name.
   * Role, report and state are checked before the body is read.
   */
  @Post('reports/:id/evidence')
  async upload(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
  ): Promise<EvidenceFileDto> {
    try {
      await this.evidence.assertUploadable(scope, id);
    } catch (error) {
      req.resume(); // the body is discarded as it arrives, never held
      throw error;
    }
    const body = await readBody(req, this.evidence.maxBytes);
    return this.evidence.upload(scope, id, fileNameFrom(req, 'evidence'), body);
  }

  @Get('evidence/:id')
  async download(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.evidence.download(scope, id);
    res.setHeader('content-type', file.mime);
    res.setHeader('content-disposition', attachment(file.fileName));
    res.setHeader('x-content-sha256', file.sha256);
    res.setHeader('cache-control', 'private, no-store');
    res.end(file.content);
  }

  @Delete('evidence/:id')
  async remove(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<{ ok: boolean }> {
    return { ok: await this.evidence.remove(scope, id) };
  }
}
