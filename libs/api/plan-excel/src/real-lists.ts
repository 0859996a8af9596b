/**
 * Reading the free text of checklists as governments publish them: responsibility written inside
 * the task ('（省发展改革委牵头落实）') or as one cell ('办公室牵头，各科室配合'), items numbered
 * inside the text ('1.' '（1）' '1、'), a category prefixed to the first task of a section
 * ('一、做好财政信息公开。'), a deadline inside the text ('2021年6月底前完成'), and a short title
 * taken from a long task text. Each function is pure and answers null when it recognises nothing.
 */
import { parseDeadline, type ValidDeadline } from '@sunshine/shared/domain';
import { charLength } from './values';

export interface Responsibility {
  lead: string[];
  cooperating: string[];
}

const LEAD_LABEL =
  /^(?:牵头单位|牵头部门|牵头处室|牵头科室|责任单位|责任部门|责任处室|责任科室|主责单位|责任主体)[:：]?(.*)$/;
const COOPERATING_LABEL = /^(?:配合单位|配合部门|配合处室|配合科室|协办单位|协助单位)[:：]?(.*)$/;
const LEAD_VERB =
  /^(.+?)(?:按职责分工|按照职责分工|根据职责分工|按职责)?(?:分别)?(?:共同)?牵头(?:负责|落实|实施|推进)?(?:落实)?$/;
const COOPERATING_VERB =
  /^(.+?)(?:按职责分工|按照职责分工|根据职责分工|按职责)?(?:分别)?(?:共同)?(?:配合|参与|协助|协同|负责落实|负责|落实|实施)(?:落实)?$/;
/** Words that make a parenthesis a statement of who is responsible. */
const RESPONSIBILITY_WORD = /牵头|负责|落实|配合|参与|协助|责任单位|牵头单位|责任部门|牵头部门/;

/** Department names in a responsibility clause: separated by 、，, and spaces (never 和: it is part of names). */
function names(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[、，,；;\s\u3000]+/)) {
    const name = part.replace(/^(?:由|请)/, '').trim();
    if (name !== '' && !/^(?:无|暂无|\/|-|—+)$/.test(name)) seen.add(name);
  }
  return [...seen];
}

/**
 * Who is responsible, as written in one cell or parenthesis: '省发展改革委牵头落实',
 * '省编办、省人力资源社会保障厅按职责分工分别牵头落实', '办公室牵头，各科室配合',
 * '牵头单位：办公室；配合单位：法规处'. Null when the text has no responsibility words.
 */
export function parseResponsibility(text: string): Responsibility | null {
  const body = text.normalize('NFKC').trim();
  if (!RESPONSIBILITY_WORD.test(body)) return null;
  const lead: string[] = [];
  const cooperating: string[] = [];
  let matched = false;
  // Clauses: '办公室牵头，各科室配合' → two; keep '、' inside a clause (a list of units).
  for (const clause of body.split(/[，,；;。]+/)) {
    const c = clause.trim();
    if (c === '') continue;
    let m = LEAD_LABEL.exec(c);
    if (m) {
      lead.push(...names(m[1] ?? ''));
      matched = true;
      continue;
    }
    m = COOPERATING_LABEL.exec(c);
    if (m) {
      cooperating.push(...names(m[1] ?? ''));
      matched = true;
      continue;
    }
    m = LEAD_VERB.exec(c);
    if (m) {
      lead.push(...names(m[1] ?? ''));
      matched = true;
      continue;
    }
    m = COOPERATING_VERB.exec(c);
    if (m) {
      (lead.length === 0 ? lead : cooperating).push(...names(m[1] ?? ''));
      matched = true;
      continue;
    }
    // A clause of bare names after a lead ('省财政厅牵头，省审计厅'): cooperating.
    if (lead.length > 0) cooperating.push(...names(c));
    else lead.push(...names(c));
  }
  if (!matched || lead.length === 0) return null;
  const leadSet = new Set(lead);
  return {
    lead: [...leadSet],
    cooperating: [...new Set(cooperating)].filter((name) => !leadSet.has(name)),
  };
}

const TRAILING_PARENTHESIS = /[(（]([^()（）]{2,200})[)）][\s。；;.]*$/;

/**
 * A trailing parenthesis naming who is responsible: '推进……公开。（省发展改革委牵头落实）'. Answers
 * the text without it and what it says; null when the text does not end with one.
 */
export function trailingResponsibility(
  text: string,
): { rest: string; responsibility: Responsibility; written: string } | null {
  const m = TRAILING_PARENTHESIS.exec(text.trim());
  if (!m || m.index === undefined) return null;
  const inside = m[1] ?? '';
  const responsibility = parseResponsibility(inside);
  if (responsibility === null) return null;
  return {
    rest: text.trim().slice(0, m.index).trim(),
    responsibility,
    written: inside.trim(),
  };
}

