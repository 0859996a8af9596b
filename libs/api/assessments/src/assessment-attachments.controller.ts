import {
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AppError,
  attachment,
  CurrentScope,
  fileNameFrom,
  readBody,
  type Scope,
} from '@sunshine/api/core';
import { AssessmentFileDto } from './dtos/assessment-loop.dto';
import { AssessmentAttachmentsService } from './assessment-attachments.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });

/** Files on assessment issues: upload, download, delete. Documented in docs/api-files.md. */
@Controller('files')
export class AssessmentAttachmentsController {
  constructor(private readonly files: AssessmentAttachmentsService) {}

  /**
   * Body: the file's bytes; header X-File-Name: the URI-encoded name; `?kind=RECTIFICATION`
   * (default, the bureau's editor) or `EVIDENCE` (the round's assessor or issuer ADMIN). Role,
   * issue and state are checked before the body is read.
   */
  @Post('assessment-issues/:id/files')
  async upload(
    @Param('id', uuid) id: string,
    @Query('kind') rawKind: unknown,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
  ): Promise<AssessmentFileDto> {
    try {
      const kind = this.files.kindOf(rawKind);
      await this.files.assertUploadable(scope, id, kind);
    } catch (error) {
      req.resume(); // the body is discarded as it arrives, never held
      throw error;
    }
    const body = await readBody(req, this.files.maxBytes);
    const kind = this.files.kindOf(rawKind);
    return AssessmentFileDto.from(
      await this.files.upload(scope, id, kind, fileNameFrom(req, 'attachment'), body),
    );
  }

  @Get('assessment-files/:id')
  async download(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.files.download(scope, id);
    res.setHeader('content-type', file.mime);
    res.setHeader('content-disposition', attachment(file.fileName));
    res.setHeader('x-content-sha256', file.sha256);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'private, no-store');
    res.end(file.content);
  }

  @Delete('assessment-files/:id')
  async remove(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<{ ok: boolean }> {
    return { ok: await this.files.remove(scope, id) };
  }
}
