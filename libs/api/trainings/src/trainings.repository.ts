import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  col,
  execute,
  OrganizationDto,
  rowShape,
  select,
  selectOne,
  type RowOf,
} from '@sunshine/api/core';
import { ORG_LEVEL_ORDER, TRAINING_STATUSES, type TrainingStatus } from '@sunshine/shared/domain';

export interface Lecturer {
  name: string;
  title: string;
  organization: string;
}

const isLecturers = (v: unknown): v is Lecturer[] =>
  Array.isArray(v) &&
  v.every(
    (x) =>
      typeof x === 'object' &&
      x !== null &&
      typeof (x as Lecturer).name === 'string' &&
      typeof (x as Lecturer).title === 'string' &&
      typeof (x as Lecturer).organization === 'string',
  );

export const SessionRow = rowShape({
  id: col.uuid,
  organization_id: col.uuid,
  organiser_level: col.oneOf(ORG_LEVEL_ORDER),
  organiser_kind: col.oneOf(['OWN', 'EXTERNAL'] as const),
  organiser_name: col.text.nullable,
  organiser_org_name: col.text,
  year: col.int,
  title: col.text,
  start_date: col.day,
  end_date: col.day,
  place: col.text,
  online: col.bool,
  hours: col.number,
  topics: col.textArray,
  lecturers: col.json('lecturers', isLecturers),
  audience_levels: col.textArray,
  audience_roles: col.textArray,
  capacity: col.int.nullable,
  registration_deadline: col.day.nullable,
  status: col.oneOf(TRAINING_STATUSES),
  version: col.int,
  created_at: col.date,
});
export type SessionRow = RowOf<typeof SessionRow>;

const SESSION_COLUMNS = `id, organization_id, organiser_level, organiser_kind, organiser_name,
  organiser_org_name, year, title,
  start_date, end_date, place, online, hours, topics, lecturers, audience_levels, audience_roles,
  capacity, registration_deadline, status, version, created_at`;

export const AttendanceRow = rowShape({
  id: col.uuid,
  session_id: col.uuid,
  session_org_id: col.uuid,
  organization_id: col.uuid,
  trainee_name: col.text,
  post: col.text,
  phone: col.text,
  planned: col.bool,
  attended: col.bool,
  hours: col.number,
  note: col.text,
  source: col.oneOf(['HOST', 'BUREAU', 'IMPORT'] as const),
});
export type AttendanceRow = RowOf<typeof AttendanceRow>;

const ATTENDANCE_COLUMNS = `id, session_id, session_org_id, organization_id, trainee_name, post, phone,
  planned, attended, hours, note, source`;

export const OrgRow = rowShape({
  id: col.uuid,
  code: col.text,
  name: col.text,
  level: col.oneOf(ORG_LEVEL_ORDER),
  parent_id: col.uuid.nullable,
});
export type OrgRow = RowOf<typeof OrgRow>;

export const orgDto = (o: OrgRow): OrganizationDto =>
  OrganizationDto.from({
    id: o.id,
    code: o.code,
    name: o.name,
    level: o.level,
    parentId: o.parent_id,
  });

const InvitationRow = rowShape({ session_id: col.uuid, organization_id: col.uuid });
const IdRow = rowShape({ id: col.uuid });

export const FactRow = rowShape({
  organization_id: col.uuid,
  trainee_name: col.text,
  phone: col.text,
  attended: col.bool,
  hours: col.number,
  organiser_level: col.oneOf(ORG_LEVEL_ORDER),
  organiser_kind: col.oneOf(['OWN', 'EXTERNAL'] as const),
  session_id: col.uuid,
});
export type FactRow = RowOf<typeof FactRow>;

export const RequirementRow = rowShape({
  organization_id: col.uuid,
  year: col.int,
  level: col.oneOf(ORG_LEVEL_ORDER),
  min_province_attendees: col.int,
  min_hours: col.number,
});
export type RequirementRow = RowOf<typeof RequirementRow>;

