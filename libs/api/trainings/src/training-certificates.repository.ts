import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { col, rowShape, select, type RowOf } from '@sunshine/api/core';
import { ORG_LEVEL_ORDER } from '@sunshine/shared/domain';

const LineRow = rowShape({
  trainee_name: col.text,
  post: col.text,
  title: col.text,
  organiser: col.text,
  start_date: col.day,
  end_date: col.day,
  hours: col.number,
  session_org_id: col.uuid,
  organiser_org_name: col.text,
  organiser_level: col.oneOf(ORG_LEVEL_ORDER),
});
export type CertificateLineRow = RowOf<typeof LineRow>;

/** What a 学时证明 lists: attendances joined with their sessions. */
@Injectable()
export class TrainingCertificatesRepository {
  /** The attended rows of a bureau (and one person) in the year's held sessions, by date. */
  lines(
    m: EntityManager,
    year: number,
    organizationId: string,
    traineeName: string | null,
  ): Promise<CertificateLineRow[]> {
    return select(
      m,
      LineRow,
      `SELECT a.trainee_name, a.post, s.title,
              CASE WHEN s.organiser_kind = 'EXTERNAL' THEN coalesce(s.organiser_name, '')
                   ELSE s.organiser_org_name END AS organiser,
              s.organiser_org_name, s.organiser_level,
              s.start_date, s.end_date, a.hours, s.organization_id AS session_org_id
       FROM training_attendances a
       JOIN training_sessions s ON s.id = a.session_id
       WHERE s.year = $1 AND s.status <> 'PLANNED' AND a.attended AND a.hours > 0
         AND a.organization_id = $2 AND ($3::text IS NULL OR a.trainee_name = $3)
       ORDER BY s.start_date, s.title`,
      [year, organizationId, traineeName],
    );
  }
}
