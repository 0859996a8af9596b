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
import { ProgressReportEntity } from './entities/progress-report.entity';
import { sniffEvidenceType } from './file-type';
import { ReportingException } from './reporting.exception';

interface FileRow {
  id: string;
  report_id: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

export function evidenceDto(r: FileRow): EvidenceFileDto {
  return {
    id: r.id,
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256.trim(),
    createdAt: r.created_at,
    downloadPath: `/files/evidence/${r.id}`,
  };
}

/** Evidence files: type checked by content, stored with SHA-256, readable only where the report is. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
      const report = await m
        .getRepository(ProgressReportEntity)
        .findOne({ where: { id: reportId }, lock: { mode: 'pessimistic_write' } });
      if (!report || !(await this.db.canSee(scope, report.organizationId)))
        throw AppError.notFound();
      this.db.assertOwnOrg(scope, report.organizationId, '只有本单位填报员可以上传佐证材料');
      if (report.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
      const [row] = (await m.query(
        `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         RETURNING id, report_id, file_name, mime_type, size_bytes, sha256, created_at`,
        [
          report.id,
          report.organizationId,
          name,
          type.mime,
          content.length,
          sha256,
          content,
          scope.userId,
        ],
      )) as FileRow[];
      await m.query(
        'UPDATE progress_reports SET version = version + 1, updated_at = now() WHERE id = $1',
        [report.id],
      );
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
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        'SELECT organization_id, file_name, mime_type, content, sha256 FROM evidence_files WHERE id = $1',
        [id],
      ),
    )) as Array<{
      organization_id: string;
      file_name: string;
      mime_type: string;
      content: Buffer;
      sha256: string;
    }>;
    if (!rows[0] || !(await this.db.canSee(scope, rows[0].organization_id)))
      throw AppError.notFound();
    return {
      fileName: rows[0].file_name,
      mime: rows[0].mime_type,
      content: rows[0].content,
      sha256: rows[0].sha256.trim(),
    };
  }

  async remove(scope: Scope, id: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const [file] = (await m.query(
        'SELECT id, report_id, organization_id, file_name FROM evidence_files WHERE id = $1',
        [id],
      )) as Array<{
        id: string;
        report_id: string;
        organization_id: string;
        file_name: string;
      }>;
      if (!file || !(await this.db.canSee(scope, file.organization_id))) throw AppError.notFound();
      this.db.assertOwnOrg(scope, file.organization_id, '只有本单位填报员可以删除佐证材料');
      if (!scope.roles.includes(Role.EDITOR)) throw ReportingException.notEditor();
      const report = await m
        .getRepository(ProgressReportEntity)
        .findOne({ where: { id: file.report_id }, lock: { mode: 'pessimistic_write' } });
      if (!report || report.status !== ReportStatus.DRAFT) throw ReportingException.notEditable();
      const res = (await m.query('DELETE FROM evidence_files WHERE id = $1', [id])) as [
        unknown[],
        number,
      ];
      if (res[1] === 0) throw AppError.notFound();
      await m.query(
        'UPDATE progress_reports SET version = version + 1, updated_at = now() WHERE id = $1',
        [report.id],
      );
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

  /** File lists for many reports at once (DataLoader). */
  async listFor(scope: Scope, reportIds: readonly string[]): Promise<EvidenceFileDto[][]> {
    const rows = (await this.db.run(scope, (m) =>
      m.query(
        `SELECT id, report_id, file_name, mime_type, size_bytes, sha256, created_at FROM evidence_files
         WHERE report_id = ANY($1) ORDER BY created_at`,
        [[...reportIds]],
      ),
    )) as FileRow[];
    return reportIds.map((id) => rows.filter((r) => r.report_id === id).map(evidenceDto));
  }
}
