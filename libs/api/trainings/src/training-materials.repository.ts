import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, select, selectOne, type RowOf } from '@sunshine/api/core';
import { TRAINING_MATERIAL_KINDS } from '@sunshine/shared/domain';
import type { TrainingMaterialDto } from './dtos/training.dto';

const isBuffer = (v: unknown): v is Buffer => Buffer.isBuffer(v);

export const MaterialRow = rowShape({
  id: col.uuid,
  session_id: col.uuid,
  session_org_id: col.uuid,
  kind: col.oneOf(TRAINING_MATERIAL_KINDS),
  file_name: col.text,
  mime_type: col.text,
  size_bytes: col.int,
  sha256: col.text,
  created_at: col.date,
});
export type MaterialRow = RowOf<typeof MaterialRow>;

export const materialDto = (r: MaterialRow): TrainingMaterialDto => ({
  id: r.id,
  kind: r.kind,
  fileName: r.file_name,
  mimeType: r.mime_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256.trim(),
  createdAt: r.created_at,
});

const MaterialContentRow = rowShape({
  session_id: col.uuid,
  file_name: col.text,
  mime_type: col.text,
  content: col.json('bytea', isBuffer),
  sha256: col.text,
});
export type MaterialContentRow = RowOf<typeof MaterialContentRow>;

const COLUMNS =
  'id, session_id, session_org_id, kind, file_name, mime_type, size_bytes, sha256, created_at';

export interface NewMaterial {
  sessionId: string;
  sessionOrgId: string;
  kind: string;
  fileName: string;
  mimeType: string;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
}

/** `training_materials`: files attached to sessions, stored in the database with their SHA-256. */
@Injectable()
export class TrainingMaterialsRepository {
  insert(m: EntityManager, f: NewMaterial): Promise<MaterialRow | null> {
    return selectOne(
      m,
      MaterialRow,
      `INSERT INTO training_materials(session_id, session_org_id, kind, file_name, mime_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        f.sessionId,
        f.sessionOrgId,
        f.kind,
        f.fileName,
        f.mimeType,
        f.content.length,
        f.sha256,
        f.content,
        f.uploadedBy,
      ],
    );
  }

  find(m: EntityManager, id: string): Promise<MaterialRow | null> {
    return selectOne(m, MaterialRow, `SELECT ${COLUMNS} FROM training_materials WHERE id = $1`, [
      id,
    ]);
  }

  content(m: EntityManager, id: string): Promise<MaterialContentRow | null> {
    return selectOne(
      m,
      MaterialContentRow,
      'SELECT session_id, file_name, mime_type, content, sha256 FROM training_materials WHERE id = $1',
      [id],
    );
  }

  listFor(m: EntityManager, sessionIds: readonly string[]): Promise<MaterialRow[]> {
    return select(
      m,
      MaterialRow,
      `SELECT ${COLUMNS} FROM training_materials WHERE session_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [[...sessionIds]],
    );
  }

  delete(m: EntityManager, id: string): Promise<number> {
    return execute(m, 'DELETE FROM training_materials WHERE id = $1', [id]);
  }
}
