import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, AuditTrail, OrgDirectory, TenantDatabase, type Scope } from '@sunshine/api/core';
import {
  bureauTraining,
  coverageRate,
  meetsRequirement,
  OrgLevel,
  type AttendanceFact,
  type TrainingRequirementRule,
} from '@sunshine/shared/domain';
import type {
  TrainingCoverageDto,
  TrainingCoverageRowDto,
  TrainingRequirementDto,
} from './dtos/training.dto';
import type { TrainingRequirementInput } from './dtos/training.inputs';
import { TrainingsException } from './trainings.exception';
import {
  orgDto,
  TrainingsRepository,
  type FactRow,
  type OrgRow,
  type RequirementRow,
} from './trainings.repository';

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The requirement per level (the first set wins when several overseers set one). */
function rulesOf(rows: readonly RequirementRow[]): Map<string, TrainingRequirementRule> {
  const rules = new Map<string, TrainingRequirementRule>();
  for (const r of rows)
    if (!rules.has(r.level))
      rules.set(r.level, {
        level: r.level,
        minProvinceAttendees: r.min_province_attendees,
        minHours: r.min_hours,
      });
  return rules;
}

/** The stored attendance rows as the coverage maths sees them, per bureau. */
function groupFacts(facts: readonly FactRow[]): Map<string, AttendanceFact[]> {
  const out = new Map<string, AttendanceFact[]>();
  for (const f of facts) {
    const list = out.get(f.organization_id) ?? [];
    list.push({
      organizationId: f.organization_id,
      traineeName: f.trainee_name,
      phone: f.phone,
      attended: f.attended,
      hours: f.hours,
      sessionLevel: f.organiser_level,
      sessionExternal: f.organiser_kind === 'EXTERNAL',
    });
    out.set(f.organization_id, list);
  }
  return out;
}

/** Coverage (who was trained, hours per city) and the yearly requirement. */
@Injectable()
export class TrainingCoverageService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly orgs: OrgDirectory,
    private readonly audit: AuditTrail,
    private readonly repo: TrainingsRepository,
  ) {}

  async coverage(
    scope: Scope,
    year: number,
    organizationId?: string,
    quarter?: number,
  ): Promise<TrainingCoverageDto> {
    if (quarter !== undefined && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4))
      throw AppError.badInput('TRAINING_BAD_QUARTER', '季度只能是 1 到 4');
    const rootId = organizationId ?? scope.organizationId;
    await this.db.assertVisible(scope, rootId);
    return this.db.run(scope, async (m) => {
      const all = [...(await this.orgs.subtree([rootId]))];
      const orgRows = await this.repo.orgs(m, all);
      const root = orgRows.find((o) => o.id === rootId);
      if (!root) throw AppError.notFound();
      const byId = new Map(orgRows.map((o) => [o.id, o]));
      const facts = await this.repo.yearFacts(m, year, all, quarter ?? null);
      const factsOf = groupFacts(facts);
      // The requirement is yearly: a quarter's view still judges it on the whole year's rows.
      const yearFactsOf = quarter ? groupFacts(await this.repo.yearFacts(m, year, all)) : factsOf;
      const rules = rulesOf(await this.repo.requirements(m, year));
      const rowFor = (org: OrgRow, members: OrgRow[]): TrainingCoverageRowDto => {
        let trained = 0;
        let meeting = 0;
        let trainees = 0;
        let hours = 0;
        for (const b of members) {
          const t = bureauTraining(factsOf.get(b.id) ?? []);
          if (t.trained) trained++;
          const wholeYear = quarter ? bureauTraining(yearFactsOf.get(b.id) ?? []) : t;
          if (meetsRequirement(wholeYear, rules.get(b.level))) meeting++;
          trainees += t.trainees;
          hours += t.personHours;
        }
        return {
          organization: orgDto(org),
          bureaus: members.length,
          bureausTrained: trained,
          trainees,
          personHours: round1(hours),
          coverageRate: coverageRate(members.length, trained),
          hoursPerBureau: members.length === 0 ? 0 : round1(hours / members.length),
          meetsRequirement: members.length > 0 && meeting === members.length,
          bureausMeeting: meeting,
        };
      };
      const children = orgRows.filter((o) => o.parent_id === rootId);
      const rows: TrainingCoverageRowDto[] = [];
      for (const child of children) {
        const subtree = await this.orgs.subtree([child.id]);
        rows.push(
          rowFor(
            child,
            [...subtree].flatMap((id) => byId.get(id) ?? []),
          ),
        );
      }
      // The province (or a national root) organises rather than attends: it is left out of its
      // own totals; a city counts itself with its counties, as in its row on the province's view.
      const issuer = root.level === OrgLevel.PROVINCE || root.level === OrgLevel.NATIONAL;
      const counted = orgRows.filter((o) => o.id !== rootId || !issuer);
      const total = rowFor(root, counted);
      const untrained = counted
        .filter((o) => !bureauTraining(factsOf.get(o.id) ?? []).trained)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(orgDto);
      const requirements: TrainingRequirementDto[] = [...rules.values()].map((r) => ({
        year,
        level: r.level,
        minProvinceAttendees: r.minProvinceAttendees,
        minHours: r.minHours,
      }));
      return {
        year,
        quarter: quarter ?? null,
        organization: orgDto(root),
        total,
        rows,
        untrainedBureaus: untrained,
        requirements,
      };
    });
  }

  /**
   * The bureaus among `bureauIds` that do not (yet) meet the year's requirement for their level
   * (with no requirement for the level: those nobody from which attended). One pass, three
   * statements, whatever the number of bureaus.
   */
  async bureausBelowRequirement(
    m: EntityManager,
    year: number,
    bureauIds: readonly string[],
  ): Promise<OrgRow[]> {
    const bureaus = await this.repo.orgs(m, bureauIds);
    const facts = await this.repo.yearFacts(m, year, bureauIds);
    const rules = rulesOf(await this.repo.requirements(m, year));
    const factsOf = groupFacts(facts);
    return bureaus.filter(
      (b) => !meetsRequirement(bureauTraining(factsOf.get(b.id) ?? []), rules.get(b.level)),
    );
  }

  async setRequirement(
    scope: Scope,
    input: TrainingRequirementInput,
  ): Promise<TrainingRequirementDto> {
    return this.db.run(scope, async (m) => {
      const own = await this.repo.org(m, scope.organizationId);
      if (!own || ![OrgLevel.NATIONAL, OrgLevel.PROVINCE].includes(own.level))
        throw TrainingsException.notIssuer();
      const r = await this.repo.upsertRequirement(m, own.id, input);
      if (!r) throw AppError.forbidden();
      await this.audit.record(m, scope, {
        action: 'TRAINING_REQUIREMENT_SET',
        targetType: 'Organization',
        targetId: own.id,
        changes: { after: { ...input } },
      });
      return {
        year: r.year,
        level: r.level,
        minProvinceAttendees: r.min_province_attendees,
        minHours: r.min_hours,
      };
    });
  }
}
