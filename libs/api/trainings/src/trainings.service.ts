import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  AuditTrail,
  Clock,
  hasRole,
  OrganizationDto,
  OrgDirectory,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import {
  canMoveTraining,
  checkAudience,
  isPlausiblePhone,
  maskPhone,
  OrgLevel,
  Role,
  TRAINING_STATUS_LABEL,
  type TrainingStatus,
} from '@sunshine/shared/domain';
import type { TrainingAttendanceDto, TrainingSessionDto } from './dtos/training.dto';
import type {
  RecordAttendanceInput,
  TrainingSessionFilter,
  TrainingSessionInput,
  UpdateTrainingSessionInput,
} from './dtos/training.inputs';
import { materialDto, TrainingMaterialsRepository } from './training-materials.repository';
import { TrainingRemindersService } from './training-reminders.service';
import { TrainingsException } from './trainings.exception';
import {
  orgDto,
  TrainingsRepository,
  type AttendanceRow,
  type OrgRow,
  type SessionFields,
  type SessionRow,
} from './trainings.repository';

const ORGANISER_LEVELS: readonly OrgLevel[] = [OrgLevel.NATIONAL, OrgLevel.PROVINCE, OrgLevel.CITY];

/** What the audit trail keeps of a session: no personal data. */
const sessionAudit = (s: SessionRow): Record<string, unknown> => ({
  title: s.title,
  startDate: s.start_date,
  endDate: s.end_date,
  hours: s.hours,
  status: s.status,
});

