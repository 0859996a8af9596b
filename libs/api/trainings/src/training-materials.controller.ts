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
  Roles,
  type Scope,
} from '@sunshine/api/core';
import { Role } from '@sunshine/shared/domain';
import type { TrainingMaterialDto } from './dtos/training.dto';
import { TrainingMaterialsService } from './training-materials.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound() });

/** Training materials up and down. Documented in docs/api-files.md. */
@Controller('files')
export class TrainingMaterialsController {
  constructor(private readonly materials: TrainingMaterialsService) {}

  /**
   * Body: the file's bytes; header X-File-Name: the URI-encoded name; `?kind=SLIDES|HANDOUT|PHOTO|OTHER`.
   * Role, session and host are checked before the body is read.
   */
  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Post('trainings/:id/materials')
  async upload(
    @Param('id', uuid) id: string,
    @Query('kind') kindRaw: unknown,
    @CurrentScope() scope: Scope,
    @Req() req: Request,
  ): Promise<TrainingMaterialDto> {
    let kind;
    try {
      kind = this.materials.kindOf(kindRaw);
      await this.materials.assertUploadable(scope, id);
    } catch (error) {
      req.resume(); // the body is discarded as it arrives, never held
      throw error;
    }
    const body = await readBody(req, this.materials.maxBytes);
    return this.materials.upload(scope, id, kind, fileNameFrom(req, 'material'), body);
  }

  @Get('training-materials/:id')
  async download(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.materials.download(scope, id);
    res.setHeader('content-type', file.mime);
    res.setHeader('content-disposition', attachment(file.fileName));
    res.setHeader('x-content-sha256', file.sha256);
    res.setHeader('cache-control', 'private, no-store');
    res.end(file.content);
  }

  @Roles(Role.ADMIN, Role.ASSESSOR)
  @Delete('training-materials/:id')
  async remove(
    @Param('id', uuid) id: string,
    @CurrentScope() scope: Scope,
  ): Promise<{ ok: boolean }> {
    return { ok: await this.materials.remove(scope, id) };
  }
}