export interface SessionFields {
  organiserKind: 'OWN' | 'EXTERNAL';
  organiserName: string | null;
  year: number;
  title: string;
  startDate: string;
  endDate: string;
  place: string;
  online: boolean;
  hours: number;
  topics: string[];
  lecturers: Lecturer[];
  audienceLevels: string[];
  audienceRoles: string[];
  capacity: number | null;
  registrationDeadline: string | null;
  status: TrainingStatus;
}

export interface SessionFilter {
  year?: number;
  status?: TrainingStatus;
  organizationId?: string;
  keyword?: string;
}

export interface NewAttendance {
  sessionId: string;
  sessionOrgId: string;
  organizationId: string;
  traineeName: string;
  post: string;
  phone: string;
  planned: boolean;
  attended: boolean;
  hours: number;
  note: string;
  source: 'HOST' | 'BUREAU' | 'IMPORT';
  createdBy: string;
}

/** Sessions, invitations, attendance and requirements (the trainings feature's own tables). */
@Injectable()
export class TrainingsRepository {
  orgs(m: EntityManager, ids: readonly string[]): Promise<OrgRow[]> {
    return select(
      m,
      OrgRow,
      'SELECT id, code, name, level, parent_id FROM org_units WHERE id = ANY($1) ORDER BY code',
      [[...ids]],
    );
  }

  async org(m: EntityManager, id: string): Promise<OrgRow | null> {
    return (await this.orgs(m, [id]))[0] ?? null;
  }

  insertSession(
    m: EntityManager,
    organizationId: string,
    organiserLevel: string,
    f: SessionFields,
    createdBy: string,
  ): Promise<SessionRow | null> {
    return selectOne(
      m,
      SessionRow,
      `INSERT INTO training_sessions(organization_id, organiser_level, organiser_kind, organiser_name, year,
         title, start_date, end_date, place, online, hours, topics, lecturers, audience_levels,
         audience_roles, capacity, registration_deadline, status, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14,$15,$16,$17,$18,$19)
       RETURNING ${SESSION_COLUMNS}`,
      [
        organizationId,
        organiserLevel,
        f.organiserKind,
        f.organiserName,
        f.year,
        f.title,
        f.startDate,
        f.endDate,
        f.place,
        f.online,
        f.hours,
        f.topics,
        JSON.stringify(f.lecturers),
        f.audienceLevels,
        f.audienceRoles,
        f.capacity,
        f.registrationDeadline,
        f.status,
        createdBy,
      ],
    );
  }

  updateSession(
    m: EntityManager,
    id: string,
    version: number,
    f: SessionFields,
  ): Promise<SessionRow | null> {
    return selectOne(
      m,
      SessionRow,
      `UPDATE training_sessions SET organiser_kind = $3, organiser_name = $4, year = $5, title = $6,
         start_date = $7, end_date = $8, place = $9, online = $10, hours = $11, topics = $12,
         lecturers = $13::jsonb, audience_levels = $14, audience_roles = $15, capacity = $16,
         registration_deadline = $17, status = $18, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2
       RETURNING ${SESSION_COLUMNS}`,
      [
        id,
        version,
        f.organiserKind,
        f.organiserName,
        f.year,
        f.title,
        f.startDate,
        f.endDate,
        f.place,
        f.online,
        f.hours,
        f.topics,
        JSON.stringify(f.lecturers),
        f.audienceLevels,
        f.audienceRoles,
        f.capacity,
        f.registrationDeadline,
        f.status,
      ],
    );
  }

  /** Planned sessions not yet over on `today` (for the invitation and deadline reminders). */
  upcomingPlanned(m: EntityManager, today: string): Promise<Array<RowOf<typeof IdRow>>> {
    return select(
      m,
      IdRow,
      `SELECT id FROM training_sessions WHERE status = 'PLANNED' AND end_date >= $1::date
       ORDER BY start_date`,
      [today],
    );
  }