/** Units meant generically: '各科室', '各有关单位', '各处室', '各市县审计局', '全体干部'. */
export function isGenericUnit(name: string): boolean {
  return /^(?:各|全体|所有|相关|有关)/.test(name.trim());
}

const CN_NUM = '[一二三四五六七八九十百]+';
/** A Chinese ordinal heading at the start: '一、' '（一）' '(一)' '第一部分'. */
const ORDINAL_HEAD = new RegExp(
  `^(?:第${CN_NUM}(?:部分|类|项|章)[、.．:：\\s]*|${CN_NUM}[、.．]\\s*|[(（]${CN_NUM}[)）]\\s*)`,
);
/** An item number at the start: '1.' '1．' '1、' '（1）' '(1)' '1)' '第1项'; not '2021年'. */
const ITEM_NUMBER = /^\s*(?:[(（](\d{1,3})[)）]|(\d{1,3})(?:[.．、](?!\d)|[)）]))\s*/;

/** '1.推进预决算公开' → { number: '1', rest: '推进预决算公开' }; null without a leading item number. */
export function leadingItemNumber(text: string): { number: string; rest: string } | null {
  const m = ITEM_NUMBER.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length).trim();
  if (rest === '') return null;
  return { number: m[1] ?? m[2] ?? '', rest };
}

/**
 * A category heading prefixed to a task text: '一、做好财政信息公开。1.推进预决算公开……' →
 * { category: '做好财政信息公开', rest: '1.推进预决算公开……' }. `rest` is '' for a heading alone.
 * Null when the text does not start with a Chinese ordinal heading.
 */
export function leadingCategory(text: string): { category: string; rest: string } | null {
  const t = text.trim();
  const head = ORDINAL_HEAD.exec(t);
  if (!head) return null;
  const after = t.slice(head[0].length);
  // The heading ends at the first full stop, colon or line break; a heading alone has none.
  const m = /^([^。：:\n；;]{2,60}?)(?:[。：:；;]|\n)\s*([\s\S]*)$/.exec(after);
  if (m) return { category: (m[1] ?? '').trim(), rest: (m[2] ?? '').trim() };
  if (charLength(after) <= 60 && !/[，,]/.test(after)) return { category: after.trim(), rest: '' };
  return null;
}

/** A row that is a category heading on its own: '一、围绕深化改革推进公开', '（二）政策解读'. */
export function isHeadingText(text: string): boolean {
  const c = leadingCategory(text);
  return c !== null && c.rest === '' && c.category !== '';
}

const TITLE_MAX = 60;

/**
 * A short title for a long task text: the first sentence if it is short, else its first clause,
 * else the first 40 characters and '…'. The text itself when it is short.
 */
export function headline(text: string): string {
  const t = text.trim().replace(/[。；;]+$/, '');
  if (charLength(t) <= TITLE_MAX && !/[。；;\n]/.test(t)) return t;
  const sentence = /^[^。；;\n！？!?]+/.exec(t)?.[0]?.trim() ?? t;
  if (charLength(sentence) <= TITLE_MAX && charLength(sentence) >= 4) return sentence;
  const clause = /^[^，,：:]+/.exec(sentence)?.[0]?.trim() ?? sentence;
  if (charLength(clause) <= TITLE_MAX && charLength(clause) >= 6) return clause;
  return `${[...sentence].slice(0, 40).join('')}…`;
}

const NUM = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const IN_TEXT_DEADLINES: readonly RegExp[] = [
  new RegExp(`(?:\\d{4}年)?${NUM}月${NUM}[日号](?:前|之前|以前)?`),
  new RegExp(`(?:\\d{4}年)?${NUM}月(?:底|末)(?:前|之前|以前)?`),
  /(?:\d{4}年)?(?:年底|年末)(?:前|之前|以前)?/,
  /\d{4}年底(?:前|之前|以前)?/,
  /(?:\d{4}年)?[上下]半年/,
  /每(?:个)?(?:季度|月|半年|年)/,
  /持续推进|长期坚持|常态化推进|长期推进/,
];

/**
 * A deadline written inside a task text ('……，2021年6月底前完成', '每季度更新'), resolved against
 * the plan year; null when the text names none the deadline parser accepts.
 */
export function deadlineInText(
  text: string,
  planYear: number,
): { written: string; deadline: ValidDeadline } | null {
  const body = text.normalize('NFKC');
  for (const pattern of IN_TEXT_DEADLINES) {
    const m = pattern.exec(body);
    if (!m) continue;
    const written = m[0];
    const parsed = parseDeadline(written, planYear);
    if (parsed.kind !== 'INVALID') return { written, deadline: parsed };
  }
  return null;
}

/** The year of a dated deadline ('2026年4月30日' → 2026); null for recurring and continuous ones. */
export function deadlineYear(deadline: ValidDeadline): number | null {
  return deadline.kind === 'DATE' ? Number(deadline.date.slice(0, 4)) : null;
}
