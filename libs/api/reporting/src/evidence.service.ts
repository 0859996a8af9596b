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
import { isVisibleAbove, ReportStatus, Role } from '@sunshine/shared/domain';
import type { ProgressReportEntity } from './entities/progress-report.entity';
import type { EvidenceFileDto } from './dtos/report.dto';
import { EvidenceFilesRepository } from './evidence-files.repository';
import { ProgressReportsRepository } from './progress-reports.repository';
import { evidenceDto } from './report-views';
import { ReportingException } from './reporting.exception';

/** Evidence files: type checked by content, stored with SHA-256, readable only where the report is. */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

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

  /**
   * The checks an upload must pass before its body is read: the caller is an EDITOR, the report
   * exists, is visible, belongs to the caller's organisation and is a draft. The same answers as
   * the upload itself (NOT_FOUND, FORBIDDEN, CONFLICT), so a 20 MB body from someone who may not
   * upload is never read into memory.
   */
  async assertUploadable(scope: Scope, reportId: string): Promise<void> {
    if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
    await this.db.run(scope, async (m) => {
      await this.assertDraftOfOwnOrg(scope, await this.reports.find(m, reportId));
    });
  }

  private async assertDraftOfOwnOrg(
    scope: Scope,
    report: ProgressReportEntity | null,
  ): Promise<ProgressReportEntity> {
    if (!report || !(await this.db.canSee(scope, report.organizationId))) throw AppError.notFound();
    this.db.assertOwnOrg(scope, report.organizationId, '只有本单位填报员可以上传佐证材料');
    if (report.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
    return report;
  }

  async upload(
    scope: Scope,
    reportId: string,
    fileName: string,
    content: Buffer,
  ): Promise<EvidenceFileDto> {
    if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
    if (content.length === 0) throw ReportingException.emptyFile();
    const inspection = inspectEvidence(content);
    if (!inspection.type) {
      this.logger.warn(`evidence refused for report ${reportId}: ${inspection.problem}`);
      throw inspection.problem === NOT_ACCEPTED
        ? ReportingException.badFileType()
        : ReportingException.unsafeFile();
    }
    const type = inspection.type;
    const ext = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : '';
    const name =
      ext && type.extensions.includes(ext)
        ? fileName
        : `${fileName.replace(/\.[^.]*$/, '')}.${type.extensions[0]}`;
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.db.run(scope, async (m) => {
      const report = await this.assertDraftOfOwnOrg(scope, await this.reports.lock(m, reportId));
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
    const file = await this.db.run(scope, async (m) => {
      const f = await this.files.owner(m, id);
      const report = f && (await this.reports.find(m, f.report_id));
      // A draft's files stay with its bureau, like the draft (isVisibleAbove).
      const visible =
        !!report &&
        (report.organizationId === scope.organizationId ||
          isVisibleAbove({
            status: report.status,
            returned: report.returnedStage
              ? { stage: report.returnedStage, userId: '', reason: '' }
              : null,
          }));
      return visible ? this.files.content(m, id) : null;
    });
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
