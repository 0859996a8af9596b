import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';

const isBuffer = (v: unknown): v is Buffer => Buffer.isBuffer(v);

const EvidenceFileRow = rowShape({
  id: col.uuid,
  report_id: col.uuid,
  file_name: col.text,
  mime_type: col.text,
  size_bytes: col.int,
  sha256: col.text,
  created_at: col.date,
});
export type EvidenceFileRow = RowOf<typeof EvidenceFileRow>;

const EvidenceContentRow = rowShape({
  organization_id: col.uuid,
  file_name: col.text,
  mime_type: col.text,
  content: col.json('bytea', isBuffer),
  sha256: col.text,
});
export type EvidenceContentRow = RowOf<typeof EvidenceContentRow>;

const EvidenceOwnerRow = rowShape({
  id: col.uuid,
  report_id: col.uuid,
  organization_id: col.uuid,
  file_name: col.text,
});
export type EvidenceOwnerRow = RowOf<typeof EvidenceOwnerRow>;

const FILE_COLUMNS = 'id, report_id, file_name, mime_type, size_bytes, sha256, created_at';

export interface NewEvidenceFile {
  reportId: string;
  organizationId: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
}

/** `evidence_files`: the files attached to reports, stored in the database with their SHA-256. */
@Injectable()
export class EvidenceFilesRepository {
  async insert(m: EntityManager, f: NewEvidenceFile): Promise<EvidenceFileRow> {
    const row = await selectOne(
      m,
      EvidenceFileRow,
      `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${FILE_COLUMNS}`,
      [
        f.reportId,
        f.organizationId,
        f.fileName,
        f.mimeType,
        f.content.length,
        f.sha256,
        f.content,
        f.uploadedBy,
      ],
    );
    if (!row) throw new Error('evidence_files: INSERT returned no row');
    return row;
  }

  content(m: EntityManager, id: string): Promise<EvidenceContentRow | null> {
    return selectOne(
      m,
      EvidenceContentRow,
      'SELECT organization_id, file_name, mime_type, content, sha256 FROM evidence_files WHERE id = $1',
      [id],
    );
  }

  owner(m: EntityManager, id: string): Promise<EvidenceOwnerRow | null> {
    return selectOne(
      m,
      EvidenceOwnerRow,
      'SELECT id, report_id, organization_id, file_name FROM evidence_files WHERE id = $1',
      [id],
    );
  }

  /** Deletes one file; answers the number of rows deleted. */
  delete(m: EntityManager, id: string): Promise<number> {
    return execute(m, 'DELETE FROM evidence_files WHERE id = $1', [id]);
  }

  /** Copies a report's files to another report of the same bureau (沿用上季度); answers how many. */
  copyAll(m: EntityManager, fromReportId: string, toReportId: string, by: string): Promise<number> {
    return execute(
      m,
      `INSERT INTO evidence_files(report_id, organization_id, file_name, mime_type, size_bytes, sha256, content, uploaded_by)
       SELECT $2, organization_id, file_name, mime_type, size_bytes, sha256, content, $3
       FROM evidence_files WHERE report_id = $1 ORDER BY created_at`,
      [fromReportId, toReportId, by],
    );
  }

  /** The files of many reports at once, oldest first. */
  listFor(m: EntityManager, reportIds: readonly string[]): Promise<EvidenceFileRow[]> {
    return select(
      m,
      EvidenceFileRow,
      `SELECT ${FILE_COLUMNS} FROM evidence_files WHERE report_id = ANY($1::uuid[]) ORDER BY created_at`,
      [reportIds],
    );
  }
}
