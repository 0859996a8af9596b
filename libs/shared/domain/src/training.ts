import { OrgLevel } from './organization';

/** Training (培训): pure rules shared by the API and the dashboard. */

export type TrainingStatus = 'PLANNED' | 'HELD' | 'ARCHIVED';
export const TRAINING_STATUSES: readonly TrainingStatus[] = ['PLANNED', 'HELD', 'ARCHIVED'];
export const TRAINING_STATUS_LABEL: Record<TrainingStatus, string> = {
  PLANNED: '计划中',
  HELD: '已举办',
  ARCHIVED: '已归档',
};

/** planned → held → archived, one step at a time (an edit may keep the status). */
export function canMoveTraining(from: TrainingStatus, to: TrainingStatus): boolean {
  const i = TRAINING_STATUSES.indexOf(from);
  const j = TRAINING_STATUSES.indexOf(to);
  return j === i || j === i + 1;
}

/** A phone shown in lists: 138****1234; short or odd values keep only their last two characters. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p === '') return '';
  if (/^1\d{10}$/.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (p.length <= 4) return '*'.repeat(p.length);
  return `${'*'.repeat(p.length - 4)}${p.slice(-4)}`;
}

/** A mainland mobile (11 digits from 1) or a landline with area code (0551-12345678). */
export function isPlausiblePhone(phone: string): boolean {
  const p = phone.replace(/[\s-]/g, '');
  return /^1\d{10}$/.test(p) || /^0\d{9,11}$/.test(p) || /^\d{7,8}$/.test(p);
}

const UNIT_NOISE = [
  '安徽省',
  '审计局',
  '审计厅',
  '审计署',
  '人民政府',
  '政务公开办',
  '办公室',
  '局',
  '厅',
];

/**
 * The stem of a loosely written unit name: 合肥市审计局 / 合肥审计局 / 合肥市局 → 合肥;
 * 瑶海区审计局 / 瑶海区局 / 瑶海 → 瑶海; 省审计厅 / 省厅 → 省.
 */
export function unitStem(name: string): string {
  let s = name.replace(/[\s()（）【】[\]“”"'·.,，、]/g, '');
  for (const noise of UNIT_NOISE) s = s.split(noise).join('');
  // Trailing 市/县/区 (but not a one-character name like 省).
  if (s.length > 2) s = s.replace(/(市|县|区|旗)$/u, '');
  return s;
}

function bigrams(s: string): string[] {
  if (s.length < 2) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Dice similarity of two strings' character bigrams, 0–1. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  const pool = [...y];
  let common = 0;
  for (const g of x) {
    const k = pool.indexOf(g);
    if (k >= 0) {
      common++;
      pool.splice(k, 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

export interface UnitCandidate {
  id: string;
  name: string;
  level: OrgLevel;
}

export type UnitMatch<T extends UnitCandidate> =
  | { kind: 'EXACT'; unit: T }
  | { kind: 'LOOSE'; unit: T }
  | { kind: 'AMBIGUOUS'; options: T[] }
  | { kind: 'UNKNOWN'; closest: T | null };

/**
 * Finds the bureau a sign-in sheet names. Exact name first, then the same stem (合肥市局 →
 * 合肥市审计局; 省厅 → the province); several bureaus with one stem are ambiguous; otherwise the
 * closest name by bigram similarity is proposed (never taken silently).
 */
export function matchUnit<T extends UnitCandidate>(
  written: string,
  units: readonly T[],
): UnitMatch<T> {
  const text = written.trim();
  const exact = units.find((u) => u.name === text);
  if (exact) return { kind: 'EXACT', unit: exact };
  const stem = unitStem(text);
  if (stem === '' || stem === '省') {
    const province = units.filter((u) => u.level === OrgLevel.PROVINCE);
    if (stem === '省' && province.length === 1 && province[0])
      return { kind: 'LOOSE', unit: province[0] };
    return { kind: 'UNKNOWN', closest: null };
  }
  const same = units.filter((u) => unitStem(u.name) === stem);
  if (same.length === 1 && same[0]) return { kind: 'LOOSE', unit: same[0] };
  if (same.length > 1) return { kind: 'AMBIGUOUS', options: same };
  // A short form inside full names (郊区 → 安庆市郊区审计局, 铜陵市郊区审计局).
  const inside = stem.length >= 2 ? units.filter((u) => u.name.includes(stem)) : [];
  if (inside.length === 1 && inside[0]) return { kind: 'LOOSE', unit: inside[0] };
  if (inside.length > 1) return { kind: 'AMBIGUOUS', options: inside };
  let best: T | null = null;
  let score = 0;
  for (const u of units) {
    const s = similarity(stem, unitStem(u.name));
    if (s > score) {
      score = s;
      best = u;
    }
  }
  return { kind: 'UNKNOWN', closest: score >= 0.3 ? best : null };
}

/** One attendance as the coverage maths sees it. */
export interface AttendanceFact {
  organizationId: string;
  traineeName: string;
  phone: string;
  attended: boolean;
  hours: number;
  /** The level of the session's organiser (a province-level session: PROVINCE or above). */
  sessionLevel: OrgLevel;
  sessionExternal: boolean;
}

export interface TrainingRequirementRule {
  level: OrgLevel;
  /** People the bureau must send to province-level sessions in the year. */
  minProvinceAttendees: number;
  /** Hours the bureau's staff must total in the year. */
  minHours: number;
}

/** A person: the same name (and phone when known) in the same bureau counts once. */
export function personKey(f: Pick<AttendanceFact, 'organizationId' | 'traineeName'>): string {
  return `${f.organizationId}|${f.traineeName.replace(/\s/g, '')}`;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface BureauTraining {
  trainees: number;
  personHours: number;
  provinceAttendees: number;
  trained: boolean;
}

/** What one bureau's attendance adds up to (only attended rows count). */
export function bureauTraining(facts: readonly AttendanceFact[]): BureauTraining {
  const attended = facts.filter((f) => f.attended);
  const people = new Set(attended.map(personKey));
  const atProvince = new Set(
    attended
      .filter(
        (f) =>
          !f.sessionExternal &&
          (f.sessionLevel === OrgLevel.PROVINCE || f.sessionLevel === OrgLevel.NATIONAL),
      )
      .map(personKey),
  );
  return {
    trainees: people.size,
    personHours: round1(attended.reduce((sum, f) => sum + f.hours, 0)),
    provinceAttendees: atProvince.size,
    trained: attended.length > 0,
  };
}

/** Whether a bureau meets the year's requirement for its level; no requirement: having trained. */
export function meetsRequirement(
  training: BureauTraining,
  rule: TrainingRequirementRule | undefined,
): boolean {
  if (!rule) return training.trained;
  return (
    training.provinceAttendees >= rule.minProvinceAttendees && training.personHours >= rule.minHours
  );
}

/** Share of bureaus trained, 0–1 with three decimals; 0 for no bureaus. */
export function coverageRate(bureaus: number, trained: number): number {
  return bureaus === 0 ? 0 : Math.round((trained / bureaus) * 1000) / 1000;
}
