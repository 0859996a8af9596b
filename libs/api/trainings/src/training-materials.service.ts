import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  AppError,
  AuditTrail,
  inspectEvidence,
  NOT_ACCEPTED,
  TenantDatabase,
  type AppConfig,
  type Scope,
} from '@sunshine/api/core';
import { TRAINING_MATERIAL_KINDS, type TrainingMaterialKind } from '@sunshine/shared/domain';
import type { TrainingMaterialDto } from './dtos/training.dto';
import { materialDto, TrainingMaterialsRepository } from './training-materials.repository';
import { TrainingsException } from './trainings.exception';
import { TrainingsService } from './trainings.service';

/**
 * Training materials (slides, handouts, photos): the evidence-file rules (type judged by the
 * whole content, hostile files refused, the upload limit), added and removed by the organiser,
 * downloadable by whoever may read the session.
 */
@Injectable()
export class TrainingMaterialsService {
  private readonly logger = new Logger(TrainingMaterialsService.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: TrainingsService,
    private readonly repo: TrainingMaterialsRepository,
  ) {}

  get maxBytes(): number {
    return this.config.maxUploadBytes;
  }

  kindOf(raw: unknown): TrainingMaterialKind {
    const k = typeof raw === 'string' && raw !== '' ? raw.toUpperCase() : 'OTHER';
    if (!(TRAINING_MATERIAL_KINDS as readonly string[]).includes(k))
      throw TrainingsException.materialKind();
    return k as TrainingMaterialKind;
  }

  /** Checked before the body is read: the session is visible, the caller its host, not archived. */
  async assertUploadable(scope: Scope, sessionId: string): Promise<void> {
    await this.db.run(scope, async (m) => {
      const s = await this.sessions.load(m, scope, sessionId);
      if (!this.sessions.isHost(scope, s)) throw TrainingsException.notHost('上传培训材料');
      if (s.status === 'ARCHIVED') throw TrainingsException.archived();
    });
  }

  async upload(
    scope: Scope,
    sessionId: string,
    kind: TrainingMaterialKind,
    fileName: string,
    content: Buffer,
  ): Promise<TrainingMaterialDto> {
    if (content.length === 0) throw TrainingsException.materialEmpty();
    const inspection = inspectEvidence(content);
    if (!inspection.type) {
      this.logger.warn(`material refused for session ${sessionId}: ${inspection.problem}`);
      throw inspection.problem === NOT_ACCEPTED
        ? TrainingsException.materialType()
        : TrainingsException.materialUnsafe();
    }
    const type = inspection.type;
    const ext = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : '';
    const name =
      ext && type.extensions.includes(ext)
        ? fileName
        : `${fileName.replace(/\.[^.]*$/, '')}.${type.extensions[0]}`;
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.db.run(scope, async (m) => {
      const s = await this.sessions.load(m, scope, sessionId);
      if (!this.sessions.isHost(scope, s)) throw TrainingsException.notHost('上传培训材料');
      if (s.status === 'ARCHIVED') throw TrainingsException.archived();
      const row = await this.repo.insert(m, {
        sessionId: s.id,
        sessionOrgId: s.organization_id,
        kind,
        fileName: name,
        mimeType: type.mime,
        content,
        sha256,
        uploadedBy: scope.userId,
      });
      if (!row) throw AppError.forbidden();
      await this.audit.record(m, scope, {
        action: 'TRAINING_MATERIAL_UPLOAD',
        targetType: 'TrainingSession',
        targetId: s.id,
        organizationId: s.organization_id,
        changes: { materialId: row.id, kind, fileName: name, sizeBytes: content.length, sha256 },
      });
      return materialDto(row);
    });
  }

  /** Whoever may read the session may download its materials. */
  async download(
    scope: Scope,
    id: string,
  ): Promise<{ fileName: string; mime: string; content: Buffer; sha256: string }> {
    return this.db.run(scope, async (m) => {
      const file = await this.repo.content(m, id);
      if (!file) throw AppError.notFound();
      await this.sessions.load(m, scope, file.session_id);
      return {
        fileName: file.file_name,
        mime: file.mime_type,
        content: file.content,
        sha256: file.sha256.trim(),
      };
    });
  }

  async remove(scope: Scope, id: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const file = await this.repo.find(m, id);
      if (!file) throw AppError.notFound();
      const s = await this.sessions.load(m, scope, file.session_id);
      if (!this.sessions.isHost(scope, s)) throw TrainingsException.notHost('删除培训材料');
      if (s.status === 'ARCHIVED') throw TrainingsException.archived();
      if ((await this.repo.delete(m, id)) === 0) throw AppError.notFound();
      await this.audit.record(m, scope, {
        action: 'TRAINING_MATERIAL_DELETE',
        targetType: 'TrainingSession',
        targetId: s.id,
        organizationId: s.organization_id,
        changes: { materialId: id, fileName: file.file_name },
      });
      return true;
    });
  }
}
