/**
 * Matching a unit name as people write it ("合肥市审计局", "合肥市", "合肥", "瑶海区审计局",
 * "瑶海区", "合肥市瑶海区", "高新区") to an organisation. The same county-level name can exist in
 * two cities (黄山 is both a city and a district of it in Anhui; 鼓楼区 is in several cities
 * nation-wide; every city has its 经开区), so a name that fits several organisations needs the
 * city: from a city column or sheet (`cityHint`) or from a prefix ("合肥市瑶海区"); without it
 * the answer is AMBIGUOUS with the candidates. An unknown name gets the closest names as
 * suggestions.
 */

export type UnitLevel = 'NATIONAL' | 'PROVINCE' | 'CITY' | 'COUNTY';

/** An organisation as the matcher needs it (the shape of an organisations row). */
export interface AssessmentUnit {
  id: string;
  /** Division code ('340102'). */
  code: string;
  /** Official name ('瑶海区审计局'). */
  name: string;
  level: UnitLevel | string;
  parentCode: string | null;
}

export interface UnitCandidate {
  id: string;
  code: string;
  name: string;
  /** The parent organisation's name, to tell candidates apart ('合肥市审计局'). */
  parentName: string | null;
}

export type UnitMatch =
  | {
      ok: true;
      unit: AssessmentUnit;
      /** How it was found: the name alone, with the city hint, or with a city prefix in the name. */
      basis: 'NAME' | 'CITY_HINT' | 'PREFIX';
    }
  | { ok: false; code: 'REQUIRED'; message: string }
  | { ok: false; code: 'AMBIGUOUS'; message: string; candidates: UnitCandidate[] }
  | { ok: false; code: 'UNKNOWN'; message: string; suggestions: UnitCandidate[] }
  | { ok: false; code: 'UNKNOWN_CITY'; message: string; suggestions: UnitCandidate[] };

export interface MatchUnitOptions {
  /** The city (or any ancestor) as written in a city column or sheet name: '合肥市', '合肥'. */
  cityHint?: string | null;
}

const INSTITUTION_SUFFIX = /(?:审计局|审计厅|审计署|审计机关|审计办|审计委员会办公室)$/;
const DIVISION_SUFFIX = /(?:市|县|区|旗|州|盟|地区|自治县|自治州)$/;

/** Width, spaces and brackets folded; '安徽省' kept (a prefix the matcher strips itself). */
export function normaliseUnitName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000"'“”‘’·•]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');
}

/** '瑶海区审计局' → '瑶海区'. */
function divisionName(name: string): string {
  return normaliseUnitName(name).replace(INSTITUTION_SUFFIX, '');
}

/** Short forms of a development zone: '合肥高新技术产业开发区' → '合肥高新区'. */
function zoneForms(division: string): string[] {
  const short = division
    .replace(/高新技术产业开发区|高新技术开发区|高新技术产业园区/, '高新区')
    .replace(/经济技术开发区|经济开发区/, '经开区')
    .replace(/现代产业园区/, '产业园');
  return short === division ? [] : [short];
}

interface Indexed {
  unit: AssessmentUnit;
  division: string;
  /** Names that mean this unit on their own. */
  keys: string[];
  /** Weaker names: the core without 市/县/区, a zone without its city ('高新区'). */
  weakKeys: string[];
}

export class UnitDirectory {
  private readonly byCode = new Map<string, Indexed>();
  private readonly strong = new Map<string, Indexed[]>();
  private readonly weak = new Map<string, Indexed[]>();
  private readonly all: Indexed[] = [];

  constructor(units: readonly AssessmentUnit[]) {
    for (const unit of units) {
      const division = divisionName(unit.name);
      const keys = new Set([normaliseUnitName(unit.name), division]);
      const weakKeys = new Set<string>();
      const core = division.replace(DIVISION_SUFFIX, '');
      if (core !== division && [...core].length >= 2) weakKeys.add(core);
      for (const zone of zoneForms(division)) {
        keys.add(zone);
        weakKeys.add(zone.replace(/^安徽/, ''));
      }
      const indexed: Indexed = { unit, division, keys: [...keys], weakKeys: [] };
      this.byCode.set(unit.code, indexed);
      this.all.push(indexed);
      for (const key of keys) push(this.strong, key, indexed);
      indexed.weakKeys = [...weakKeys].filter((key) => !keys.has(key));
    }
    // City-stripped zone names ('高新区') need the parents, known only now.
    for (const indexed of this.all) {
      const parent = this.parentOf(indexed);
      if (parent) {
        const parentCore = parent.division.replace(DIVISION_SUFFIX, '');
        for (const key of [...indexed.keys, ...indexed.weakKeys]) {
          for (const prefix of [parent.division, parentCore]) {
            if ([...prefix].length >= 2 && key.startsWith(prefix) && key.length > prefix.length) {
              const rest = key.slice(prefix.length);
              if ([...rest].length >= 2 && !indexed.weakKeys.includes(rest)) {
                indexed.weakKeys.push(rest);
              }
            }
          }
        }
      }
      for (const key of indexed.weakKeys) push(this.weak, key, indexed);
    }
  }

