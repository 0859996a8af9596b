import { Injectable } from '@nestjs/common';
import {
  AppError,
  AuditTrail,
  Clock,
  hasRole,
  TenantDatabase,
  type Scope,
} from '@sunshine/api/core';
import { renderOfficialDocument } from '@sunshine/api/official-docs';
import { ORG_LEVEL_ORDER, Role } from '@sunshine/shared/domain';
import { bureauCertificate, personCertificate, type CertificateLine } from './certificate-document';
import {
  TrainingCertificatesRepository,
  type CertificateLineRow as LineRow,
} from './training-certificates.repository';
import { TrainingsException } from './trainings.exception';
import { TrainingsRepository } from './trainings.repository';
import { TrainingsService } from './trainings.service';

/**
 * 学时证明 as .docx (GB/T 9704 layout through `@sunshine/api/official-docs`): per person (every
 * session of the year the person attended) and per bureau. A bureau's ADMIN, or an overseer's,
 * downloads its own; an organiser's ADMIN (or the assessor) the people of its sessions. Audited
 * without names.
 */
@Injectable()
export class TrainingCertificatesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly sessions: TrainingsService,
    private readonly repo: TrainingsRepository,
    private readonly certificates: TrainingCertificatesRepository,
  ) {}

  /**
   * The issuer is the most senior organiser among the sessions listed (the province when the
   * person went to a province course; a city for its own; the recording bureau for an outside
   * body's), dated on the business day.
   */
  private issuerAndDate(rows: readonly LineRow[]): { issuer: string; date: string } {
    const rank = (r: LineRow): number => ORG_LEVEL_ORDER.indexOf(r.organiser_level);
    const senior = [...rows].sort((a, b) => rank(a) - rank(b))[0];
    const date = new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    return { issuer: senior?.organiser_org_name ?? '', date };
  }

  /** The person of one attendance row: every session of that year they attended. */
  async person(scope: Scope, attendanceId: string): Promise<{ buffer: Buffer; fileName: string }> {
    if (!hasRole(scope, Role.ADMIN, Role.ASSESSOR)) throw AppError.forbidden();
    return this.db.run(scope, async (m) => {
      const a = await this.repo.findAttendance(m, attendanceId);
      if (!a) throw AppError.notFound();
      const s = await this.sessions.load(m, scope, a.session_id);
      const ownPeople =
        hasRole(scope, Role.ADMIN) && (await this.db.canSee(scope, a.organization_id));
      const host = this.sessions.isHost(scope, s);
      if (!ownPeople && !host) throw AppError.notFound();
      // The host of one session sees only what it hosted; the bureau (and above) everything.
      const rows = (
        await this.certificates.lines(m, s.year, a.organization_id, a.trainee_name)
      ).filter((r) => ownPeople || r.session_org_id === scope.organizationId);
      if (rows.length === 0) throw TrainingsException.noCertificate();
      const bureau = await this.repo.org(m, a.organization_id);
      const doc = personCertificate({
        bureau: bureau?.name ?? '',
        year: s.year,
        lines: rows.map(line),
        ...this.issuerAndDate(rows),
      });
      const hours = rows.reduce((x, r) => x + r.hours, 0);
      await this.audit.record(m, scope, {
        action: 'TRAINING_CERTIFICATE',
        targetType: 'Organization',
        targetId: a.organization_id,
        // The attendance row names the person; the trail keeps no name.
        changes: { kind: 'PERSON', attendanceId, year: s.year, sessions: rows.length, hours },
      });
      return {
        buffer: await renderOfficialDocument(doc),
        fileName: `${bureau?.name ?? ''}-${a.trainee_name}-${s.year}年培训学时证明.docx`,
      };
    });
  }

  /** A bureau's people and sessions of the year. */
  async bureau(
    scope: Scope,
    organizationId: string,
    year: number,
  ): Promise<{ buffer: Buffer; fileName: string }> {
    if (!hasRole(scope, Role.ADMIN)) throw AppError.forbidden();
    await this.db.assertVisible(scope, organizationId);
    return this.db.run(scope, async (m) => {
      const bureau = await this.repo.org(m, organizationId);
      if (!bureau) throw AppError.notFound();
      const rows = await this.certificates.lines(m, year, organizationId, null);
      if (rows.length === 0) throw TrainingsException.noCertificate();
      const doc = bureauCertificate({
        bureau: bureau.name,
        year,
        lines: rows.map(line),
        ...this.issuerAndDate(rows),
      });
      await this.audit.record(m, scope, {
        action: 'TRAINING_CERTIFICATE',
        targetType: 'Organization',
        targetId: organizationId,
        changes: {
          kind: 'BUREAU',
          year,
          lines: rows.length,
          hours: rows.reduce((x, r) => x + r.hours, 0),
        },
      });
      return {
        buffer: await renderOfficialDocument(doc),
        fileName: `${bureau.name}-${year}年培训学时证明.docx`,
      };
    });
  }
}

function line(r: LineRow): CertificateLine {
  return {
    traineeName: r.trainee_name,
    post: r.post,
    sessionTitle: r.title,
    organiser: r.organiser,
    startDate: r.start_date,
    endDate: r.end_date,
    hours: r.hours,
  };
}
