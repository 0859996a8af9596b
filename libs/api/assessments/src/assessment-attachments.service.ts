import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  hasRole,
  inspectEvidence,
  NOT_ACCEPTED,
  TenantDatabase,
  type AppConfig,
  type Scope,
} from '@sunshine/api/core';
import { Role, type AssessmentIssueStatus } from '@sunshine/shared/domain';
import {
  AssessmentAttachmentsRepository,
  type AssessmentFileKind,
  type AssessmentFileRow,
} from './assessment-attachments.repository';
import { AssessmentsException } from './assessments.exception';
import { AssessmentsRepository, type IssueRow } from './assessments.repository';
import { AssessmentsService } from './assessments.service';

/** Files per issue and kind. */
export const MAX_FILES_PER_ISSUE = 20;

/** Statuses in which the bureau's editor may change its rectification (and its files). */
const EDITABLE: readonly AssessmentIssueStatus[] = ['OPEN', 'RECTIFYING', 'RETURNED'];

/**
 * Files on an issue, with reporting's evidence rules (core's `inspectEvidence`: type judged by the
 * whole structure, hostile content refused; `MAX_UPLOAD_MB`; SHA-256; bytes in PostgreSQL under
 * forced RLS): RECTIFICATION files by the bureau's own EDITOR while its answer is editable,
 * EVIDENCE by the round's assessor or issuer ADMIN while the round is open. Anyone who sees the
 * issue downloads them.
 */
@Injectable()
export class AssessmentAttachmentsService {
  private readonly logger = new Logger(AssessmentAttachmentsService.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: AssessmentAttachmentsRepository,
    private readonly repo: AssessmentsRepository,
    private readonly assessments: AssessmentsService,
  ) {}

  get maxBytes(): number {
    return this.config.maxUploadBytes;
  }

  /** The kind from the query string: RECTIFICATION (default) or EVIDENCE. */
  kindOf(raw: unknown): AssessmentFileKind {
    if (raw === undefined || raw === 'RECTIFICATION') return 'RECTIFICATION';
    if (raw === 'EVIDENCE') return 'EVIDENCE';
    throw AssessmentsException.badFileKind();
  }

  /** Who may add or remove a file of this kind on this issue (the same answers as the upload). */
  private async assertWritable(
    m: EntityManager,
    scope: Scope,
    issue: IssueRow,
    kind: AssessmentFileKind,
  ): Promise<void> {
    const round = await this.repo.findRound(m, issue.round_id);
    if (!round) throw AssessmentsException.notFound();
    if (kind === 'EVIDENCE') {
      await this.assessments.assertIssueEntry(m, scope, round);
      if (round.status === 'CLOSED') throw AssessmentsException.roundClosed();
      return;
    }
    this.db.assertOwnOrg(scope, issue.organization_id, '只有被测评单位本单位可以上传整改附件');
    if (!hasRole(scope, Role.EDITOR))
      throw AssessmentsException.forbidden('NOT_EDITOR', '只有本单位填报员可以上传整改附件');
    if (round.status !== 'PUBLISHED') throw AssessmentsException.roundNotOpen();
    if (!EDITABLE.includes(issue.status)) throw AssessmentsException.notEditable();
  }

  /** Checked before the body is read: a 20 MB body from someone who may not upload is never held. */
  async assertUploadable(scope: Scope, issueId: string, kind: AssessmentFileKind): Promise<void> {
    await this.db.run(scope, async (m) => {
      const issue = await this.assessments.loadIssue(m, scope, issueId);
      await this.assertWritable(m, scope, issue, kind);
    });
  }

  async upload(
    scope: Scope,
    issueId: string,
    kind: AssessmentFileKind,
    fileName: string,
    content: Buffer,
  ): Promise<AssessmentFileRow> {
    if (content.length === 0) throw AssessmentsException.emptyFile();
    const inspection = inspectEvidence(content);
    if (!inspection.type) {
      this.logger.warn(`assessment file refused for issue ${issueId}: ${inspection.problem}`);
      throw inspection.problem === NOT_ACCEPTED
        ? AssessmentsException.badFileType()
        : AssessmentsException.unsafeFile();
    }
    const type = inspection.type;
    const ext = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : '';
    const name =
      ext && type.extensions.includes(ext)
        ? fileName
        : `${fileName.replace(/\.[^.]*$/, '')}.${type.extensions[0]}`;
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.db.run(scope, async (m) => {
      const issue = await this.assessments.loadIssue(m, scope, issueId, true);
      await this.assertWritable(m, scope, issue, kind);
      if ((await this.files.count(m, issue.id, kind)) >= MAX_FILES_PER_ISSUE)
        throw AssessmentsException.tooManyFiles(MAX_FILES_PER_ISSUE);
      const row = await this.files.insert(m, {
        issueId: issue.id,
        roundId: issue.round_id,
        organizationId: issue.organization_id,
        kind,
        fileName: name,
        mimeType: type.mime,
        content,
        sha256,
        uploadedBy: scope.userId,
        uploadedByName: scope.username,
        at: this.clock.now(),
      });
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_FILE_UPLOAD',
        targetType: 'AssessmentFile',
        targetId: row.id,
        organizationId: issue.organization_id,
        changes: { issueId: issue.id, kind, fileName: name, sizeBytes: content.length, sha256 },
      });
      return row;
    });
  }

  async download(
    scope: Scope,
    id: string,
  ): Promise<{ fileName: string; mime: string; content: Buffer; sha256: string }> {
    return this.db.run(scope, async (m) => {
      const meta = await this.files.find(m, id);
      if (!meta) throw AssessmentsException.notFound();
      // The issue's read rule (its bureau's subtree; an assessor only in its rounds).
      await this.assessments.loadIssue(m, scope, meta.issue_id);
      const file = await this.files.content(m, id);
      if (!file) throw AssessmentsException.notFound();
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
      const meta = await this.files.find(m, id);
      if (!meta) throw AssessmentsException.notFound();
      const issue = await this.assessments.loadIssue(m, scope, meta.issue_id, true);
      await this.assertWritable(m, scope, issue, meta.kind);
      if ((await this.files.delete(m, id)) === 0) throw AssessmentsException.notFound();
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_FILE_DELETE',
        targetType: 'AssessmentFile',
        targetId: id,
        organizationId: meta.organization_id,
        changes: { issueId: meta.issue_id, kind: meta.kind, fileName: meta.file_name },
      });
      return true;
    });
  }

  async ofIssues(scope: Scope, issueIds: readonly string[]): Promise<AssessmentFileRow[]> {
    return this.db.run(scope, (m) => this.files.ofIssues(m, issueIds));
  }
}