  findSession(m: EntityManager, id: string): Promise<SessionRow | null> {
    return selectOne(
      m,
      SessionRow,
      `SELECT ${SESSION_COLUMNS} FROM training_sessions WHERE id = $1`,
      [id],
    );
  }

  listSessions(m: EntityManager, filter: SessionFilter): Promise<SessionRow[]> {
    return select(
      m,
      SessionRow,
      `SELECT ${SESSION_COLUMNS} FROM training_sessions
       WHERE ($1::int IS NULL OR year = $1) AND ($2::varchar IS NULL OR status = $2)
         AND ($3::uuid IS NULL OR organization_id = $3)
         AND ($4::text IS NULL OR title ILIKE '%' || $4 || '%' OR organiser_name ILIKE '%' || $4 || '%')
       ORDER BY start_date DESC, created_at DESC LIMIT 500`,
      [
        filter.year ?? null,
        filter.status ?? null,
        filter.organizationId ?? null,
        filter.keyword ?? null,
      ],
    );
  }

  invitationsOf(
    m: EntityManager,
    sessionIds: readonly string[],
  ): Promise<Array<RowOf<typeof InvitationRow>>> {
    return select(
      m,
      InvitationRow,
      'SELECT session_id, organization_id FROM training_invitations WHERE session_id = ANY($1)',
      [[...sessionIds]],
    );
  }

