import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AuditTrail,
  Clock,
  TenantDatabase,
  type ImportPhase,
  type Scope,
} from '@sunshine/api/core';
import {
  parseIssueList,
  type IssueListError,
  type IssueListResult,
  type IssueListSummary,
  type IssueListWarning,
  type ParsedIssue,
  type SheetLayout,
  type UnitCandidate,
} from '@sunshine/api/assessment-excel';
import { assessmentIssueTypeLabel, type AssessmentSeverity } from '@sunshine/shared/domain';
import { AssessmentFilesRepository } from './assessment-files.repository';
import { AssessmentsException } from './assessments.exception';
import { AssessmentsRepository, type IndicatorRow, type RoundRow } from './assessments.repository';
import { AssessmentsService, type AddIssueCommand } from './assessments.service';

/** At most this many issues, split rows and problems are listed in a preview (counts are complete). */
export const PREVIEW_ISSUE_LIMIT = 2000;
export const PREVIEW_SPLIT_LIMIT = 500;
export const PREVIEW_PROBLEM_LIMIT = 2000;
const SAVE_BATCH = 500;

type Progress = (phase: ImportPhase, done: number, total: number) => void;

/** What the user decided in the preview, sent again with the import. */
export interface IssueImportChoices {
  /** Name as written → organisation id, for ambiguous or unknown names. */
  units: Record<string, string>;
  /** Rows whose problem cell stays one issue instead of being split. */
  keepWhole: Array<{ sheet: string; row: number }>;
}

/** An ambiguous (or unknown) name the user must resolve, with every place it is written. */
export interface UnitQuestion {
  /** The name as written: the key of the user's choice. */
  text: string;
  code: 'UNIT_AMBIGUOUS' | 'UNIT_UNKNOWN' | 'SHEET_UNIT_MISSING';
  message: string;
  /** How many rows write it, and the first few places (工作表「问题清单」第 5 行). */
  rows: number;
  places: string[];
  candidates: UnitCandidate[];
}

export interface PreviewIssue {
  sheet: string;
  row: number;
  part: number;
  partCount: number;
  unitId: string;
  unitName: string;
  unitText: string;
  indicator: string;
  indicatorMatched: boolean;
  type: string;
  typeLabel: string;
  typeBasis: 'EXACT' | 'GUESSED' | 'NONE';
  description: string;
  location: string;
  points: number | null;
  deadline: string;
}

export interface SplitRow {
  sheet: string;
  row: number;
  unitName: string;
  sourceText: string;
  parts: string[];
}

export interface IssueImportPreview {
  ok: boolean;
  round: { id: string; title: string; defaultDeadline: string };
  /** ONE_SHEET: a unit column; SHEET_PER_UNIT: a sheet per bureau; MIXED; null: nothing read. */
  layout: 'ONE_SHEET' | 'SHEET_PER_UNIT' | 'MIXED' | null;
  sheets: SheetLayout[];
  summary: IssueListSummary & { indicatorMatched: number };
  issues: PreviewIssue[];
  splitRows: SplitRow[];
  questions: UnitQuestion[];
  errors: IssueListError[];
  warnings: IssueListWarning[];
}

export type IssueImportOutcome =
  | { ok: true; imported: number; bureaus: number; warnings: number }
  | { ok: false; errors: IssueListError[]; questions: UnitQuestion[]; warnings: number };

const SEVERITY: ReadonlyArray<readonly [RegExp, AssessmentSeverity]> = [
  [/严重|重大|高/, 'HIGH'],
  [/较重|中/, 'MEDIUM'],
  [/一般|轻|低/, 'LOW'],
];

function severityOf(text: string): AssessmentSeverity | undefined {
  return SEVERITY.find(([re]) => re.test(text))?.[1];
}

