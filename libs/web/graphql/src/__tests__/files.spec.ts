import { contentDispositionFileName, fileErrorMessage, readNdjson, splitLines } from '../lib/files';

describe('contentDispositionFileName', () => {
  it('prefers the UTF-8 name (Chinese file names)', () => {
    const header = `attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent('任务清单.xlsx')}`;
    expect(contentDispositionFileName(header)).toBe('任务清单.xlsx');
  });

  it('falls back to the plain name, and to null', () => {
    expect(contentDispositionFileName('attachment; filename="report.pdf"')).toBe('report.pdf');
    expect(contentDispositionFileName('attachment; filename=plain.txt')).toBe('plain.txt');
    expect(contentDispositionFileName('attachment')).toBeNull();
    expect(contentDispositionFileName(null)).toBeNull();
  });
});

describe('fileErrorMessage', () => {
  it("uses the API's Chinese message when there is one", () => {
    expect(fileErrorMessage(400, { code: 'BAD_USER_INPUT', message: '文件为空' })).toBe('文件为空');
  });

  it('explains the status otherwise', () => {
    expect(fileErrorMessage(0, null)).toMatch(/无法连接服务器/);
    expect(fileErrorMessage(404, null)).toMatch(/不存在/);
    expect(fileErrorMessage(413, 'too large')).toMatch(/过大/);
    expect(fileErrorMessage(502, null)).toMatch(/服务器/);
    expect(fileErrorMessage(418, null)).toBe('请求失败（HTTP 418）');
  });
});

describe('splitLines', () => {
  it('returns complete lines and keeps the unfinished tail', () => {
    expect(splitLines('{"a":1}\n{"b":2}\n{"c"')).toEqual({
      lines: ['{"a":1}', '{"b":2}'],
      rest: '{"c"',
    });
    expect(splitLines('\n\n')).toEqual({ lines: [], rest: '' });
  });
});

describe('readNdjson', () => {
  function streamed(chunks: string[]): Response {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(encoder.encode(c));
        controller.close();
      },
    });
    return new Response(body);
  }

  it('parses objects split across chunks, including a last line without newline', async () => {
    const seen: unknown[] = [];
    await readNdjson(
      streamed([
        '{"type":"progress","do',
        'ne":1}\n{"type":"pro',
        'gress","done":2}\n',
        '{"type":"result","ok":true}',
      ]),
      (v) => seen.push(v),
    );
    expect(seen).toEqual([
      { type: 'progress', done: 1 },
      { type: 'progress', done: 2 },
      { type: 'result', ok: true },
    ]);
  });

  it('skips lines that are not JSON', async () => {
    const seen: unknown[] = [];
    await readNdjson(streamed(['oops\n{"ok":1}\n']), (v) => seen.push(v));
    expect(seen).toEqual([{ ok: 1 }]);
  });
});
