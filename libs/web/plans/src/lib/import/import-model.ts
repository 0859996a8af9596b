/** Lines of the checklist import's and preview's NDJSON answers (see the API's plan-files controller). */
import {
  importPhaseText as sharedPhaseText,
  problemDetail,
  xlsxFileProblem,
  type ImportProblem,
  type ImportProgressLine,
} from '@sunshine/web/ui';

export { importPercent, problemDetail, problemRows } from '@sunshine/web/ui';
export type { ImportProblem, ProblemRow } from '@sunshine/web/ui';

/** A guess or default of the importer: shown, never blocking. Same shape as a problem. */
export type ImportWarning = ImportProblem;

/** The fields a column can be mapped to, in the template's order. */
export const FIELD_OPTIONS = [
  { value: 'number', label: '序号' },
  { value: 'category', label: '类别' },
  { value: 'title', label: '工作任务' },
  { value: 'description', label: '具体要求' },
  { value: 'lead', label: '牵头单位' },
  { value: 'cooperating', label: '配合单位' },
  { value: 'deadline', label: '完成时限' },
  { value: 'levels', label: '适用层级' },
  { value: 'weight', label: '分值' },
  { value: 'evidence', label: '佐证材料' },
  { value: 'target', label: '量化指标' },
] as const;
export type FieldKey = (typeof FIELD_OPTIONS)[number]['value'];
const FIELD_KEYS = new Set<string>(FIELD_OPTIONS.map((f) => f.value));

export interface DetectedColumn {
  index: number;
  letter: string;
  header: string;
  guess: FieldKey | null;
  basis: 'HEADER' | 'SIMILAR' | 'CONTENT' | 'NONE';
  samples: string[];
}

export interface ChecklistLayout {
  headerRow: number;
  columns: DetectedColumn[];
  needsMapping: boolean;
}

export interface ColumnMapping {
  headerRow: number;
  columns: Record<string, FieldKey | null>;
}

export interface PreviewTask {
  row: number;
  number: string;
  category: string;
  title: string;
  description: string;
  lead: string[];
  cooperating: string[];
  deadline: string;
  weight: number;
}

export interface ImportPreview {
  ok: boolean;
  layout: ChecklistLayout | null;
  categories: Array<{ name: string; tasks: number }>;
  taskCount: number;
  tasks: PreviewTask[];
  warnings: ImportWarning[];
  errors: ImportProblem[];
}