/** A written deadline as a day, when it is one ('2025-06-30', '2025年6月30日'); else null. */
export function deadlineDay(text: string): string | null {
  const m = /^\s*(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?\s*$/.exec(
    text,
  );
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const indicatorKey = (name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[（(][^）)]*分[）)]/g, '')
    .replace(/^[\d.、．一二三四五六七八九十（）()]+\s*/, '')
    .replace(/\s+/g, '');

/** The round's indicator a parsed path names: the deepest level whose name is unique. */
function indicatorMatcher(indicators: readonly IndicatorRow[]): (path: string[]) => string | null {
  const byName = new Map<string, IndicatorRow[]>();
  for (const i of indicators) {
    const key = indicatorKey(i.name);
    byName.set(key, [...(byName.get(key) ?? []), i]);
  }
  return (path) => {
    for (let k = path.length - 1; k >= 0; k -= 1) {
      const found = byName.get(indicatorKey(path[k] ?? ''));
      if (found?.length === 1 && found[0]) return found[0].id;
    }
    return null;
  };
}

function place(p: { sheet: string; row: number }, sheets: number): string {
  const where = sheets > 1 && p.sheet !== '' ? `工作表「${p.sheet}」` : '';
  return p.row > 0 ? `${where}第 ${p.row} 行` : where || '整个文件';
}

/** The names to ask about: ambiguous or unknown units, grouped by how they are written. */
function questionsOf(result: IssueListResult): UnitQuestion[] {
  const byText = new Map<string, UnitQuestion>();
  const sheets = result.sheets.filter((s) => !s.skipped).length;
  for (const e of result.errors) {
    if (e.code !== 'UNIT_AMBIGUOUS' && e.code !== 'UNIT_UNKNOWN' && e.code !== 'SHEET_UNIT_MISSING')
      continue;
    const candidates = e.candidates ?? e.suggestions ?? [];
    if (candidates.length === 0) continue;
    const text = e.code === 'SHEET_UNIT_MISSING' ? e.sheet : writtenName(e.message);
    if (text === '') continue;
    const q = byText.get(text) ?? {
      text,
      code: e.code,
      message: e.message.replace(/^.*?[：:]/, ''),
      rows: 0,
      places: [],
      candidates,
    };
    q.rows += 1;
    if (q.places.length < 5) q.places.push(place(e, sheets));
    byText.set(text, q);
  }
  return [...byText.values()];
}

/** The name a matcher message quotes first: “黄山审计局”可能指… → 黄山审计局. */
function writtenName(message: string): string {
  return /“([^”]+)”/.exec(message)?.[1]?.trim() ?? '';
}

/**
 * The assessor's issue list in: a preview that writes nothing (layout, counts per bureau, the
 * split cells, the names to resolve, every error and warning), and the import, all or nothing in
 * one transaction through `AssessmentsService.insertIssues`.
 */
@Injectable()
export class AssessmentImportService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly assessments: AssessmentsService,
    private readonly repo: AssessmentsRepository,
    private readonly files: AssessmentFilesRepository,
  ) {}

  /** The round, checked for issue entry, its units and bureaus, and the file parsed against them. */
  private async parse(
    scope: Scope,
    roundId: string,
    file: Buffer,
    choices: IssueImportChoices,
    onProgress?: Progress,
  ): Promise<{ round: RoundRow; result: IssueListResult; indicators: IndicatorRow[] }> {
    const { round, units, bureauIds, indicators } = await this.db.run(scope, async (m) => {
      const round = await this.assessments.loadRound(m, scope, roundId);
      await this.assessments.assertIssueEntry(m, scope, round);
      if (round.status === 'CLOSED') throw AssessmentsException.roundClosed();
      const units = await this.files.units(m);
      const visible = new Set(units.map((u) => u.id));
      const bureauIds = ((await this.repo.bureausOf(m, [round.id])).get(round.id) ?? []).filter(
        (id) => visible.has(id),
      );
      const indicators = round.indicator_system_id
        ? await this.repo.indicatorsOf(m, [round.indicator_system_id])
        : [];
      return { round, units, bureauIds, indicators };
    });
    const result = await parseIssueList(file, {
      units: units.map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        level: u.level,
        parentCode: u.parent_code,
      })),
      scopeUnitIds: bureauIds,
      unitChoices: choices.units,
      keepWhole: choices.keepWhole,
      onProgress: (done, total) => onProgress?.('PARSE', done, total),
    });
    return { round, result, indicators };
  }

  async preview(
    scope: Scope,
    roundId: string,
    file: Buffer,
    choices: IssueImportChoices,
    onProgress?: Progress,
  ): Promise<IssueImportPreview> {
    const { round, result, indicators } = await this.parse(
      scope,
      roundId,
      file,
      choices,
      onProgress,
    );
    const match = indicatorMatcher(indicators);
    let indicatorMatched = 0;
    const issues: PreviewIssue[] = [];
    for (const i of result.issues) {
      const matched = match(i.indicatorPath) !== null;
      if (matched) indicatorMatched += 1;
      if (issues.length >= PREVIEW_ISSUE_LIMIT) continue;
      issues.push({
        sheet: i.sheet,
        row: i.row,
        part: i.part,
        partCount: i.partCount,
        unitId: i.unit.id,
        unitName: i.unit.name,
        unitText: i.unitText,
        indicator: i.indicatorPath.join(' > '),
        indicatorMatched: matched,
        type: i.type,
        typeLabel: assessmentIssueTypeLabel(i.type),
        typeBasis: i.typeBasis,
        description: i.description,
        location: i.location,
        points: i.points,
        deadline: deadlineDay(i.deadlineText) ?? round.default_deadline,
      });
    }
    const splitRows = new Map<string, SplitRow>();
    for (const i of result.issues) {
      if (!i.split) continue;
      const key = `${i.sheet}\u0000${i.row}`;
      const entry = splitRows.get(key) ?? {
        sheet: i.sheet,
        row: i.row,
        unitName: i.unit.name,
        sourceText: i.sourceText,
        parts: [],
      };
      entry.parts.push(i.description);
      splitRows.set(key, entry);
    }
    const used = result.sheets.filter((s) => !s.skipped);
    const withColumn = used.filter((s) => s.unitSource === 'COLUMN').length;
    const layout =
      used.length === 0
        ? null
        : withColumn === used.length
          ? 'ONE_SHEET'
          : withColumn === 0
            ? 'SHEET_PER_UNIT'
            : 'MIXED';
    return {
      ok: result.ok,
      round: { id: round.id, title: round.title, defaultDeadline: round.default_deadline },
      layout,
      sheets: result.sheets,
      summary: { ...result.summary, indicatorMatched },
      issues,
      splitRows: [...splitRows.values()].slice(0, PREVIEW_SPLIT_LIMIT),
      questions: questionsOf(result),
      errors: result.errors.slice(0, PREVIEW_PROBLEM_LIMIT),
      warnings: result.warnings.slice(0, PREVIEW_PROBLEM_LIMIT),
    };
  }

  async import(
    scope: Scope,
    roundId: string,
    file: Buffer,
    fileName: string,
    choices: IssueImportChoices,
    onProgress?: Progress,
  ): Promise<IssueImportOutcome> {
    const { result, indicators } = await this.parse(scope, roundId, file, choices, onProgress);
    if (!result.ok) {
      return {
        ok: false,
        errors: result.errors.slice(0, PREVIEW_PROBLEM_LIMIT),
        questions: questionsOf(result),
        warnings: result.warnings.length,
      };
    }
    const match = indicatorMatcher(indicators);
    return this.db.run(scope, async (m) => {
      // Read again in the writing transaction (as addIssue does; an assessor may not lock the
      // round row, which row-level security reserves to its issuer): a closed round takes nothing.
      const round = await this.assessments.loadRound(m, scope, roundId);
      await this.assessments.assertIssueEntry(m, scope, round);
      const commands = result.issues.map((i) => this.command(round, i, match));
      const total = commands.length;
      onProgress?.('SAVE', 0, total);
      for (let at = 0; at < total; at += SAVE_BATCH) {
        await this.save(m, scope, round, commands.slice(at, at + SAVE_BATCH), fileName);
        onProgress?.('SAVE', Math.min(total, at + SAVE_BATCH), total);
      }
      const bureaus = new Set(commands.map((c) => c.organizationId)).size;
      await this.audit.record(m, scope, {
        action: 'ASSESSMENT_ISSUE_IMPORT',
        targetType: 'AssessmentRound',
        targetId: round.id,
        changes: {
          after: {
            fileName,
            issues: total,
            bureaus,
            split: result.summary.splitIssues,
            chosenUnits: Object.keys(choices.units).length,
            keptWhole: choices.keepWhole.length,
          },
        },
      });
      return { ok: true as const, imported: total, bureaus, warnings: result.warnings.length };
    });
  }

  private async save(
    m: EntityManager,
    scope: Scope,
    round: RoundRow,
    commands: AddIssueCommand[],
    fileName: string,
  ): Promise<void> {
    const rows = await this.assessments.insertIssues(m, scope, round, commands);
    await this.files.insertCreateEvents(
      m,
      rows,
      { id: scope.userId, name: scope.username },
      this.clock.now(),
      `导入问题清单：${fileName}`.slice(0, 200),
    );
  }

  private command(
    round: RoundRow,
    i: ParsedIssue,
    match: (path: string[]) => string | null,
  ): AddIssueCommand {
    return {
      roundId: round.id,
      organizationId: i.unit.id,
      indicatorId: match(i.indicatorPath),
      issueType: i.type,
      description: i.description,
      location: i.location,
      severity: severityOf(i.severityText),
      pointsDeducted: i.points ?? 0,
      deadline: deadlineDay(i.deadlineText) ?? round.default_deadline,
    };
  }
}
