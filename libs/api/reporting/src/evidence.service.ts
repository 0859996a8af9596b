import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppError,
  AuditTrail,
  TenantDatabase,
  type AppConfig,
  type Scope,
} from '@sunshine/api/core';
import { ReportStatus, Role } from '@sunshine/shared/domain';
import type { EvidenceFileDto } from './dtos/report.dto';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { sniffEvidenceType } from './file-type';
import { ProgressReportsRepository } from './progress-reports.repository';
import { evidenceDto } from './report-views';
import { ReportingException } from './reporting.exception';

/** Evidence files: type checked by content, stored with SHA-256, readable only where the report is. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: EvidenceFilesRepository,
    private readonly reports: ProgressReportsRepository,
  ) {}

  get maxBytes(): number {
    return this.config.maxUploadBytes;
  }

  async upload(
    scope: Scope,
    reportId: string,
    fileName: string,
    content: Buffer,
  ): Promise<EvidenceFileDto> {
    if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
    if (content.length === 0) throw ReportingException.emptyFile();
    const type = sniffEvidenceType(content);
    if (!type) throw ReportingException.badFileType();
    const ext = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : '';
    const name =
      ext && type.extensions.includes(ext)
        ? fileName
        : `${fileName.replace(/\.[^.]*$/, '')}.${type.extensions[0]}`;
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.db.run(scope, async (m) => {
      const report = await this.reports.lock(m, reportId);
      if (!report || !(await this.db.canSee(scope, report.organizationId)))
        throw AppError.notFound();
      this.db.assertOwnOrg(scope, report.organizationId, '只有本单位填报员可以上传佐证材料');
      if (report.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
      const row = await this.files.insert(m, {
        reportId: report.id,
        organizationId: report.organizationId,
        fileName: name,
        mimeType: type.mime,
        content,
        sha256,
        uploadedBy: scope.userId,
      });
      await this.reports.bumpVersion(m, report.id);
      await this.audit.record(m, scope, {
        action: 'EVIDENCE_UPLOAD',
        targetType: 'EvidenceFile',
        targetId: row.id,
        organizationId: report.organizationId,
        changes: { reportId: report.id, fileName: name, sizeBytes: content.length, sha256 },
      });
      return evidenceDto(row);
    });
  }

  async download(
    scope: Scope,
    id: string,
  ): Promise<{ fileName: string; mime: string; content: Buffer; sha256: string }> {
    const file = await this.db.run(scope, (m) => this.files.content(m, id));
    if (!file || !(await this.db.canSee(scope, file.organization_id))) throw AppError.notFound();
    return {
      fileName: file.file_name,
      mime: file.mime_type,
      content: file.content,
      sha256: file.sha256.trim(),
    };
  }

  async remove(scope: Scope, id: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const file = await this.files.owner(m, id);
      if (!file || !(await this.db.canSee(scope, file.organization_id))) throw AppError.notFound();
      this.db.assertOwnOrg(scope, file.organization_id, '只有本单位填报员可以删除佐证材料');
      if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
      const report = await this.reports.lock(m, file.report_id);
      if (!report || report.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
      if ((await this.files.delete(m, id)) === 0) throw AppError.notFound();
      await this.reports.bumpVersion(m, report.id);
      await this.audit.record(m, scope, {
        action: 'EVIDENCE_DELETE',
        targetType: 'EvidenceFile',
        targetId: id,
        organizationId: file.organization_id,
        changes: { fileName: file.file_name },
      });
      return true;
    });
  }
}