  get size(): number {
    return this.all.length;
  }

  private parentOf(indexed: Indexed): Indexed | null {
    const code = indexed.unit.parentCode;
    return code === null ? null : (this.byCode.get(code) ?? null);
  }

  candidate(indexed: Indexed): UnitCandidate {
    const parent = this.parentOf(indexed);
    return {
      id: indexed.unit.id,
      code: indexed.unit.code,
      name: indexed.unit.name,
      parentName: parent?.unit.name ?? null,
    };
  }

  /** Whether `indexed` is `ancestor` or below it. */
  private within(indexed: Indexed, ancestor: Indexed): boolean {
    for (let at: Indexed | null = indexed; at !== null; at = this.parentOf(at)) {
      if (at === ancestor) return true;
    }
    return false;
  }

  /** Units a name means, strong names first; weak names only when no strong one fits. */
  private lookup(name: string, under: Indexed | null): Indexed[] {
    const filter = (list: Indexed[] | undefined): Indexed[] =>
      (list ?? []).filter((i) => under === null || (i !== under && this.within(i, under)));
    const strong = filter(this.strong.get(name));
    if (strong.length > 0) return strong;
    return filter(this.weak.get(name));
  }

  /** The unit a city hint means (a city, or any unit with descendants), or null. */
  private resolveHint(hint: string): Indexed[] {
    const name = divisionName(hint);
    if (name === '') return [];
    const found = [...(this.strong.get(name) ?? []), ...(this.weak.get(name) ?? [])];
    return [...new Set(found)].filter((i) => i.unit.level !== 'COUNTY');
  }

  match(text: string, options: MatchUnitOptions = {}): UnitMatch {
    const written = normaliseUnitName(text);
    const name = written.replace(INSTITUTION_SUFFIX, '');
    if (name === '') {
      return { ok: false, code: 'REQUIRED', message: '未填写被评估单位' };
    }
    let hint: Indexed | null = null;
    if (options.cityHint && normaliseUnitName(options.cityHint) !== '') {
      const hints = this.resolveHint(options.cityHint);
      if (hints.length !== 1) {
        return {
          ok: false,
          code: 'UNKNOWN_CITY',
          message: `无法识别所属市“${options.cityHint}”`,
          suggestions: this.suggest(options.cityHint, null, (i) => i.unit.level !== 'COUNTY'),
        };
      }
      hint = hints[0] ?? null;
    }

    const direct = [...new Set([...this.lookup(written, null), ...this.lookup(name, null)])];
    if (direct.length === 1 && direct[0]) {
      return { ok: true, unit: direct[0].unit, basis: 'NAME' };
    }
    if (direct.length > 1 && hint) {
      const inCity = direct.filter((i) => this.within(i, hint));
      if (inCity.length === 1 && inCity[0]) {
        return { ok: true, unit: inCity[0].unit, basis: 'CITY_HINT' };
      }
    }
    if (direct.length === 0 && hint) {
      const inCity = this.lookup(name, hint);
      if (inCity.length === 1 && inCity[0]) {
        return { ok: true, unit: inCity[0].unit, basis: 'CITY_HINT' };
      }
    }
    // A prefix naming an ancestor: '合肥市瑶海区', '安徽省合肥市瑶海区', '合肥瑶海区'.
    const prefixed = this.byPrefix(name, 0);
    if (prefixed.length === 1 && prefixed[0]) {
      return { ok: true, unit: prefixed[0].unit, basis: 'PREFIX' };
    }
    if (direct.length > 1) {
      const candidates = hint ? direct.filter((i) => this.within(i, hint)) : direct;
      const shown = candidates.length > 0 ? candidates : direct;
      return {
        ok: false,
        code: 'AMBIGUOUS',
        message: `单位“${text.trim()}”对应多个单位（${shown
          .map((i) => this.describe(i))
          .join(
            '、',
          )}），请写明所属市，如“${this.example(shown.find((i) => i.unit.level === 'COUNTY') ?? shown[0])}”`,
        candidates: shown.map((i) => this.candidate(i)),
      };
    }
    const suggestions = this.suggest(name, hint, () => true);
    return {
      ok: false,
      code: 'UNKNOWN',
      message:
        suggestions.length > 0
          ? `找不到单位“${text.trim()}”，是否为：${suggestions.map((s) => s.name).join('、')}？`
          : `找不到单位“${text.trim()}”，请填写单位全称，如“瑶海区审计局”`,
      suggestions,
    };
  }