export type ImportLine =
  | { type: 'progress'; phase: 'PARSE' | 'SAVE'; done: number; total: number }
  | { type: 'result'; ok: true; categories: number; tasks: number; warnings: ImportWarning[] }
  | { type: 'result'; ok: false; errors: ImportProblem[]; warnings: ImportWarning[] }
  | ({ type: 'preview' } & ImportPreview)
  | { type: 'error'; status: number; code?: string; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function problems(value: unknown): ImportProblem[] {
  const list = Array.isArray(value) ? value : [];
  return list.filter(isRecord).map((e) => ({
    row: num(e['row']),
    column: str(e['column']),
    code: str(e['code']),
    message: str(e['message']) || '无法识别的问题',
  }));
}

function field(value: unknown): FieldKey | null {
  return typeof value === 'string' && FIELD_KEYS.has(value) ? (value as FieldKey) : null;
}

function layoutOf(value: unknown): ChecklistLayout | null {
  if (!isRecord(value)) return null;
  const columns = Array.isArray(value['columns']) ? value['columns'].filter(isRecord) : [];
  return {
    headerRow: num(value['headerRow']) || 1,
    needsMapping: value['needsMapping'] === true,
    columns: columns.map((c) => {
      const basis = str(c['basis']);
      return {
        index: num(c['index']),
        letter: str(c['letter']),
        header: str(c['header']),
        guess: field(c['guess']),
        basis: basis === 'HEADER' || basis === 'SIMILAR' || basis === 'CONTENT' ? basis : 'NONE',
        samples: strings(c['samples']),
      };
    }),
  };
}

function previewOf(value: Record<string, unknown>): ImportPreview {
  const categories = Array.isArray(value['categories']) ? value['categories'] : [];
  const tasks = Array.isArray(value['tasks']) ? value['tasks'] : [];
  return {
    ok: value['ok'] === true,
    layout: layoutOf(value['layout']),
    categories: categories
      .filter(isRecord)
      .map((c) => ({ name: str(c['name']), tasks: num(c['tasks']) })),
    taskCount: num(value['taskCount']),
    tasks: tasks.filter(isRecord).map((t) => ({
      row: num(t['row']),
      number: str(t['number']),
      category: str(t['category']),
      title: str(t['title']),
      description: str(t['description']),
      lead: strings(t['lead']),
      cooperating: strings(t['cooperating']),
      deadline: str(t['deadline']),
      weight: num(t['weight']),
    })),
    warnings: problems(value['warnings']),
    errors: problems(value['errors']),
  };
}

/** Reads one parsed NDJSON value into an ImportLine; null for anything unexpected. */
export function parseImportLine(value: unknown): ImportLine | null {
  if (!isRecord(value)) return null;
  if (value['type'] === 'progress') {
    const phase = value['phase'] === 'SAVE' ? 'SAVE' : 'PARSE';
    return { type: 'progress', phase, done: num(value['done']), total: num(value['total']) };
  }
  if (value['type'] === 'preview') return { type: 'preview', ...previewOf(value) };
  if (value['type'] === 'result') {
    const warnings = problems(value['warnings']);
    if (value['ok'] === true)
      return {
        type: 'result',
        ok: true,
        categories: num(value['categories']),
        tasks: num(value['tasks']),
        warnings,
      };
    return { type: 'result', ok: false, errors: problems(value['errors']), warnings };
  }
  if (value['type'] === 'error') {
    return {
      type: 'error',
      status: num(value['status']),
      code: str(value['code']) || undefined,
      message: str(value['message']) || '导入失败，请稍后重试',
    };
  }
  return null;
}

/** The mapping the layout's guesses make (what the mapping step starts from). */
export function guessedMapping(layout: ChecklistLayout): ColumnMapping {
  return {
    headerRow: layout.headerRow,
    columns: Object.fromEntries(layout.columns.map((c) => [String(c.index), c.guess])),
  };
}

/** What is wrong with a mapping before it is sent (a field twice, no task text); else null. */
export function mappingProblem(mapping: ColumnMapping): string | null {
  const seen = new Map<FieldKey, string>();
  for (const [index, key] of Object.entries(mapping.columns)) {
    if (key === null) continue;
    const previous = seen.get(key);
    const label = FIELD_OPTIONS.find((f) => f.value === key)?.label ?? key;
    if (previous !== undefined) return `「${label}」只能对应一列，请修改重复的选择`;
    seen.set(key, index);
  }
  if (!seen.has('title') && !seen.has('description'))
    return '请至少指定一列为「工作任务」（任务内容）';
  return null;
}

/** What each warning kind means, as the preview's summary names it. */
export const WARNING_LABELS: Readonly<Record<string, string>> = {
  DEFAULT_LEVELS: '适用层级按省、市、县三级',
  DEFAULT_WEIGHT: '分值按等权计',
  DEFAULT_DEADLINE: '完成时限按“持续推进”',
  DEADLINE_GUESSED: '完成时限由文字识别',
  DEADLINE_OUTSIDE_YEAR: '完成时限不在计划年度内',
  LEAD_GUESSED: '牵头单位由文字识别',
  LEAD_MISSING: '未注明牵头单位',
  LEAD_GENERIC: '牵头单位为泛指',
  CATEGORY_GUESSED: '类别由任务内容识别',
  DEFAULT_CATEGORY: '归入“未分类”',
  NUMBER_GENERATED: '序号自动编排',
  TITLE_GUESSED: '任务名称取自首句',
};

/** Warnings counted by kind, most frequent first: [{ code, label, count }]. */
export function warningSummary(
  warnings: readonly ImportWarning[],
): Array<{ code: string; label: string; count: number }> {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1);
  return [...counts.entries()]
    .map(([code, count]) => ({ code, label: WARNING_LABELS[code] ?? '其他提示', count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** The warnings of one row (row > 0), without their 第 N 行「…」： prefix. */
export function rowWarnings(warnings: readonly ImportWarning[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const w of warnings) {
    if (w.row <= 0) continue;
    const list = map.get(w.row) ?? [];
    list.push(problemDetail(w.message));
    map.set(w.row, list);
  }
  return map;
}

/** 正在校验：120 / 480 行, 正在写入：40 / 48 项任务. */
export function importPhaseText(line: ImportProgressLine): string {
  return sharedPhaseText(line, '项任务');
}

export const CHECKLIST_TEMPLATE_PATH = '/files/templates/checklist.xlsx';
export const CHECKLIST_SAMPLE_PATH = '/files/templates/checklist-sample.xlsx';
export const CHECKLIST_MAX_BYTES = 10 * 1024 * 1024;

/** A message when the file cannot be a checklist (wrong type, empty, too big); else null. */
export function checklistFileProblem(file: { name: string; size: number }): string | null {
  return xlsxFileProblem(file, CHECKLIST_MAX_BYTES);
}
