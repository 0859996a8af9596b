import { useRef, useState } from 'react';
import { authorizedFetch, fileRequestFailure, readNdjson } from '@sunshine/web/graphql';
import {
  importPercent,
  importPhaseText,
  xlsxFileProblem,
  type ImportProblem,
} from '@sunshine/web/ui';
import {
  NO_CHOICES,
  parseIssueImportLine,
  withKeepWhole,
  withUnit,
  type ImportChoices,
  type IssueImportLine,
  type IssuePreview,
  type UnitQuestion,
} from './issue-import-model';

export type IssueImportState =
  | { status: 'idle' }
  | { status: 'reading'; fileName: string; percent: number; text: string }
  /** The preview: nothing written; `choices` as edited, `applied` as the preview was read with. */
  | {
      status: 'preview';
      file: File;
      fileName: string;
      preview: IssuePreview;
      choices: ImportChoices;
      applied: ImportChoices;
    }
  | { status: 'running'; fileName: string; percent: number; text: string }
  | { status: 'done'; fileName: string; imported: number; bureaus: number; warnings: number }
  | { status: 'invalid'; fileName: string; problems: ImportProblem[]; questions: UnitQuestion[] }
  | { status: 'failed'; fileName: string; message: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Final = Exclude<IssueImportLine, { type: 'progress' }>;

/**
 * The issue-list import dialog's steps: the file is read for a preview (nothing written), the
 * user answers the name questions and confirms or undoes the split cells, the preview is read
 * again with those choices, and only 确认导入 writes, all or nothing. Both answers stream NDJSON.
 */
export function useIssueImport(roundId: string | null, onImported: () => void) {
  const [state, setState] = useState<IssueImportState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const send = async (
    path: 'issues/preview' | 'issues',
    file: File,
    choices: ImportChoices,
    onProgress: (line: Extract<IssueImportLine, { type: 'progress' }>) => void,
  ): Promise<Final | null> => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const response = await authorizedFetch(`/files/assessment-rounds/${roundId}/${path}`, {
      method: 'POST',
      body: file,
      headers: {
        'content-type': XLSX,
        'x-file-name': encodeURIComponent(file.name),
        'x-import-choices': encodeURIComponent(JSON.stringify(choices)),
      },
      signal: abort.signal,
    });
    if (!response.ok) throw await fileRequestFailure(response);
    let last: Final | null = null;
    await readNdjson(response, (value) => {
      const line = parseIssueImportLine(value);
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

  const preview = async (file: File, choices: ImportChoices) => {
    const fileName = file.name;
    setState({ status: 'reading', fileName, percent: 0, text: '正在读取文件…' });
    try {
      const line = await send('issues/preview', file, choices, (p) =>
        setState({
          status: 'reading',
          fileName,
          percent: Math.round(p.total > 0 ? (p.done / p.total) * 100 : 100),
          text: `正在识别：${p.done} / ${p.total} 行`,
        }),
      );
      if (line?.type === 'preview')
        setState({ status: 'preview', file, fileName, preview: line, choices, applied: choices });
      else if (line?.type === 'error')
        setState({ status: 'failed', fileName, message: line.message });
      else setState({ status: 'failed', fileName, message: '读取中断：服务器未返回结果，请重试' });
    } catch (error: unknown) {
      failed(fileName, error);
    }
  };

  const commit = async (file: File, choices: ImportChoices) => {
    const fileName = file.name;
    setState({ status: 'running', fileName, percent: 0, text: '正在上传文件…' });
    try {
      const line = await send('issues', file, choices, (p) =>
        setState({
          status: 'running',
          fileName,
          percent: importPercent(p),
          text: importPhaseText(p, '个问题'),
        }),
      );
      if (line?.type === 'result' && line.ok) {
        setState({
          status: 'done',
          fileName,
          imported: line.imported,
          bureaus: line.bureaus,
          warnings: line.warnings,
        });
        onImported();
      } else if (line?.type === 'result') {
        setState({ status: 'invalid', fileName, problems: line.errors, questions: line.questions });
      } else if (line?.type === 'error') {
        setState({ status: 'failed', fileName, message: line.message });
      } else
        setState({ status: 'failed', fileName, message: '导入中断：服务器未返回结果，请重试' });
    } catch (error: unknown) {
      failed(fileName, error);
    }
  };

  return {
    state,
    start: (file: File) => {
      const problem = xlsxFileProblem(file);
      if (problem) setState({ status: 'failed', fileName: file.name, message: problem });
      else void preview(file, NO_CHOICES);
    },
    chooseUnit: (text: string, id: string | null) => {
      if (state.status === 'preview')
        setState({ ...state, choices: withUnit(state.choices, text, id) });
    },
    keepWhole: (row: { sheet: string; row: number }, whole: boolean) => {
      if (state.status === 'preview')
        setState({ ...state, choices: withKeepWhole(state.choices, row, whole) });
    },
    /** Reads the file again with the choices made. */
    apply: () => {
      if (state.status === 'preview') void preview(state.file, state.choices);
    },
    confirm: () => {
      if (state.status === 'preview') void commit(state.file, state.applied);
    },
    reset: () => {
      controller.current?.abort();
      setState({ status: 'idle' });
    },
  };
}