/** Training sessions (培训班) and their attendance. */
@Injectable()
export class TrainingsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly orgs: OrgDirectory,
    private readonly clock: Clock,
    private readonly repo: TrainingsRepository,
    private readonly materials: TrainingMaterialsRepository,
    private readonly reminders: TrainingRemindersService,
  ) {}

  async list(scope: Scope, filter: TrainingSessionFilter = {}): Promise<TrainingSessionDto[]> {
    return this.db.run(scope, async (m) => {
      const rows = await this.repo.listSessions(m, {
        ...filter,
        keyword: filter.keyword?.trim() || undefined,
      });
      const readable: SessionRow[] = [];
      for (const s of rows)
        if (await this.db.canReadIssued(scope, s.organization_id, true)) readable.push(s);
      return this.toDtos(m, scope, readable);
    });
  }

  async get(scope: Scope, id: string): Promise<TrainingSessionDto> {
    return this.db.run(scope, async (m) => {
      const s = await this.load(m, scope, id);
      const [dto] = await this.toDtos(m, scope, [s]);
      if (!dto) throw AppError.notFound();
      return dto;
    });
  }

  async create(scope: Scope, input: TrainingSessionInput): Promise<TrainingSessionDto> {
    return this.db.run(scope, async (m) => {
      const own = await this.repo.org(m, scope.organizationId);
      const external = hasRole(scope, Role.ASSESSOR) || !!input.organiserName?.trim();
      if (!own || (!external && !ORGANISER_LEVELS.includes(own.level)))
        throw AppError.forbidden(
          'TRAINING_NOT_ORGANISER',
          '县级单位不能举办培训班，请由市级或省级单位登记',
        );
      const fields = this.fields(input, 'PLANNED', external);
      const invited = await this.checkInvitees(scope, input.invitedOrganizationIds ?? []);
      const s = await this.repo.insertSession(m, own.id, own.level, fields, scope.userId);
      if (!s) throw AppError.forbidden();
      await this.repo.setInvitations(m, s.id, s.organization_id, invited);
      if (invited.length > 0) await this.reminders.queueInvited(m, s.id);
      await this.audit.record(m, scope, {
        action: 'TRAINING_CREATE',
        targetType: 'TrainingSession',
        targetId: s.id,
        changes: { after: { ...sessionAudit(s), invited: invited.length } },
      });
      const [dto] = await this.toDtos(m, scope, [s]);
      return dto!;
    });
  }

  async update(scope: Scope, input: UpdateTrainingSessionInput): Promise<TrainingSessionDto> {
    return this.db.run(scope, async (m) => {
      const before = await this.loadForEdit(m, scope, input.id);
      if (before.status === 'ARCHIVED') throw TrainingsException.archived();
      const status = input.status ?? before.status;
      if (!canMoveTraining(before.status, status))
        throw TrainingsException.statusStep(
          TRAINING_STATUS_LABEL[before.status],
          TRAINING_STATUS_LABEL[status],
        );
      if (before.version !== input.version) throw TrainingsException.versionConflict();
      const fields = this.fields(
        input,
        status,
        before.organiser_kind === 'EXTERNAL' || !!input.organiserName?.trim(),
      );
      // Omitted: the invitations stay as they are; a list (even empty) replaces them.
      const invited =
        input.invitedOrganizationIds === undefined || input.invitedOrganizationIds === null
          ? (await this.repo.invitationsOf(m, [before.id])).map((i) => i.organization_id)
          : await this.checkInvitees(scope, input.invitedOrganizationIds);
      const s = await this.repo.updateSession(m, before.id, input.version, fields);
      // No row: either changed meanwhile, or not writable under RLS (an overseer's session).
      if (!s) {
        const now = await this.repo.findSession(m, before.id);
        throw now && now.version !== input.version
          ? TrainingsException.versionConflict()
          : AppError.forbidden();
      }
      await this.repo.setInvitations(m, s.id, s.organization_id, invited);
      // Bureaus newly invited are told (those already told are not: one notice per session).
      if (invited.length > 0 && s.status === 'PLANNED') await this.reminders.queueInvited(m, s.id);
      await this.audit.record(m, scope, {
        action: before.status === s.status ? 'TRAINING_UPDATE' : 'TRAINING_STATUS',
        targetType: 'TrainingSession',
        targetId: s.id,
        changes: {
          before: sessionAudit(before),
          after: { ...sessionAudit(s), invited: invited.length },
        },
      });
      const [dto] = await this.toDtos(m, scope, [s]);
      return dto!;
    });
  }

  /**
   * The host (the organiser's ADMIN) records anyone of its subtree; an invited bureau's ADMIN or
   * EDITOR registers its own people while the session is planned and registration is open.
   */
  async recordAttendance(
    scope: Scope,
    input: RecordAttendanceInput,
  ): Promise<TrainingAttendanceDto> {
    return this.db.run(scope, async (m) => {
      const s = await this.load(m, scope, input.sessionId);
      if (s.status === 'ARCHIVED') throw TrainingsException.archived();
      const host = this.isHost(scope, s);
      const existing = input.id ? await this.repo.findAttendance(m, input.id) : null;
      if (input.id && (!existing || existing.session_id !== s.id)) throw AppError.notFound();
      const orgId = existing?.organization_id ?? input.organizationId;
      if (host) {
        await this.db.assertVisible(scope, orgId);
      } else {
        await this.assertBureauMayRegister(m, scope, s, orgId);
      }
      // The target audience: a bureau outside the target levels may not register itself (the
      // host may still record anyone); a post outside the target roles is only a warning.
      const bureau = await this.repo.org(m, orgId);
      const audience = checkAudience(
        { levels: s.audience_levels, roles: s.audience_roles },
        bureau?.level ?? OrgLevel.COUNTY,
        input.post ?? '',
      );
      if (audience.levelOutside && !host && !existing)
        throw TrainingsException.outsideAudience(audience.warning ?? '不在培训对象之内');
      const phone = (input.phone ?? '').replace(/\s/g, '');
      if (phone !== '' && !isPlausiblePhone(phone)) throw TrainingsException.badPhone();
      const attended = host ? (input.attended ?? s.status === 'HELD') : false;
      const hours = attended ? (input.hours ?? s.hours) : 0;
      if (hours > s.hours) throw TrainingsException.hoursExceed(s.hours);
      const name = input.traineeName.replace(/\s/g, '');
      const values = {
        traineeName: name,
        post: (input.post ?? '').trim(),
        phone,
        planned: true,
        attended,
        hours,
        note: (input.note ?? '').trim(),
      };
      let row: AttendanceRow | null;
      if (existing) {
        row = await this.repo.updateAttendance(m, existing.id, values);
      } else {
        if (await this.repo.findPerson(m, s.id, orgId, name))
          throw TrainingsException.duplicatePerson(name);
        if (s.capacity !== null && !host) {
          const count = (await this.repo.attendancesOf(m, [s.id])).length;
          if (count >= s.capacity) throw TrainingsException.capacity(s.capacity);
        }
        row = await this.repo.insertAttendance(m, {
          ...values,
          sessionId: s.id,
          sessionOrgId: s.organization_id,
          organizationId: orgId,
          source: host ? 'HOST' : 'BUREAU',
          createdBy: scope.userId,
        });
      }
      if (!row) throw AppError.forbidden();
      await this.audit.record(m, scope, {
        action: existing ? 'TRAINING_ATTENDANCE_UPDATE' : 'TRAINING_ATTENDANCE_ADD',
        targetType: 'TrainingSession',
        targetId: s.id,
        // No name or phone: personal data stays out of the trail.
        changes: {
          attendanceId: row.id,
          organizationId: orgId,
          attended: row.attended,
          hours: row.hours,
        },
      });
      const orgs = await this.repo.orgs(m, [orgId]);
      return {
        ...this.attendanceDto(scope, s, row, new Map(orgs.map((o) => [o.id, o]))),
        warning: audience.warning,
      };
    });
  }

  async removeAttendance(scope: Scope, id: string): Promise<boolean> {
    return this.db.run(scope, async (m) => {
      const a = await this.repo.findAttendance(m, id);
      if (!a) throw AppError.notFound();
      const s = await this.load(m, scope, a.session_id);
      if (s.status === 'ARCHIVED') throw TrainingsException.archived();
      if (this.isHost(scope, s)) await this.db.assertVisible(scope, a.organization_id);
      else await this.assertBureauMayRegister(m, scope, s, a.organization_id);
      if (!(await this.repo.deleteAttendance(m, id))) throw AppError.notFound();
      await this.audit.record(m, scope, {
        action: 'TRAINING_ATTENDANCE_REMOVE',
        targetType: 'TrainingSession',
        targetId: s.id,
        changes: { attendanceId: id, organizationId: a.organization_id },
      });
      return true;
    });
  }

  // ----- shared with the import and export -----

  async load(m: EntityManager, scope: Scope, id: string): Promise<SessionRow> {
    const s = await this.repo.findSession(m, id);
    if (!s || !(await this.db.canReadIssued(scope, s.organization_id, true)))
      throw AppError.notFound();
    return s;
  }

  async loadForEdit(m: EntityManager, scope: Scope, id: string): Promise<SessionRow> {
    const s = await this.load(m, scope, id);
    if (!hasRole(scope, Role.ADMIN, Role.ASSESSOR)) throw AppError.forbidden();
    this.db.assertOwnOrg(scope, s.organization_id, '只有举办单位可以修改培训班');
    return s;
  }

  /** The organiser's ADMIN (or the assessor who recorded its own session). */
  isHost(scope: Scope, s: SessionRow): boolean {
    return scope.organizationId === s.organization_id && hasRole(scope, Role.ADMIN, Role.ASSESSOR);
  }

  /** A phone is shown whole to the organiser's ADMIN and to the person's own bureau ADMIN. */
  seesPhone(scope: Scope, s: SessionRow, a: AttendanceRow): boolean {
    if (!hasRole(scope, Role.ADMIN)) return false;
    return scope.organizationId === s.organization_id || scope.organizationId === a.organization_id;
  }

  /** Attendance rows the caller may see: all for the organiser's subtree, else its own subtree's people. */
  async visibleAttendances(
    m: EntityManager,
    scope: Scope,
    s: SessionRow,
  ): Promise<AttendanceRow[]> {
    const rows = await this.repo.attendancesOf(m, [s.id]);
    if (await this.db.canSee(scope, s.organization_id)) return rows;
    const visible = new Set(
      (await this.db.visibleOrgIds(scope)) ?? rows.map((r) => r.organization_id),
    );
    return rows.filter((r) => visible.has(r.organization_id));
  }

  attendanceDto(
    scope: Scope,
    s: SessionRow,
    a: AttendanceRow,
    orgs: Map<string, OrgRow>,
  ): TrainingAttendanceDto {
    const org = orgs.get(a.organization_id);
    const whole = this.seesPhone(scope, s, a);
    return {
      id: a.id,
      organization: org
        ? orgDto(org)
        : OrganizationDto.from({
            id: a.organization_id,
            code: '',
            name: '',
            level: OrgLevel.COUNTY,
            parentId: null,
          }),
      traineeName: a.trainee_name,
      post: a.post,
      phone: whole ? a.phone : maskPhone(a.phone),
      phoneMasked: !whole && a.phone !== '',
      planned: a.planned,
      attended: a.attended,
      hours: a.hours,
      note: a.note,
      source: a.source,
    };
  }

  private async assertBureauMayRegister(
    m: EntityManager,
    scope: Scope,
    s: SessionRow,
    orgId: string,
  ): Promise<void> {
    if (!hasRole(scope, Role.ADMIN, Role.EDITOR)) throw AppError.forbidden();
    this.db.assertOwnOrg(scope, orgId, '只能为本单位人员报名');
    const invited = await this.repo.invitationsOf(m, [s.id]);
    if (!invited.some((i) => i.organization_id === orgId)) throw TrainingsException.notInvited();
    const today = this.today();
    if (
      s.status !== 'PLANNED' ||
      (s.registration_deadline !== null && today > s.registration_deadline)
    )
      throw TrainingsException.registrationClosed();
  }

  private today(): string {
    return new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  }

  private async checkInvitees(scope: Scope, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      if (
        !(await this.orgs.isStrictAncestor(scope.organizationId, id)) &&
        !(await this.db.canSee(scope, id))
      )
        throw TrainingsException.inviteeOutside();
      if (id === scope.organizationId) throw TrainingsException.inviteeOutside();
    }
    return unique;
  }

  private fields(
    input: TrainingSessionInput,
    status: TrainingStatus,
    external: boolean,
  ): SessionFields {
    const start = input.startDate;
    const end = input.endDate;
    const valid = (d: string): boolean => {
      const t = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
    };
    if (!valid(start)) throw TrainingsException.badDates('开始日期不是有效日期');
    if (!valid(end)) throw TrainingsException.badDates('结束日期不是有效日期');
    if (end < start) throw TrainingsException.badDates('结束日期不能早于开始日期');
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    if (days > 31) throw TrainingsException.badDates('一期培训不能超过 31 天');
    if (input.hours > days * 10)
      throw TrainingsException.badHours(`${days} 天的培训学时不能超过 ${days * 10}`);
    if (input.registrationDeadline && input.registrationDeadline > end)
      throw TrainingsException.badDates('报名截止日期不能晚于培训结束日期');
    const organiserName = input.organiserName?.trim() || null;
    if (external && !organiserName) throw TrainingsException.organiserName();
    const clean = (xs: string[] | undefined): string[] => [
      ...new Set((xs ?? []).map((x) => x.trim()).filter((x) => x !== '')),
    ];
    return {
      organiserKind: external ? 'EXTERNAL' : 'OWN',
      organiserName: external ? organiserName : null,
      year: Number(start.slice(0, 4)),
      title: input.title.trim(),
      startDate: start,
      endDate: end,
      place: (input.place ?? '').trim(),
      online: input.online ?? false,
      hours: Math.round(input.hours * 10) / 10,
      topics: clean(input.topics),
      lecturers: (input.lecturers ?? []).map((l) => ({
        name: l.name.trim(),
        title: (l.title ?? '').trim(),
        organization: (l.organization ?? '').trim(),
      })),
      audienceLevels: clean(input.audienceLevels),
      audienceRoles: clean(input.audienceRoles),
      capacity: input.capacity ?? null,
      registrationDeadline: input.registrationDeadline ?? null,
      status,
    };
  }

  private async toDtos(
    m: EntityManager,
    scope: Scope,
    sessions: SessionRow[],
  ): Promise<TrainingSessionDto[]> {
    if (sessions.length === 0) return [];
    const ids = sessions.map((s) => s.id);
    const invitations = await this.repo.invitationsOf(m, ids);
    const attendances = await this.repo.attendancesOf(m, ids);
    const materials = await this.materials.listFor(m, ids);
    const visible = await this.db.visibleOrgIds(scope);
    const visibleSet = visible ? new Set(visible) : null;
    const orgIds = new Set<string>([
      ...sessions.map((s) => s.organization_id),
      ...invitations.map((i) => i.organization_id),
      ...attendances.map((a) => a.organization_id),
    ]);
    const orgs = new Map((await this.repo.orgs(m, [...orgIds])).map((o) => [o.id, o]));
    const out: TrainingSessionDto[] = [];
    for (const s of sessions) {
      const seesAll = !visibleSet || visibleSet.has(s.organization_id);
      const mine = attendances.filter(
        (a) => a.session_id === s.id && (seesAll || visibleSet.has(a.organization_id)),
      );
      const org = orgs.get(s.organization_id);
      const organiser = org
        ? orgDto(org)
        : OrganizationDto.from({
            id: s.organization_id,
            code: '',
            name: s.organiser_org_name || '上级单位',
            level: s.organiser_level,
            parentId: null,
          });
      out.push({
        id: s.id,
        organization: organiser,
        organiserKind: s.organiser_kind,
        organiserName: s.organiser_name,
        organiserLabel: s.organiser_kind === 'EXTERNAL' ? (s.organiser_name ?? '') : organiser.name,
        year: s.year,
        title: s.title,
        startDate: s.start_date,
        endDate: s.end_date,
        place: s.place,
        online: s.online,
        hours: s.hours,
        topics: s.topics,
        lecturers: s.lecturers,
        audienceLevels: s.audience_levels,
        audienceRoles: s.audience_roles,
        invited: invitations
          .filter((i) => i.session_id === s.id)
          .flatMap((i) => {
            const o = orgs.get(i.organization_id);
            return o ? [orgDto(o)] : [];
          }),
        capacity: s.capacity,
        registrationDeadline: s.registration_deadline,
        status: s.status,
        version: s.version,
        canEdit: this.isHost(scope, s) && s.status !== 'ARCHIVED',
        attendanceCount: mine.length,
        attendances: mine.map((a) => this.attendanceDto(scope, s, a, orgs)),
        materials: materials.filter((x) => x.session_id === s.id).map(materialDto),
      });
    }
    return out;
  }
}
