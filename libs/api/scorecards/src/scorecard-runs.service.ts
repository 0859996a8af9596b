import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, Clock, OrganizationDto, OrgDirectory } from '@sunshine/api/core';
import {
  bureauFacts,
  chinaDateOf,
  compareDates,
  computeScore,
  DEFAULT_CITY_RUBRIC,
  DEFAULT_COUNTY_RUBRIC,
  issueTypeLabel,
  makeQuarter,
  OrgLevel,
  parseRubric,
  quarterEnd,
  rankScores,
  scorecardContent,
  type Rubric,
  type ScoreFacts,
  type ScoreResult,
  type TrainingRequirementRule,
} from '@sunshine/shared/domain';
import { ScorecardFactsRepository, type OrgRow } from './scorecard-facts.repository';
import { ScorecardsRepository, type RubricRow } from './scorecards.repository';

/** A scoring period: year-to-date after `quarter`, or the final result (quarter null). */
export interface Period {
  year: number;
  quarter: number | null;
  /** Quarters counted: `quarter`, or 4 for the final result. */
  upto: number;
  /** The stored key: the quarter, 0 for the final result. */
  key: number;
  /** Last day of the period. */
  end: string;
}

export function periodOf(year: number, quarter: number | null | undefined): Period {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw AppError.badInput('BAD_YEAR', '年度不正确');
  if (quarter !== null && quarter !== undefined && ![1, 2, 3, 4].includes(quarter))
    throw AppError.badInput('BAD_QUARTER', '季度应为1–4');
  const q = quarter ?? null;
  const upto = q ?? 4;
  return { year, quarter: q, upto, key: q ?? 0, end: quarterEnd(makeQuarter(year, upto)) };
}

export interface ResolvedRubric {
  rubric: Rubric;
  row: RubricRow | null;
  level: OrgLevel;
}

/** One bureau's inputs and result in a run. */
export interface BureauScore {
  org: OrgRow;
  facts: ScoreFacts;
  result: ScoreResult;
  rank: number;
}

/** An assessor's computation over a set of peer bureaus for a period. */
export interface Run {
  assessorId: string;
  period: Period;
  asOf: string;
  rubric: ResolvedRubric;
  bureaus: BureauScore[];
}

export const orgDto = (o: OrgRow): OrganizationDto =>
  OrganizationDto.from({
    id: o.id,
    code: o.code,
    name: o.name,
    level: o.level,
    parentId: o.parent_id,
  });

/** The default rubric for the bureaus of a level. */
export function defaultRubric(level: OrgLevel): Rubric {
  return level === OrgLevel.CITY ? DEFAULT_CITY_RUBRIC : DEFAULT_COUNTY_RUBRIC;
}

