/**
 * Pieces every Excel import dialog shares (checklists, assessment issue lists, indicator
 * systems): the problem rows of the error tables, the progress of a streamed import, and the
 * check of a chosen file before it is sent.
 */

/** A problem or warning as the import routes answer it (sheet only for multi-sheet files). */
export interface ImportProblem {
  sheet?: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

/** A problem as the error table shows it: 第 5 行 / 完成时限 / message. */
export interface ProblemRow {
  key: string;
  sheet: string;
  row: string;
  column: string;
  message: string;
}

/**
 * The message without its 工作表「…」第 5 行「完成时限」： prefix, which the table shows in its
 * own columns.
 */
export function problemDetail(message: string): string {
  const detail = message.replace(
    /^(?:工作表「[^」]*」)?(?:第\s*\d+\s*行)?(「[^」]*」)?\s*[：:]\s*/,
    '',
  );
  return detail || message;
}

export function problemRows(problems: readonly ImportProblem[]): ProblemRow[] {
  return [...problems]
    .sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row)
    .map((p, i) => ({
      key: `${i}`,
      sheet: p.sheet ?? '',
      row: p.row > 0 ? `第 ${p.row} 行` : '整个文件',
      column: p.column || '—',
      message: problemDetail(p.message),
    }));
}

export interface ImportProgressLine {
  phase: 'PARSE' | 'SAVE';
  done: number;
  total: number;
}

/** Overall percent of an import: checking the rows is the first 70 %, writing them the rest. */
export function importPercent(line: ImportProgressLine): number {
  const part = line.total > 0 ? Math.min(1, line.done / line.total) : 1;
  const percent = line.phase === 'PARSE' ? part * 70 : 70 + part * 30;
  return Math.round(percent);
}

/** What the progress bar says: 正在校验：120 / 480 行, 正在写入：40 / 48 项任务. */
export function importPhaseText(line: ImportProgressLine, written = '项'): string {
  return line.phase === 'PARSE'
    ? `正在校验：${line.done} / ${line.total} 行`
    : `正在写入：${line.done} / ${line.total} ${written}`;
}

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** A message when the file cannot be an .xlsx import (wrong type, empty, too big); else null. */
export function xlsxFileProblem(
  file: { name: string; size: number },
  maxBytes = IMPORT_MAX_BYTES,
): string | null {
  if (!/\.xlsx$/i.test(file.name))
    return '请上传 Excel 文件（.xlsx）；旧版 .xls 文件请先另存为 .xlsx';
  if (file.size === 0) return '文件为空';
  if (file.size > maxBytes) return `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，无法导入`;
  return null;
}
