/**
 * Parsers for single checklist fields. Each returns either a value or a Chinese error message, so
 * that the importer can collect every problem of a row instead of stopping at the first.
 */
import { OrgLevel, ORG_LEVEL_ORDER } from '@sunshine/shared/domain';
import type { ChecklistTarget } from './types';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(message: string): FieldResult<T> => ({ ok: false, message });

/** Levels a task applies to when the column is left blank: every level below the province. */
export const DEFAULT_LEVELS: readonly OrgLevel[] = [OrgLevel.CITY, OrgLevel.COUNTY];

/** Levels meant by '全部' / '全省' / '各级'. */
export const ALL_PLAN_LEVELS: readonly OrgLevel[] = [
  OrgLevel.PROVINCE,
  OrgLevel.CITY,
  OrgLevel.COUNTY,
];

const LEVEL_CHAR: Readonly<Record<string, OrgLevel>> = {
  省: OrgLevel.PROVINCE,
  市: OrgLevel.CITY,
  县: OrgLevel.COUNTY,
  区: OrgLevel.COUNTY,
};

const ALL_WORDS = new Set([
  '全部',
  '所有',
  '全省',
  '各级',
  '全省审计机关',
  '各级审计机关',
  '省市县',
  '省市县三级',
]);
const NATIONAL_WORDS = new Set(['国家', '国家级', '审计署', '署']);

/** A token of single-level characters: '省', '市县', '县区', '省市县', with an optional '级'/'三级'. */
const LEVEL_TOKEN = /^[省市县区]+(?:两级|三级|级)?(?:审计)?(?:厅|局|机关)?$/;

function sortLevels(levels: Iterable<OrgLevel>): OrgLevel[] {
  const set = new Set(levels);
  return ORG_LEVEL_ORDER.filter((level) => set.has(level));
}

/**
 * 适用层级: '省、市、县', '市县', '全部', '市级、县级', '县级', '县（市、区）' → OrgLevel[] in
 * top-down order. Blank means `DEFAULT_LEVELS`.
 */
export function parseLevels(text: string): FieldResult<OrgLevel[]> {
  const original = text.trim();
  if (original === '') return ok([...DEFAULT_LEVELS]);
  // '县（市、区）' is one level written with its variants in brackets: drop the brackets.
  const body = original
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/\s+/g, ' ');
  const tokens = body.split(/[、,;；/／和及与 ]+/).filter((token) => token !== '');
  const levels = new Set<OrgLevel>();
  const unknown: string[] = [];
  for (const token of tokens) {
    if (ALL_WORDS.has(token)) {
      ALL_PLAN_LEVELS.forEach((level) => levels.add(level));
    } else if (NATIONAL_WORDS.has(token)) {
      levels.add(OrgLevel.NATIONAL);
    } else if (LEVEL_TOKEN.test(token)) {
      for (const char of token) {
        const level = LEVEL_CHAR[char];
        if (level) levels.add(level);
        if (char === '级' || char === '审') break;
      }
    } else {
      unknown.push(token);
    }
  }
  if (unknown.length > 0 || levels.size === 0) {
    return fail(
      `无法识别的适用层级：${original}（请填写“省、市、县”中的一个或多个，如“市、县”“县级”，或“全部”）`,
    );
  }
  return ok(sortLevels(levels));
}

export const MAX_WEIGHT = 100;

/** 分值: a number from 0 to 100 ('5', '2.5', '5分'); blank is 0. */
export function parseWeight(value: number | string): FieldResult<number> {
  let weight: number;
  if (typeof value === 'number') {
    weight = value;
  } else {
    const body = value.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
    if (body === '') return ok(0);
    weight = /^[+]?\d+(?:\.\d+)?$|^[+]?\.\d+$/.test(body) ? Number(body) : Number.NaN;
  }
  if (!Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) {
    return fail(`分值应为 0 到 ${MAX_WEIGHT} 之间的数字，当前为“${String(value).trim()}”`);
  }
  // Excel sums like 0.1 + 0.2 leave binary noise; four decimals are more than any plan uses.
  return ok(Math.round(weight * 10_000) / 10_000);
}

const GTE_WORDS = '(?:≥|>=|≧|=>|大于等于|大于或等于|不少于|不低于|不小于|至少|最少)';
const NUMBER = '(\\d+(?:\\.\\d+)?)';
const TARGET_PREFIXED = new RegExp(`^(?:.*?)${GTE_WORDS}${NUMBER}(.*)$`);
const TARGET_SUFFIXED = new RegExp(`^${NUMBER}(.*?)(?:及以上|以上)?$`);
const UNIT = /^(?:%|‰|[\u4e00-\u9fa5]{1,3}(?:\/[\u4e00-\u9fa5]{1,2})?|[A-Za-z]{1,5})?$/;

/** 量化指标: '≥16条', '不少于1次', '至少2篇', '90%以上', '16条' → at least value + unit; blank is null. */
export function parseTarget(text: string): FieldResult<ChecklistTarget | null> {
  const original = text.trim();
  if (original === '') return ok(null);
  const body = original
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[。.;；]+$/, '');
  const match = TARGET_PREFIXED.exec(body) ?? TARGET_SUFFIXED.exec(body);
  const [, amount, rest] = match ?? [];
  if (amount !== undefined && rest !== undefined) {
    const value = Number(amount);
    const unit = rest.replace(/(?:及以上|以上)$/, '');
    if (Number.isFinite(value) && UNIT.test(unit)) {
      return ok({ value, unit, comparator: 'GTE' });
    }
  }
  return fail(`无法识别的量化指标：${original}（请写成“≥16条”“不少于1次”等形式）`);
}

/** '≥16条' for a target (the form `parseTarget` reads back). */
export function formatTarget(target: ChecklistTarget): string {
  return `≥${target.value}${target.unit}`;
}

const NO_DEPARTMENT = new Set(['无', '/', '-', '—', '——', '--', '暂无']);

/** Departments separated by 、，,；; or spaces, deduplicated in order; '无' and '/' mean none. */
export function splitDepartments(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[、，,；;\s\u3000]+/)) {
    const name = part.trim();
    if (name !== '' && !NO_DEPARTMENT.has(name)) seen.add(name);
  }
  return [...seen];
}

const CN_NUM = '[一二三四五六七八九十百]+';
const SEPARATOR = '[、.．,，:：\\s\\u3000]';
const ORDINAL_PREFIX = new RegExp(
  `^(?:第${CN_NUM}(?:部分|类|项|章)?|${CN_NUM}(?=${SEPARATOR}|$)|[(（]${CN_NUM}[)）])${SEPARATOR}*`,
);

/** True for a Chinese ordinal heading: '一、用权公开', '（二）政策解读', '三', '第四部分'. */
export function hasChineseOrdinal(text: string): boolean {
  return ORDINAL_PREFIX.test(text.trim());
}

/** Category name without its ordinal and trailing colon: '一、用权公开：' → '用权公开'. */
export function cleanCategoryName(text: string): string {
  return text
    .trim()
    .replace(ORDINAL_PREFIX, '')
    .replace(/[:：\s\u3000]+$/, '')
    .trim();
}

/** Length in characters as a reader counts them (surrogate pairs count once). */
export function charLength(text: string): number {
  let count = 0;
  for (const _char of text) count += 1;
  return count;
}