  /**
   * The unit a title names ('瑶海区审计局2025年政务公开第三方评估问题清单'): the longest official
   * name found in it, or null when none or several equally long ones are found.
   */
  findInText(text: string): AssessmentUnit | null {
    const folded = normaliseUnitName(text);
    let best: Indexed[] = [];
    let bestLength = 0;
    for (const indexed of this.all) {
      const name = normaliseUnitName(indexed.unit.name);
      if (name.length < bestLength || !folded.includes(name)) continue;
      if (name.length > bestLength) {
        best = [indexed];
        bestLength = name.length;
      } else best.push(indexed);
    }
    return best.length === 1 && best[0] ? best[0].unit : null;
  }

  /** Whether the unit is a city or another unit with units below it (not a county). */
  isAboveCounty(unit: AssessmentUnit): boolean {
    return unit.level !== 'COUNTY';
  }

  private describe(indexed: Indexed): string {
    const parent = this.parentOf(indexed);
    return parent && indexed.unit.level === 'COUNTY'
      ? `${parent.division}${indexed.unit.name}`
      : indexed.unit.name;
  }

  private example(indexed: Indexed | undefined): string {
    if (!indexed) return '合肥市瑶海区审计局';
    const parent = this.parentOf(indexed);
    return parent && indexed.unit.level === 'COUNTY'
      ? `${parent.division}${indexed.division}审计局`
      : indexed.unit.name;
  }

  private byPrefix(name: string, depth: number): Indexed[] {
    if (depth > 3) return [];
    const found = new Set<Indexed>();
    for (const ancestor of this.all) {
      if (ancestor.unit.level === 'COUNTY') continue;
      const core = ancestor.division.replace(DIVISION_SUFFIX, '');
      for (const prefix of new Set([ancestor.division, core])) {
        if ([...prefix].length < 2 || !name.startsWith(prefix) || name.length === prefix.length) {
          continue;
        }
        const rest = name.slice(prefix.length);
        const below = this.lookup(rest, ancestor);
        if (below.length > 0) below.forEach((i) => found.add(i));
        else
          this.byPrefix(rest, depth + 1).forEach((i) => {
            if (this.within(i, ancestor)) found.add(i);
          });
      }
    }
    return [...found];
  }

  private suggest(
    text: string,
    under: Indexed | null,
    accept: (indexed: Indexed) => boolean,
  ): UnitCandidate[] {
    const wanted = bigrams(divisionName(text));
    if (wanted.size === 0) return [];
    return this.all
      .filter((i) => accept(i) && (under === null || this.within(i, under)))
      .map((i) => ({ i, score: dice(wanted, bigrams(i.division)) }))
      .filter((s) => s.score >= 0.3)
      .sort((a, b) => b.score - a.score || a.i.unit.code.localeCompare(b.i.unit.code))
      .slice(0, 3)
      .map((s) => this.candidate(s.i));
  }
}

function push(map: Map<string, Indexed[]>, key: string, value: Indexed): void {
  if (key === '') return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function bigrams(text: string): Set<string> {
  const chars = [...text.replace(DIVISION_SUFFIX, '')];
  if (chars.length === 1) return new Set(chars);
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) set.add(`${chars[i]}${chars[i + 1]}`);
  return set;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const gram of a) if (b.has(gram)) common += 1;
  return (2 * common) / (a.size + b.size);
}

/**
 * Matches one name. For many names build a `UnitDirectory` once and call its `match`: this
 * function indexes the units on every call.
 */
export function matchUnit(
  name: string,
  units: readonly AssessmentUnit[],
  options: MatchUnitOptions = {},
): UnitMatch {
  return new UnitDirectory(units).match(name, options);
}
