import { useRef, useState } from 'react';
import { authorizedFetch, fileRequestFailure, readNdjson } from '@sunshine/web/graphql';
import {
  checklistFileProblem,
  importPercent,
  importPhaseText,
  parseImportLine,
  type ImportProblem,
} from './import-model';

export type ImportState =
  | { status: 'idle' }
  | { status: 'running'; fileName: string; percent: number; text: string }
  | { status: 'done'; fileName: string; categories: number; tasks: number }
  | { status: 'invalid'; fileName: string; problems: ImportProblem[] }
  | { status: 'failed'; fileName: string; message: string };

/**
 * Sends a checklist workbook to the draft plan and follows the NDJSON answer: progress lines move
 * the bar, the result line says what was imported or lists every problem (nothing is written then).
 */
export function useChecklistImport(planId: string, onImported: () => void) {
  const [state, setState] = useState<ImportState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = async (file: File) => {
    const fileName = file.name;
    const problem = checklistFileProblem(file);
    if (problem) {
      setState({ status: 'failed', fileName, message: problem });
      return;
    }
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ status: 'running', fileName, percent: 0, text: '正在上传文件…' });
    try {
      const response = await authorizedFetch(`/files/plans/${planId}/checklist`, {
        method: 'POST',
        body: file,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'x-file-name': encodeURIComponent(fileName),
        },
        signal: abort.signal,
      });
      if (!response.ok) throw await fileRequestFailure(response);
      let finished = false;
      await readNdjson(response, (value) => {
        const line = parseImportLine(value);
        if (!line || abort.signal.aborted) return;
        if (line.type === 'progress') {
          setState({
            status: 'running',
            fileName,
            percent: importPercent(line),
            text: importPhaseText(line),
          });
        } else if (line.type === 'result') {
          finished = true;
          if (line.ok) {
            setState({ status: 'done', fileName, categories: line.categories, tasks: line.tasks });
            onImported();
          } else setState({ status: 'invalid', fileName, problems: line.errors });
        } else {
          finished = true;
          setState({ status: 'failed', fileName, message: line.message });
        }
      });
      if (!finished && !abort.signal.aborted)
        setState({ status: 'failed', fileName, message: '导入中断：服务器未返回结果，请重试' });
    } catch (error: unknown) {
      if (abort.signal.aborted) return;
      setState({
        status: 'failed',
        fileName,
        message: error instanceof Error && error.message ? error.message : '导入失败，请稍后重试',
      });
    }
  };

  return {
    state,
    start: (file: File) => void start(file),
    reset: () => {
      controller.current?.abort();
      setState({ status: 'idle' });
    },
  };
}
