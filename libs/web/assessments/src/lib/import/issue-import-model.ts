/**
 * The assessor's issue-list import as the dialog sees it: the NDJSON lines of the preview and
 * import routes (see the API's assessment-files controller, docs/api-files.md), the questions
 * about ambiguous names and the split cells the user confirms, and the choices sent back.
 */
import type { ImportProblem, ImportProgressLine } from '@sunshine/web/ui';

export interface UnitCandidate {
  id: string;
  code: string;
  name: string;
  parentName: string | null;
}

/** A name the file writes ambiguously (or unknown): the user picks one of the candidates. */
export interface UnitQuestion {
  text: string;
  code: string;
  message: string;
  rows: number;
  places: string[];
  candidates: UnitCandidate[];
}

export interface PreviewIssue {
  sheet: string;
  row: number;
  part: number;
  partCount: number;
  unitName: string;
  indicator: string;
  typeLabel: string;
  typeBasis: string;
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

export interface IssuePreview {
  ok: boolean;
  layout: 'ONE_SHEET' | 'SHEET_PER_UNIT' | 'MIXED' | null;
  sheets: number;
  summary: {
    rows: number;
    issues: number;
    splitRows: number;
    splitIssues: number;
    noProblemRows: number;
    typeGuessed: number;
    pointsTotal: number;
    indicatorMatched: number;
    byUnit: Array<{ unitId: string; unitName: string; issues: number; points: number }>;
  };
  issues: PreviewIssue[];
  splitRows: SplitRow[];
  questions: UnitQuestion[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export type IssueImportLine =
  | ({ type: 'progress' } & ImportProgressLine)
  | ({ type: 'preview' } & IssuePreview)
  | { type: 'result'; ok: true; imported: number; bureaus: number; warnings: number }
  | { type: 'result'; ok: false; errors: ImportProblem[]; questions: UnitQuestion[] }
  | { type: 'error'; status: number; message: string };

/** The user's decisions, sent as `x-import-choices`. */
export interface ImportChoices {
  units: Record<string, string>;
  keepWhole: Array<{ sheet: string; row: number }>;
}

export const NO_CHOICES: ImportChoices = { units: {}, keepWhole: [] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter(isRecord) : [];

function problems(value: unknown): ImportProblem[] {
  return list(value).map((e) => ({
    sheet: str(e['sheet']),
    row: num(e['row']),
    column: str(e['column']),
    code: str(e['code']),
    message: str(e['message']) || '无法识别的问题',
  }));
}

function questions(value: unknown): UnitQuestion[] {
  return list(value).map((q) => ({
    text: str(q['text']),
    code: str(q['code']),
    message: str(q['message']),
    rows: num(q['rows']),
    places: Array.isArray(q['places']) ? q['places'].map(str) : [],
    candidates: list(q['candidates']).map((c) => ({
      id: str(c['id']),
      code: str(c['code']),
      name: str(c['name']),
      parentName: typeof c['parentName'] === 'string' ? c['parentName'] : null,
    })),
  }));
}

function previewOf(v: Record<string, unknown>): IssuePreview {
  const s = isRecord(v['summary']) ? v['summary'] : {};
  const layout = v['layout'];
  return {
    ok: v['ok'] === true,
    layout:
      layout === 'ONE_SHEET' || layout === 'SHEET_PER_UNIT' || layout === 'MIXED' ? layout : null,
    sheets: num(s['sheets']),
    summary: {
      rows: num(s['rows']),
      issues: num(s['issues']),
      splitRows: num(s['splitRows']),
      splitIssues: num(s['splitIssues']),
      noProblemRows: num(s['noProblemRows']),
      typeGuessed: num(s['typeGuessed']),
      pointsTotal: num(s['pointsTotal']),
      indicatorMatched: num(s['indicatorMatched']),
      byUnit: list(s['byUnit']).map((u) => ({
        unitId: str(u['unitId']),
        unitName: str(u['unitName']),
        issues: num(u['issues']),
        points: num(u['points']),
      })),
    },
    issues: list(v['issues']).map((i) => ({
      sheet: str(i['sheet']),
      row: num(i['row']),
      part: num(i['part']),
      partCount: num(i['partCount']),
      unitName: str(i['unitName']),
      indicator: str(i['indicator']),
      typeLabel: str(i['typeLabel']),
      typeBasis: str(i['typeBasis']),
      description: str(i['description']),
      location: str(i['location']),
      points: typeof i['points'] === 'number' ? i['points'] : null,
      deadline: str(i['deadline']),
    })),
    splitRows: list(v['splitRows']).map((r) => ({
      sheet: str(r['sheet']),
      row: num(r['row']),
      unitName: str(r['unitName']),
      sourceText: str(r['sourceText']),
      parts: Array.isArray(r['parts']) ? r['parts'].map(str) : [],
    })),
    questions: questions(v['questions']),
    errors: problems(v['errors']),
    warnings: problems(v['warnings']),
  };
}

/** One parsed NDJSON value as a line of the import; null for anything unexpected. */
export function parseIssueImportLine(value: unknown): IssueImportLine | null {
  if (!isRecord(value)) return null;
  switch (value['type']) {
    case 'progress':
      return {
        type: 'progress',
        phase: value['phase'] === 'SAVE' ? 'SAVE' : 'PARSE',
        done: num(value['done']),
        total: num(value['total']),
      };
    case 'preview':
      return { type: 'preview', ...previewOf(value) };
    case 'result':
      return value['ok'] === true
        ? {
            type: 'result',
            ok: true,
            imported: num(value['imported']),
            bureaus: num(value['bureaus']),
            warnings: num(value['warnings']),
          }
        : {
            type: 'result',
            ok: false,
            errors: problems(value['errors']),
            questions: questions(value['questions']),
          };
    case 'error':
      return {
        type: 'error',
        status: num(value['status']),
        message: str(value['message']) || '导入失败，请稍后重试',
      };
    default:
      return null;
  }
}

/** Questions still without a choice. */
export function openQuestions(preview: IssuePreview, choices: ImportChoices): UnitQuestion[] {
  return preview.questions.filter((q) => !choices.units[q.text]);
}

/**
 * What the dialog asks before 确认导入: an answer to every name question (then a new preview, which
 * applies them), and no error left in the file. Null when the import may go.
 */
export function importBlocker(
  preview: IssuePreview,
  choices: ImportChoices,
  applied: ImportChoices,
): string | null {
  if (openQuestions(preview, choices).length > 0) return '请先为每个无法确定的单位名称选择单位';
  if (JSON.stringify(choices) !== JSON.stringify(applied)) return '请点击“应用选择并重新预览”';
  if (!preview.ok) return '文件中仍有错误，请修改后重新选择文件';
  return null;
}

export function layoutLabel(layout: IssuePreview['layout'], sheets: number): string {
  switch (layout) {
    case 'ONE_SHEET':
      return sheets > 1
        ? `${sheets} 个工作表，按“被评估单位”列区分单位`
        : '一个工作表，按“被评估单位”列区分单位';
    case 'SHEET_PER_UNIT':
      return `每个单位一个工作表（共 ${sheets} 个）`;
    case 'MIXED':
      return `${sheets} 个工作表，部分按工作表名称、部分按“被评估单位”列区分单位`;
    default:
      return '未识别';
  }
}

/** The choices with one more unit picked (or cleared). */
export function withUnit(choices: ImportChoices, text: string, id: string | null): ImportChoices {
  const units = { ...choices.units };
  if (id) units[text] = id;
  else delete units[text];
  return { ...choices, units };
}

/** The choices with a split row kept whole (or split again). */
export function withKeepWhole(
  choices: ImportChoices,
  row: { sheet: string; row: number },
  whole: boolean,
): ImportChoices {
  const rest = choices.keepWhole.filter((k) => k.sheet !== row.sheet || k.row !== row.row);
  return { ...choices, keepWhole: whole ? [...rest, { sheet: row.sheet, row: row.row }] : rest };
}

export const ISSUE_TEMPLATE_PATH = '/files/templates/assessment-issues.xlsx';
export const ISSUE_SAMPLE_PATH = '/files/templates/assessment-issues-sample.xlsx';

/** The 整改链接表 of a round, or of one bureau of it. */
export function rectificationExportPath(roundId: string, organizationId?: string | null): string {
  return organizationId
    ? `/files/assessment-rounds/${roundId}/organizations/${organizationId}/rectification.xlsx`
    : `/files/assessment-rounds/${roundId}/rectification.xlsx`;
}
