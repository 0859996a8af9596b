import { useRef, useState } from 'react';
import { authorizedFetch, fileRequestFailure, readNdjson } from '@sunshine/web/graphql';
import {
  checklistFileProblem,
  guessedMapping,
  importPercent,
  importPhaseText,
  parseImportLine,
  type ColumnMapping,
  type ImportLine,
  type ImportPreview,
  type ImportProblem,
} from './import-model';

export type ImportState =
  | { status: 'idle' }
  /** Reading the file for the preview (nothing is written). */
  | { status: 'reading'; fileName: string; percent: number; text: string }
  /** The column-mapping step: each column's field, the guess preselected. */
  | {
      status: 'mapping';
      file: File;
      fileName: string;
      preview: ImportPreview;
      mapping: ColumnMapping;
    }
  /** What the import would write, with every warning; nothing written yet. */
  | {
      status: 'preview';
      file: File;
      fileName: string;
      preview: ImportPreview;
      mapping: ColumnMapping | null;
    }
  | { status: 'running'; fileName: string; percent: number; text: string }
  | { status: 'done'; fileName: string; categories: number; tasks: number; warnings: number }
  | { status: 'invalid'; fileName: string; problems: ImportProblem[] }
  | { status: 'failed'; fileName: string; message: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The checklist import dialog's steps: the file is read for a preview (its columns with the
 * guessed fields, the categories and tasks, every warning) and nothing is written until the user
 * confirms; a mapping changed in the mapping step is sent with the preview and with the import.
 * Both answers stream NDJSON: progress lines move the bar, the last line is the preview or result.
 */
export function useChecklistImport(planId: string, onImported: () => void) {
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const send = async (
    path: string,
    file: File,
    mapping: ColumnMapping | null,
    onProgress: (line: Extract<ImportLine, { type: 'progress' }>) => void,
  ): Promise<Exclude<ImportLine, { type: 'progress' }> | null> => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const headers: Record<string, string> = {
      'content-type': XLSX,
      'x-file-name': encodeURIComponent(file.name),
    };
    if (mapping) headers['x-checklist-mapping'] = encodeURIComponent(JSON.stringify(mapping));
    const response = await authorizedFetch(`/files/plans/${planId}/${path}`, {
      method: 'POST',
      body: file,
      headers,
      signal: abort.signal,
    });
    if (!response.ok) throw await fileRequestFailure(response);
    let last: Exclude<ImportLine, { type: 'progress' }> | null = null;
    await readNdjson(response, (value) => {
      const line = parseImportLine(value);
      if (!line || abort.signal.aborted) return;
      if (line.type === 'progress') onProgress(line);
      else last = line;
    });
    if (abort.signal.aborted) throw new DOMException('aborted', 'AbortError');
    return last;
  };

  const failed = (fileName: string, error: unknown): void => {
    if (error instanceof DOMException && error.name === 'AbortError') return;
    setState({
      status: 'failed',
      fileName,
      message: error instanceof Error && error.message ? error.message : '导入失败，请稍后重试',
    });
  };

  const preview = async (file: File, mapping: ColumnMapping | null) => {
    const fileName = file.name;
    setState({ status: 'reading', fileName, percent: 0, text: '正在读取文件…' });
    try {
      const line = await send('checklist/preview', file, mapping, (p) =>
        setState({
          status: 'reading',
          fileName,
          percent: Math.round(p.total > 0 ? (p.done / p.total) * 100 : 100),
          text: `正在识别：${p.done} / ${p.total} 行`,
        }),
      );
      if (line === null) {
        setState({ status: 'failed', fileName, message: '读取中断：服务器未返回结果，请重试' });
      } else if (line.type === 'preview') {
        const result: ImportPreview = line;
        // Unknown headers or no task column: the mapping step first (unless the user has just
        // chosen a mapping that still fails, which the preview then explains).
        const noTaskColumn = result.errors.some((e) => e.code === 'MISSING_HEADER');
        if (mapping === null && result.layout && (result.layout.needsMapping || noTaskColumn)) {
          setState({
            status: 'mapping',
            file,
            fileName,
            preview: result,
            mapping: guessedMapping(result.layout),
          });
        } else {
          setState({ status: 'preview', file, fileName, preview: result, mapping });
        }
      } else if (line.type === 'error') {
        setState({ status: 'failed', fileName, message: line.message });
      } else {
        setState({ status: 'failed', fileName, message: '无法读取文件，请重试' });
      }
    } catch (error: unknown) {
      failed(fileName, error);
    }
  };

  const commit = async (file: File, mapping: ColumnMapping | null) => {
    const fileName = file.name;
    setState({ status: 'running', fileName, percent: 0, text: '正在上传文件…' });
    try {
      const line = await send('checklist', file, mapping, (p) =>
        setState({
          status: 'running',
          fileName,
          percent: importPercent(p),
          text: importPhaseText(p),
        }),
      );
      if (line === null) {
        setState({ status: 'failed', fileName, message: '导入中断：服务器未返回结果，请重试' });
      } else if (line.type === 'result') {
        if (line.ok) {
          setState({
            status: 'done',
            fileName,
            categories: line.categories,
            tasks: line.tasks,
            warnings: line.warnings.length,
          });
          onImported();
        } else setState({ status: 'invalid', fileName, problems: line.errors });
      } else if (line.type === 'error') {
        setState({ status: 'failed', fileName, message: line.message });
      }
    } catch (error: unknown) {
      failed(fileName, error);
    }
  };

  return {
    state,
    /** A file was chosen: check it here, then read it for the preview. */
    start: (file: File) => {
      const problem = checklistFileProblem(file);
      if (problem) setState({ status: 'failed', fileName: file.name, message: problem });
      else void preview(file, null);
    },
    /** From the preview back to the mapping step. */
    editMapping: () => {
      if (state.status !== 'preview' || !state.preview.layout) return;
      setState({
        status: 'mapping',
        file: state.file,
        fileName: state.fileName,
        preview: state.preview,
        mapping: state.mapping ?? guessedMapping(state.preview.layout),
      });
    },
    setMapping: (mapping: ColumnMapping) => {
      if (state.status === 'mapping') setState({ ...state, mapping });
    },
    /** Previews the file again with the mapping chosen. */
    applyMapping: () => {
      if (state.status === 'mapping') void preview(state.file, state.mapping);
    },
    /** Writes the previewed checklist, all or nothing. */
    confirm: () => {
      if (state.status === 'preview') void commit(state.file, state.mapping);
    },
    reset: () => {
      controller.current?.abort();
      setState({ status: 'idle' });
    },
  };
}