  async setInvitations(
    m: EntityManager,
    sessionId: string,
    sessionOrgId: string,
    orgIds: readonly string[],
  ): Promise<void> {
    await execute(
      m,
      'DELETE FROM training_invitations WHERE session_id = $1 AND NOT (organization_id = ANY($2))',
      [sessionId, [...orgIds]],
    );
    await execute(
      m,
      `INSERT INTO training_invitations(session_id, organization_id, session_org_id)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [sessionId, [...orgIds], sessionOrgId],
    );
  }

  attendancesOf(m: EntityManager, sessionIds: readonly string[]): Promise<AttendanceRow[]> {
    return select(
      m,
      AttendanceRow,
      `SELECT ${ATTENDANCE_COLUMNS} FROM training_attendances WHERE session_id = ANY($1)
       ORDER BY organization_id, created_at, trainee_name`,
      [[...sessionIds]],
    );
  }

  findAttendance(m: EntityManager, id: string): Promise<AttendanceRow | null> {
    return selectOne(
      m,
      AttendanceRow,
      `SELECT ${ATTENDANCE_COLUMNS} FROM training_attendances WHERE id = $1`,
      [id],
    );
  }

  findPerson(
    m: EntityManager,
    sessionId: string,
    organizationId: string,
    traineeName: string,
  ): Promise<AttendanceRow | null> {
    return selectOne(
      m,
      AttendanceRow,
      `SELECT ${ATTENDANCE_COLUMNS} FROM training_attendances
       WHERE session_id = $1 AND organization_id = $2 AND trainee_name = $3 LIMIT 1`,
      [sessionId, organizationId, traineeName],
    );
  }

  insertAttendance(m: EntityManager, a: NewAttendance): Promise<AttendanceRow | null> {
    return selectOne(
      m,
      AttendanceRow,
      `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, post,
         phone, planned, attended, hours, note, source, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING ${ATTENDANCE_COLUMNS}`,
      [
        a.sessionId,
        a.sessionOrgId,
        a.organizationId,
        a.traineeName,
        a.post,
        a.phone,
        a.planned,
        a.attended,
        a.hours,
        a.note,
        a.source,
        a.createdBy,
      ],
    );
  }

  updateAttendance(
    m: EntityManager,
    id: string,
    a: Pick<
      NewAttendance,
      'traineeName' | 'post' | 'phone' | 'planned' | 'attended' | 'hours' | 'note'
    >,
  ): Promise<AttendanceRow | null> {
    return selectOne(
      m,
      AttendanceRow,
      `UPDATE training_attendances SET trainee_name = $2, post = $3, phone = $4, planned = $5,
         attended = $6, hours = $7, note = $8 WHERE id = $1 RETURNING ${ATTENDANCE_COLUMNS}`,
      [id, a.traineeName, a.post, a.phone, a.planned, a.attended, a.hours, a.note],
    );
  }

  async deleteAttendance(m: EntityManager, id: string): Promise<boolean> {
    return (
      (await select(m, IdRow, 'DELETE FROM training_attendances WHERE id = $1 RETURNING id', [id]))
        .length > 0
    );
  }

  /** Every attendance of the year's sessions for bureaus among `orgIds` (RLS applies too). */
  yearFacts(
    m: EntityManager,
    year: number,
    orgIds: readonly string[] | null,
    quarter: number | null = null,
  ): Promise<FactRow[]> {
    return select(
      m,
      FactRow,
      `SELECT a.organization_id, a.trainee_name, a.phone, a.attended, a.hours, s.organiser_level,
              s.organiser_kind, s.id AS session_id
       FROM training_attendances a JOIN training_sessions s ON s.id = a.session_id
       WHERE s.year = $1 AND s.status <> 'PLANNED' AND ($2::uuid[] IS NULL OR a.organization_id = ANY($2))
         AND ($3::int IS NULL OR date_part('quarter', s.start_date) = $3)`,
      [year, orgIds ? [...orgIds] : null, quarter],
    );
  }

  requirements(m: EntityManager, year: number): Promise<RequirementRow[]> {
    return select(
      m,
      RequirementRow,
      `SELECT r.organization_id, r.year, r.level, r.min_province_attendees, r.min_hours
       FROM training_requirements r WHERE r.year = $1 ORDER BY r.updated_at`,
      [year],
    );
  }

  upsertRequirement(
    m: EntityManager,
    organizationId: string,
    r: { year: number; level: string; minProvinceAttendees: number; minHours: number },
  ): Promise<RequirementRow | null> {
    return selectOne(
      m,
      RequirementRow,
      `INSERT INTO training_requirements(organization_id, year, level, min_province_attendees, min_hours)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, year, level) DO UPDATE
         SET min_province_attendees = EXCLUDED.min_province_attendees,
             min_hours = EXCLUDED.min_hours, updated_at = now()
       RETURNING organization_id, year, level, min_province_attendees, min_hours`,
      [organizationId, r.year, r.level, r.minProvinceAttendees, r.minHours],
    );
  }

  /** Replaces the session's rows of the same people and inserts the imported ones, in one go. */
  async importAttendances(
    m: EntityManager,
    sessionId: string,
    sessionOrgId: string,
    rows: ReadonlyArray<
      Omit<NewAttendance, 'sessionId' | 'sessionOrgId' | 'source' | 'createdBy' | 'planned'>
    >,
    createdBy: string,
  ): Promise<{ replaced: number; inserted: number }> {
    const orgIds = rows.map((r) => r.organizationId);
    const names = rows.map((r) => r.traineeName);
    const replaced = (
      await select(
        m,
        IdRow,
        `DELETE FROM training_attendances a USING unnest($2::uuid[], $3::text[]) AS p(org, name)
         WHERE a.session_id = $1 AND a.organization_id = p.org AND a.trainee_name = p.name RETURNING a.id`,
        [sessionId, orgIds, names],
      )
    ).length;
    const inserted = (
      await select(
        m,
        IdRow,
        `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, post,
           phone, planned, attended, hours, note, source, created_by)
         SELECT $1, $2, p.org, p.name, p.post, p.phone, true, p.attended, p.hours, p.note, 'IMPORT', $10
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::numeric[], $9::text[])
           AS p(org, name, post, phone, attended, hours, note)
         RETURNING id`,
        [
          sessionId,
          sessionOrgId,
          orgIds,
          names,
          rows.map((r) => r.post),
          rows.map((r) => r.phone),
          rows.map((r) => r.attended),
          rows.map((r) => r.hours),
          rows.map((r) => r.note),
          createdBy,
        ],
      )
    ).length;
    return { replaced, inserted };
  }
}
