import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';

const isBuffer = (v: unknown): v is Buffer => Buffer.isBuffer(v);
const KINDS = ['RECTIFICATION', 'EVIDENCE'] as const;
export type AssessmentFileKind = (typeof KINDS)[number];

const FileRow = rowShape({
  id: col.uuid,
  issue_id: col.uuid,
  organization_id: col.uuid,
  kind: col.oneOf(KINDS),
  file_name: col.text,
  mime_type: col.text,
  size_bytes: col.int,
  sha256: col.text,
  uploaded_by_name: col.text,
  uploaded_at: col.date,
});
/** A file attached to an issue, without its bytes. */
export type AssessmentFileRow = RowOf<typeof FileRow>;

const ContentRow = rowShape({
  file_name: col.text,
  mime_type: col.text,
  content: col.json('bytea', isBuffer),
  sha256: col.text,
});
export type AssessmentFileContent = RowOf<typeof ContentRow>;

const FILE_COLUMNS = `id, issue_id, organization_id, kind, file_name, mime_type, size_bytes, sha256,
  uploaded_by_name, uploaded_at`;

export interface NewAssessmentFile {
  issueId: string;
  roundId: string;
  organizationId: string;
  kind: AssessmentFileKind;
  fileName: string;
  mimeType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string;
  at: Date;
}

/** `assessment_files`: rectification files of the bureau and the assessor's evidence. */
@Injectable()
export class AssessmentAttachmentsRepository {
  async insert(m: EntityManager, f: NewAssessmentFile): Promise<AssessmentFileRow> {
    const row = await selectOne(
      m,
      FileRow,
      `INSERT INTO assessment_files(issue_id, round_id, organization_id, kind, file_name, mime_type,
         size_bytes, sha256, content, uploaded_by, uploaded_by_name, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${FILE_COLUMNS}`,
      [
        f.issueId,
        f.roundId,
        f.organizationId,
        f.kind,
        f.fileName,
        f.mimeType,
        f.content.length,
        f.sha256,
        f.content,
        f.uploadedBy,
        f.uploadedByName,
        f.at,
      ],
    );
    if (!row) throw new Error('assessment_files: INSERT returned no row');
    return row;
  }

  find(m: EntityManager, id: string): Promise<AssessmentFileRow | null> {
    return selectOne(m, FileRow, `SELECT ${FILE_COLUMNS} FROM assessment_files WHERE id = $1`, [
      id,
    ]);
  }

  content(m: EntityManager, id: string): Promise<AssessmentFileContent | null> {
    return selectOne(
      m,
      ContentRow,
      'SELECT file_name, mime_type, content, sha256 FROM assessment_files WHERE id = $1',
      [id],
    );
  }

  ofIssues(m: EntityManager, issueIds: readonly string[]): Promise<AssessmentFileRow[]> {
    return select(
      m,
      FileRow,
      `SELECT ${FILE_COLUMNS} FROM assessment_files WHERE issue_id = ANY($1::uuid[])
       ORDER BY uploaded_at, id`,
      [issueIds],
    );
  }

  async count(m: EntityManager, issueId: string, kind: AssessmentFileKind): Promise<number> {
    return (await this.ofIssues(m, [issueId])).filter((f) => f.kind === kind).length;
  }

  delete(m: EntityManager, id: string): Promise<number> {
    return execute(m, 'DELETE FROM assessment_files WHERE id = $1', [id]);
  }
}
