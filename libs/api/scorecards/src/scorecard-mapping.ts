import {
  averageScore,
  componentMax,
  gradeDistribution,
  mostImproved,
  parseRubric,
  RUBRIC_COMPONENT_KIND_LABELS,
  rubricMax,
  SCORE_GRADE_LABELS,
  type OrgLevel,
  type RubricComponent,
  type ScoreResult,
} from '@sunshine/shared/domain';
import {
  ScoreGradeEnum,
  type RubricDto,
  type RubricNodeDto,
  type ScoreBreakdownItemDto,
  type ScorecardPublicationDto,
  type ScorecardDto,
  type ScorecardRowDto,
} from './dtos/scorecard.dto';
import type { OrgRow } from './scorecard-facts.repository';
import { orgDto, type Period, type ResolvedRubric } from './scorecard-runs.service';
import type { PublishedRow } from './scorecards.repository';

/** One bureau's line in a view, live or frozen. */
export interface ViewRow {
  org: OrgRow;
  result: ScoreResult;
  facts: unknown;
  rank: number;
  change: number | null;
  previousScore: number | null;
}

const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();

/** The main reasons a bureau lost points: vetoes, the three leaves that lost most, deductions. */
export function reasonsOf(result: ScoreResult): string[] {
  const losses = result.components
    .filter((c) => c.kind !== 'GROUP' && c.max - c.points > 0.005)
    .sort((a, b) => b.max - b.points - (a.max - a.points))
    .slice(0, 3)
    .map((c) => `${c.label}失${fmt(c.max - c.points)}分`);
  const deductions = result.items
    .filter((i) => i.component === 'adjustment' && i.centi < 0)
    .map((i) => `${i.label}（${fmt(i.points)}分）`);
  return [...result.vetoes.map((v) => `一票否决：${v.label}`), ...losses, ...deductions];
}

export function rowDto(r: ViewRow): ScorecardRowDto {
  return {
    organization: orgDto(r.org),
    score: r.result.score,
    grade: r.result.grade as ScoreGradeEnum,
    gradeLabel: SCORE_GRADE_LABELS[r.result.grade],
    rank: r.rank,
    vetoed: r.result.vetoed,
    change: r.change,
    previousScore: r.previousScore,
    reasons: reasonsOf(r.result),
  };
}

export function itemDtos(result: ScoreResult): ScoreBreakdownItemDto[] {
  return result.items.map((i) => ({
    component: i.component,
    label: i.label,
    points: i.points,
    source: { type: i.source.type, id: i.source.id },
    attachment: i.attachment ?? null,
  }));
}

export function publicationDto(p: PublishedRow): ScorecardPublicationDto {
  return {
    id: p.id,
    revision: p.revision,
    publishedAt: p.published_at,
    contentHash: p.content_hash,
    rubricVersion: p.rubric_version,
    asOf: p.as_of,
    note: p.note,
  };
}

/** The rubric a frozen run used, as stored with it. */
export function frozenRubric(p: PublishedRow, level: OrgLevel): ResolvedRubric {
  const parsed = parseRubric(p.rubric);
  if ('errors' in parsed) throw new Error(`published scorecard ${p.id}: stored rubric unreadable`);
  return { rubric: parsed.rubric, row: null, level };
}

function nodes(
  components: readonly RubricComponent[],
  parentKey: string | null,
  depth: number,
): RubricNodeDto[] {
  return components.flatMap((c) => [
    {
      key: c.key,
      parentKey,
      depth,
      label: c.label,
      kind: c.kind,
      kindLabel: RUBRIC_COMPONENT_KIND_LABELS[c.kind],
      max: Math.round(componentMax(c) * 100) / 100,
    },
    ...(c.kind === 'GROUP' ? nodes(c.children, c.key, depth + 1) : []),
  ]);
}

export function rubricDto(r: ResolvedRubric, year: number, owner: OrgRow | null): RubricDto {
  return {
    id: r.row?.id ?? null,
    organization: owner ? orgDto(owner) : null,
    year,
    level: r.level,
    version: r.row?.version ?? 0,
    isDefault: r.row === null,
    maxScore: rubricMax(r.rubric),
    bonusCap: r.rubric.bonusCap,
    grades: { ...r.rubric.grades },
    nodes: nodes(r.rubric.components, null, 1),
    vetoes: r.rubric.vetoes.map((v) => ({ key: v.key, label: v.label })),
    content: JSON.stringify(r.rubric),
    note: r.row?.note ?? '',
    createdAt: r.row?.created_at ?? null,
  };
}

export function scorecardDto(
  period: Period,
  root: OrgRow,
  assessor: OrgRow | null,
  rubric: ResolvedRubric,
  rows: ViewRow[],
  publication: PublishedRow | null,
): ScorecardDto {
  const dtos = rows.map(rowDto);
  return {
    year: period.year,
    quarter: period.quarter,
    organization: orgDto(root),
    assessor: assessor ? orgDto(assessor) : null,
    level: rows[0]?.org.level ?? rubric.level,
    rubricVersion: publication?.rubric_version ?? rubric.row?.version ?? 0,
    maxScore: rubricMax(rubric.rubric),
    rows: dtos.map((d, i) => ({ ...d, rank: rows[i]!.rank > 0 ? rows[i]!.rank : null })),
    average: averageScore(rows.map((r) => ({ scoreCenti: r.result.scoreCenti }))),
    gradeDistribution: gradeDistribution(rows.map((r) => r.result)).map((g) => ({
      grade: g.grade as ScoreGradeEnum,
      label: SCORE_GRADE_LABELS[g.grade],
      count: g.count,
    })),
    vetoedCount: rows.filter((r) => r.result.vetoed).length,
    mostImproved: mostImproved(dtos),
    publication: publication ? publicationDto(publication) : null,
  };
}
