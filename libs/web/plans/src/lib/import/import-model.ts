/** Lines of the checklist import's NDJSON answer (see the API's plan-files controller). */
export interface ImportProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

export type ImportLine =
  | { type: 'progress'; phase: 'PARSE' | 'SAVE'; done: number; total: number }
  | { type: 'result'; ok: true; categories: number; tasks: number }
  | { type: 'result'; ok: false; errors: ImportProblem[] }
  | { type: 'error'; status: number; code?: string; message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads one parsed NDJSON value into an ImportLine; null for anything unexpected. */
export function parseImportLine(value: unknown): ImportLine | null {
  if (!isRecord(value)) return null;
  if (value['type'] === 'progress') {
    const phase = value['phase'] === 'SAVE' ? 'SAVE' : 'PARSE';
    return { type: 'progress', phase, done: num(value['done']), total: num(value['total']) };
  }
  if (value['type'] === 'result') {
    if (value['ok'] === true)
      return {
        type: 'result',
        ok: true,
        categories: num(value['categories']),
        tasks: num(value['tasks']),
      };
    const errors = Array.isArray(value['errors']) ? value['errors'] : [];
    return {
      type: 'result',
      ok: false,
      errors: errors.filter(isRecord).map((e) => ({
        row: num(e['row']),
        column: str(e['column']),
        code: str(e['code']),
        message: str(e['message']) || '无法识别的问题',
      })),
    };
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

/**
 * Overall percent of an import: checking the rows is the first 70 %, writing them the rest.
 */
export function importPercent(line: {
  phase: 'PARSE' | 'SAVE';
  done: number;
  total: number;
}): number {
  const part = line.total > 0 ? Math.min(1, line.done / line.total) : 1;
  const percent = line.phase === 'PARSE' ? part * 70 : 70 + part * 30;
  return Math.round(percent);
}

/** What the progress bar says: 正在校验第 120 / 480 行 … */
export function importPhaseText(line: {
  phase: 'PARSE' | 'SAVE';
  done: number;
  total: number;
}): string {
  return line.phase === 'PARSE'
    ? `正在校验：${line.done} / ${line.total} 行`
    : `正在写入：${line.done} / ${line.total} 项任务`;
}

/** A problem as the error table shows it: 第 5 行 / 完成时限 / message. */
export interface ProblemRow {
  key: string;
  row: string;
  column: string;
  message: string;
}

/** The message without its 第 5 行「完成时限」： prefix, which the table shows in its own columns. */
export function problemDetail(message: string): string {
  const detail = message.replace(/^第\s*\d+\s*行(「[^」]*」)?\s*[：:]\s*/, '');
  return detail || message;
}

export function problemRows(problems: readonly ImportProblem[]): ProblemRow[] {
  return [...problems]
    .sort((a, b) => a.row - b.row)
    .map((p, i) => ({
      key: `${i}`,
      row: p.row > 0 ? `第 ${p.row} 行` : '整个文件',
      column: p.column || '—',
      message: problemDetail(p.message),
    }));
}

export const CHECKLIST_TEMPLATE_PATH = '/files/templates/checklist.xlsx';
export const CHECKLIST_SAMPLE_PATH = '/files/templates/checklist-sample.xlsx';
export const CHECKLIST_MAX_BYTES = 10 * 1024 * 1024;

/** A message when the file cannot be a checklist (wrong type, empty, too big); else null. */
export function checklistFileProblem(file: { name: string; size: number }): string | null {
  if (!/\.xlsx$/i.test(file.name))
    return '请上传 Excel 文件（.xlsx）；旧版 .xls 文件请先另存为 .xlsx';
  if (file.size === 0) return '文件为空';
  if (file.size > CHECKLIST_MAX_BYTES) return '文件超过 10 MB，无法导入';
  return null;
}
