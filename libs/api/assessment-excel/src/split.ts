/**
 * Splitting one cell that lists several problems into separate problems. Assessors write
 * "1.…；2.…", "（1）…（2）…", "①…②…", or plain "…；…", often with a lead-in ("存在以下问题：").
 * Numbered items win over semicolons (an item may itself contain "；"); numbers must run 1, 2, 3…
 * so that "3.5分" or "2025.6" never split.
 */

export interface SplitResult {
  /** The problems, trimmed, without their numbers; one element when the cell is not split. */
  parts: string[];
  /** How the cell was split. */
  by: 'NONE' | 'NUMBERED' | 'SEMICOLON' | 'LINES';
  /** A lead-in before the first numbered item ('存在以下问题：'), or ''. */
  preamble: string;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * Item markers: '1.' '1、' '1．' '1)' '(1)' '（1）' '①'. After a separator (or at the start) a
 * number may follow the marker ('3.2025年…'); after other text it may not ('第2.3条'), and never
 * inside an address ('/4-1.html'). Groups 1–2 hold a dotted number, 3 a bracketed one, 4 a circled one.
 */
const MARKER =
  /(?:(?<=^|[\s；;。，,：:！!？?])(\d{1,2})[.、．)）](?![A-Za-z.])|(?<![\d.．\w\-/:=?&#%~+@])(\d{1,2})[.、．)）](?![\dA-Za-z])|[（(](\d{1,2})[）)]|([①-⑳]))/g;

function markerNumber(match: RegExpMatchArray): number {
  const digits = match[1] ?? match[2] ?? match[3];
  if (digits !== undefined) return Number(digits);
  return CIRCLED.indexOf(match[4] ?? '') + 1;
}

/** Punctuation trimmed from the ends of a part. */
function clean(part: string): string {
  return part.replace(/^[\s；;，,、。]+/, '').replace(/[\s；;，,、]+$/, '');
}

/** Cells that say there is no problem. */
const NO_PROBLEM = /^(?:无|无问题|暂无|暂无问题|未发现问题|未发现|没有问题|\/|／|—+|-+|－+|无。)$/;

/** Whether a problem cell says there is no problem ('无', '未发现问题', '/'). */
export function isNoProblem(text: string): boolean {
  return NO_PROBLEM.test(text.replace(/\s+/g, ''));
}

function numbered(text: string): SplitResult | null {
  const markers = [...text.matchAll(MARKER)];
  // Keep the markers that continue the sequence 1, 2, 3… (a "2." inside an item is not one).
  const kept: RegExpMatchArray[] = [];
  for (const match of markers) {
    if (markerNumber(match) === kept.length + 1) kept.push(match);
  }
  if (kept.length < 2) return null;
  const first = kept[0];
  if (first?.index === undefined) return null;
  const preamble = clean(text.slice(0, first.index));
  const parts: string[] = [];
  kept.forEach((match, i) => {
    const start = (match.index ?? 0) + match[0].length;
    const next = kept[i + 1];
    const end = next?.index ?? text.length;
    const part = clean(text.slice(start, end));
    if (part !== '') parts.push(part);
  });
  if (parts.length < 2) return null;
  return { parts, by: 'NUMBERED', preamble };
}

/**
 * The problems a cell lists. A lead-in ending in a colon is returned separately; one that does
 * not end in a colon is a problem of its own.
 */
export function splitProblems(cell: string): SplitResult {
  const text = cell.replace(/\r\n?/g, '\n').trim();
  if (text === '') return { parts: [], by: 'NONE', preamble: '' };
  const byNumber = numbered(text);
  if (byNumber) {
    if (byNumber.preamble !== '' && !/[：:]$/.test(byNumber.preamble)) {
      return { parts: [byNumber.preamble, ...byNumber.parts], by: 'NUMBERED', preamble: '' };
    }
    return { ...byNumber, preamble: byNumber.preamble.replace(/[：:]$/, '') };
  }
  const bySemicolon = text
    .split(/[；;]+/)
    .map(clean)
    .filter((part) => part !== '');
  if (bySemicolon.length >= 2) {
    // "存在以下问题：a；b" — the lead-in belongs to no single problem.
    const [head, ...rest] = bySemicolon;
    const colon = head === undefined ? -1 : head.search(/[：:]/);
    if (
      head !== undefined &&
      colon > 0 &&
      colon <= 20 &&
      /问题|如下|以下/.test(head.slice(0, colon))
    ) {
      return {
        parts: [clean(head.slice(colon + 1)), ...rest].filter((p) => p !== ''),
        by: 'SEMICOLON',
        preamble: head.slice(0, colon),
      };
    }
    return { parts: bySemicolon, by: 'SEMICOLON', preamble: '' };
  }
  const byLine = text
    .split(/\n+/)
    .map(clean)
    .filter((part) => part !== '');
  if (byLine.length >= 2 && byLine.every((l) => [...l].length >= 6 && !/[：:]$/.test(l)))
    return { parts: byLine, by: 'LINES', preamble: '' };
  return { parts: [clean(text)], by: 'NONE', preamble: '' };
}