/** What a frozen scorecard is hashed over: the rubric, and each bureau's inputs and result. */
export function contentHash(
  run: Pick<Run, 'assessorId' | 'period' | 'rubric' | 'bureaus'>,
): string {
  const content = scorecardContent({
    assessorId: run.assessorId,
    year: run.period.year,
    quarter: run.period.key,
    rubric: run.rubric.rubric,
    bureaus: run.bureaus.map((b) => ({
      organizationId: b.org.id,
      facts: b.facts,
      result: b.result,
    })),
  });
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Computes scorecards from the owners' published views: one statement per fact source for the
 * whole set of bureaus, then the engine in `@sunshine/shared/domain` per bureau.
 */
@Injectable()
export class ScorecardRunsService {
  constructor(
    private readonly facts: ScorecardFactsRepository,
    private readonly repo: ScorecardsRepository,
    private readonly orgs: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return chinaDateOf(this.clock.now());
  }

  /** The assessor's rubric for the year and level: its own, else the nearest ancestor's, else the default. */
  async rubricFor(
    m: EntityManager,
    assessorId: string,
    year: number,
    level: OrgLevel,
  ): Promise<ResolvedRubric> {
    if (level !== OrgLevel.CITY && level !== OrgLevel.COUNTY)
      throw AppError.badInput('RUBRIC_LEVEL', '考评细则只适用于市级或县级单位');
    const chain: string[] = [];
    for (let id: string | null = assessorId; id; id = await this.orgs.parentOf(id)) chain.push(id);
    const rows = await this.repo.rubrics(m, chain, year, level);
    for (const id of chain) {
      const row = rows.find((r) => r.organization_id === id);
      if (!row) continue;
      const parsed = parseRubric(row.content);
      if ('errors' in parsed)
        throw AppError.conflict(
          'RUBRIC_BROKEN',
          `考评细则第${row.version}版无法使用：${parsed.errors[0]}`,
        );
      return { rubric: parsed.rubric, row, level };
    }
    return { rubric: defaultRubric(level), row: null, level };
  }

  /**
   * Scores `bureaus` (peers of one level) as `assessorId` sees them. The caller's row-level
   * security applies to every fact read.
   */
  async run(
    m: EntityManager,
    assessorId: string,
    bureaus: readonly OrgRow[],
    period: Period,
    rubric?: ResolvedRubric,
  ): Promise<Run> {
    const level = bureaus[0]?.level ?? OrgLevel.COUNTY;
    const resolved = rubric ?? (await this.rubricFor(m, assessorId, period.year, level));
    const today = this.today();
    const asOf = compareDates(today, period.end) < 0 ? today : period.end;
    const ids = bureaus.map((b) => b.id);
    if (ids.length === 0) return { assessorId, period, asOf, rubric: resolved, bureaus: [] };
    const [tasks, reports, issues, training, requirements, adjustments] = [
      await this.facts.tasks(m, ids, period.year),
      await this.facts.reports(m, ids, period.year, period.upto),
      await this.facts.issues(m, ids, period.year, period.end),
      await this.facts.training(m, ids, period.year),
      await this.facts.requirements(m, period.year),
      await this.repo.adjustments(m, assessorId, ids, period.year, period.upto),
    ];
    const rules = new Map<string, TrainingRequirementRule>();
    for (const r of requirements)
      if (!rules.has(r.level))
        rules.set(r.level, {
          level: r.level,
          minProvinceAttendees: r.min_province_attendees,
          minHours: r.min_hours,
        });
    const scored = bureaus.map((org) => {
      const facts = bureauFacts({
        year: period.year,
        uptoQuarter: period.upto,
        today,
        asOf,
        tasks: tasks
          .filter((t) => t.organization_id === org.id)
          .map((t) => ({
            assignmentId: t.assignment_id,
            taskNumber: t.task_number,
            taskTitle: t.task_title,
            weight: t.weight,
            dueDaysAfterQuarter: t.due_days_after_quarter,
          })),
        reports: reports
          .filter((r) => r.organization_id === org.id)
          .map((r) => ({
            reportId: r.report_id,
            assignmentId: r.assignment_id,
            quarter: r.quarter,
            completionState: r.completion_state,
            percent: r.percent,
            status: r.status,
            late: r.late,
          })),
        issues: issues
          .filter((i) => i.organization_id === org.id)
          .map((i) => ({
            issueId: i.issue_id,
            issueType: i.issue_type,
            issueTypeLabel: issueTypeLabel(i.issue_type),
            description: i.description,
            status: i.status,
            pointsDeducted: i.points_deducted,
            deadline: i.deadline,
            late: i.late,
            returnedCount: i.returned_count,
          })),
        training:
          training
            .filter((x) => x.organization_id === org.id)
            .map((x) => ({
              trainees: x.trainees,
              personHours: x.person_hours,
              provinceAttendees: x.province_attendees,
            }))[0] ?? null,
        requirement: rules.get(org.level),
        adjustments: adjustments
          .filter((a) => a.organization_id === org.id)
          .map((a) => ({
            id: a.id,
            kind: a.kind,
            points: a.points,
            reason: a.reason,
            attachment: a.attachment,
          })),
      });
      return { org, facts, result: computeScore(resolved.rubric, facts), rank: 0 };
    });
    const ranks = rankScores(scored.map((s) => s.result));
    scored.forEach((s, i) => (s.rank = ranks[i]!));
    return { assessorId, period, asOf, rubric: resolved, bureaus: scored };
  }

  /** The visible organisation rows of the given ids (row-level security applies). */
  orgRows(m: EntityManager, ids: readonly string[]): Promise<OrgRow[]> {
    return this.facts.orgs(m, ids);
  }
}
