/**
 * Scorecard rubric (考评细则): a versioned tree of components, each a rule over facts Sunshine
 * holds, plus grade thresholds, a bonus cap and veto items (一票否决). Pure data: the server stores
 * it as JSON, the dashboard explains with it.
 *
 * Points are decimals with at most two places (0.01 is the engine's unit).
 */

export type ScoreGrade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL';
export const SCORE_GRADES: readonly ScoreGrade[] = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'];
export const SCORE_GRADE_LABELS: Record<ScoreGrade, string> = {
  EXCELLENT: '优秀',
  GOOD: '良好',
  PASS: '合格',
  FAIL: '不合格',
};

/** Lowest scores for 优秀, 良好 and 合格; below `pass` is 不合格. */
export interface GradeThresholds {
  excellent: number;
  good: number;
  pass: number;
}

export type RubricComponentKind =
  'GROUP' | 'TASK_COMPLETION' | 'TIMELINESS' | 'ASSESSMENT' | 'TRAINING';

export const RUBRIC_COMPONENT_KIND_LABELS: Record<RubricComponentKind, string> = {
  GROUP: '指标组',
  TASK_COMPLETION: '重点任务完成',
  TIMELINESS: '按时报送',
  ASSESSMENT: '第三方测评',
  TRAINING: '培训',
};

interface ComponentBase {
  /** Unique within the rubric; the breakdown's `component`. */
  key: string;
  label: string;
}

export interface GroupComponent extends ComponentBase {
  kind: 'GROUP';
  children: RubricComponent[];
}

/** Share of assigned tasks completed and accepted, weighted by the task's 分值. */
export interface TaskCompletionComponent extends ComponentBase {
  kind: 'TASK_COMPLETION';
  points: number;
  /** Credit an unfinished task by its reported percent (its last accepted report). */
  partialCredit: boolean;
}

/** On-time reporting rate over the quarters due in the period. */
export interface TimelinessComponent extends ComponentBase {
  kind: 'TIMELINESS';
  points: number;
}

/**
 * Third-party assessment: `points` minus the points the assessor deducted (a dispute upheld
 * restores them; deductions stop at zero), plus `onTimePoints` by the share of due problems
 * rectified on time, plus `qualityPoints` less `returnPenalty` per rectification returned.
 */
export interface AssessmentComponent extends ComponentBase {
  kind: 'ASSESSMENT';
  points: number;
  onTimePoints: number;
  qualityPoints: number;
  returnPenalty: number;
}

/**
 * Training: `requirementPoints` when the year's requirement is met, plus `hoursPoints` by hours
 * per person against `hoursPerPersonTarget` (full at the target).
 */
export interface TrainingComponent extends ComponentBase {
  kind: 'TRAINING';
  requirementPoints: number;
  hoursPoints: number;
  hoursPerPersonTarget: number;
}

export type RubricLeaf =
  TaskCompletionComponent | TimelinessComponent | AssessmentComponent | TrainingComponent;
export type RubricComponent = GroupComponent | RubricLeaf;

/** A named condition that fails a bureau whatever its points. */
export type VetoCondition =
  /** A confirmed assessment problem of this type (not withdrawn, no dispute pending). */
  | { kind: 'ASSESSMENT_ISSUE'; issueType: string }
  /** Entered by the province as an adjustment of kind VETO (e.g. 站点无法访问). */
  | { kind: 'MANUAL' };

export interface VetoRule {
  key: string;
  label: string;
  condition: VetoCondition;
}

export interface Rubric {
  components: RubricComponent[];
  grades: GradeThresholds;
  /** Most bonus (加分) points a bureau can receive in the period. */
  bonusCap: number;
  vetoes: VetoRule[];
}

/** The most points a leaf (or a group) can award. */
export function componentMax(c: RubricComponent): number {
  switch (c.kind) {
    case 'GROUP':
      return c.children.reduce((s, x) => s + componentMax(x), 0);
    case 'ASSESSMENT':
      return c.points + c.onTimePoints + c.qualityPoints;
    case 'TRAINING':
      return c.requirementPoints + c.hoursPoints;
    default:
      return c.points;
  }
}

/** The rubric's full marks without bonus. */
export function rubricMax(r: Rubric): number {
  return toCenti(r.components.reduce((s, c) => s + componentMax(c), 0)) / 100;
}

export function rubricLeaves(components: readonly RubricComponent[]): RubricLeaf[] {
  return components.flatMap((c) => (c.kind === 'GROUP' ? rubricLeaves(c.children) : [c]));
}

export const toCenti = (x: number): number => Math.round(x * 100);
export const fromCenti = (c: number): number => c / 100;

const twoPlaces = (x: unknown): boolean =>
  typeof x === 'number' && Number.isFinite(x) && x >= 0 && Math.abs(x * 100 - toCenti(x)) < 1e-6;

/** Problems with a rubric, in Chinese; empty when it is usable. */
export function validateRubric(r: Rubric): string[] {
  const errors: string[] = [];
  const keys = new Set<string>();
  const visit = (c: RubricComponent, depth: number): void => {
    if (!c.key || !/^[A-Za-z0-9_.-]{1,40}$/.test(c.key))
      errors.push(`指标编码“${c.key}”无效（1–40位字母、数字、_.-）`);
    if (keys.has(c.key)) errors.push(`指标编码“${c.key}”重复`);
    keys.add(c.key);
    if (!c.label?.trim() || c.label.length > 60) errors.push(`指标“${c.key}”的名称应为1–60字`);
    if (depth > 3) errors.push(`指标“${c.key}”层级过深（最多3级）`);
    const numbers: unknown[] =
      c.kind === 'GROUP'
        ? []
        : c.kind === 'ASSESSMENT'
          ? [c.points, c.onTimePoints, c.qualityPoints, c.returnPenalty]
          : c.kind === 'TRAINING'
            ? [c.requirementPoints, c.hoursPoints, c.hoursPerPersonTarget]
            : [c.points];
    if (numbers.some((n) => !twoPlaces(n)))
      errors.push(`指标“${c.label}”的分值应为非负数，最多两位小数`);
    if (c.kind === 'TRAINING' && !(c.hoursPerPersonTarget > 0))
      errors.push(`指标“${c.label}”的人均学时目标应大于0`);
    if (c.kind === 'GROUP') {
      if (c.children.length === 0) errors.push(`指标组“${c.label}”没有下级指标`);
      for (const x of c.children) visit(x, depth + 1);
    }
  };
  for (const c of r.components) visit(c, 1);
  if (r.components.length === 0) errors.push('考评细则至少需要一项指标');
  const max = rubricMax(r);
  if (max <= 0 || max > 1000) errors.push('考评细则满分应在0到1000分之间');
  const g = r.grades;
  if (
    ![g.excellent, g.good, g.pass].every(twoPlaces) ||
    !(g.excellent >= g.good && g.good >= g.pass)
  )
    errors.push('等次分数线应满足 优秀 ≥ 良好 ≥ 合格 ≥ 0');
  if (g.excellent > max) errors.push('优秀分数线不能高于满分');
  if (!twoPlaces(r.bonusCap)) errors.push('加分上限应为非负数，最多两位小数');
  const vetoKeys = new Set<string>();
  for (const v of r.vetoes) {
    if (!v.key || vetoKeys.has(v.key)) errors.push(`否决项编码“${v.key}”无效或重复`);
    vetoKeys.add(v.key);
    if (!v.label?.trim()) errors.push('否决项需要名称');
  }
  return errors;
}

const PRIVACY_VETO: VetoRule = {
  key: 'privacy',
  label: '泄露个人隐私（经核实）',
  condition: { kind: 'ASSESSMENT_ISSUE', issueType: 'PRIVACY_EXPOSED' },
};
const MANUAL_VETO: VetoRule = {
  key: 'manual',
  label: '单项否决（站点无法访问、首页长期未更新、严重错误等，由省厅认定）',
  condition: { kind: 'MANUAL' },
};

/**
 * The default rubric the province runs over its cities (and the province-wide county ranking):
 * weighted like the department scheme in DOMAIN.md, mapped onto the facts Sunshine holds.
 */
export const DEFAULT_CITY_RUBRIC: Rubric = {
  components: [
    {
      key: 'work',
      label: '重点工作落实',
      kind: 'GROUP',
      children: [
        {
          key: 'tasks',
          label: '重点任务完成',
          kind: 'TASK_COMPLETION',
          points: 45,
          partialCredit: true,
        },
        { key: 'timeliness', label: '季度进展按时报送', kind: 'TIMELINESS', points: 15 },
      ],
    },
    {
      key: 'assessment',
      label: '第三方评估',
      kind: 'ASSESSMENT',
      points: 20,
      onTimePoints: 5,
      qualityPoints: 5,
      returnPenalty: 1,
    },
    {
      key: 'training',
      label: '组织保障（培训）',
      kind: 'TRAINING',
      requirementPoints: 6,
      hoursPoints: 4,
      hoursPerPersonTarget: 8,
    },
  ],
  grades: { excellent: 90, good: 80, pass: 60 },
  bonusCap: 3,
  vetoes: [PRIVACY_VETO, MANUAL_VETO],
};

/** The default rubric a city runs over its counties: more weight on rectification. */
export const DEFAULT_COUNTY_RUBRIC: Rubric = {
  components: [
    {
      key: 'work',
      label: '重点工作落实',
      kind: 'GROUP',
      children: [
        {
          key: 'tasks',
          label: '重点任务完成',
          kind: 'TASK_COMPLETION',
          points: 40,
          partialCredit: false,
        },
        { key: 'timeliness', label: '季度进展按时报送', kind: 'TIMELINESS', points: 15 },
      ],
    },
    {
      key: 'assessment',
      label: '第三方评估',
      kind: 'ASSESSMENT',
      points: 20,
      onTimePoints: 8,
      qualityPoints: 7,
      returnPenalty: 1,
    },
    {
      key: 'training',
      label: '组织保障（培训）',
      kind: 'TRAINING',
      requirementPoints: 6,
      hoursPoints: 4,
      hoursPerPersonTarget: 6,
    },
  ],
  grades: { excellent: 90, good: 80, pass: 60 },
  bonusCap: 2,
  vetoes: [PRIVACY_VETO, MANUAL_VETO],
};

const KINDS: readonly RubricComponentKind[] = [
  'GROUP',
  'TASK_COMPLETION',
  'TIMELINESS',
  'ASSESSMENT',
  'TRAINING',
];
const NUMBER_FIELDS: Record<Exclude<RubricComponentKind, 'GROUP'>, readonly string[]> = {
  TASK_COMPLETION: ['points'],
  TIMELINESS: ['points'],
  ASSESSMENT: ['points', 'onTimePoints', 'qualityPoints', 'returnPenalty'],
  TRAINING: ['requirementPoints', 'hoursPoints', 'hoursPerPersonTarget'],
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readComponent(v: unknown, errors: string[], depth: number): RubricComponent | null {
  if (!isRecord(v) || typeof v.key !== 'string' || typeof v.label !== 'string') {
    errors.push('每项指标需要编码（key）和名称（label）');
    return null;
  }
  const kind = v.kind as RubricComponentKind;
  if (!KINDS.includes(kind)) {
    errors.push(`指标“${v.label}”的类型无效`);
    return null;
  }
  const base = { key: v.key, label: v.label.trim() };
  if (kind === 'GROUP') {
    if (!Array.isArray(v.children) || depth > 3) {
      errors.push(`指标组“${v.label}”需要下级指标（最多3级）`);
      return null;
    }
    const children = v.children.map((c) => readComponent(c, errors, depth + 1));
    return { ...base, kind, children: children.filter((c): c is RubricComponent => c !== null) };
  }
  const numbers: Record<string, number> = {};
  for (const f of NUMBER_FIELDS[kind]) {
    const n = v[f];
    if (typeof n !== 'number') {
      errors.push(`指标“${v.label}”缺少数值 ${f}`);
      return null;
    }
    numbers[f] = n;
  }
  if (kind === 'TASK_COMPLETION')
    return { ...base, kind, points: numbers.points!, partialCredit: v.partialCredit === true };
  return { ...base, kind, ...numbers } as RubricLeaf;
}

/** Reads a rubric from untrusted JSON: the rubric, or the problems in Chinese. */
export function parseRubric(value: unknown): { rubric: Rubric } | { errors: string[] } {
  const errors: string[] = [];
  if (!isRecord(value) || !Array.isArray(value.components) || !isRecord(value.grades))
    return { errors: ['考评细则应包含指标（components）和等次分数线（grades）'] };
  const components = value.components
    .map((c) => readComponent(c, errors, 1))
    .filter((c): c is RubricComponent => c !== null);
  const g = value.grades;
  const grades = { excellent: Number(g.excellent), good: Number(g.good), pass: Number(g.pass) };
  const vetoes: VetoRule[] = [];
  for (const x of Array.isArray(value.vetoes) ? value.vetoes : []) {
    const c = isRecord(x) && isRecord(x.condition) ? x.condition : null;
    if (!isRecord(x) || typeof x.key !== 'string' || typeof x.label !== 'string' || !c) {
      errors.push('否决项需要编码、名称和条件');
      continue;
    }
    if (c.kind === 'ASSESSMENT_ISSUE' && typeof c.issueType === 'string')
      vetoes.push({
        key: x.key,
        label: x.label,
        condition: { kind: c.kind, issueType: c.issueType },
      });
    else if (c.kind === 'MANUAL')
      vetoes.push({ key: x.key, label: x.label, condition: { kind: c.kind } });
    else errors.push(`否决项“${x.label}”的条件无效`);
  }
  const rubric: Rubric = {
    components,
    grades,
    bonusCap: typeof value.bonusCap === 'number' ? value.bonusCap : NaN,
    vetoes,
  };
  errors.push(...validateRubric(rubric));
  return errors.length > 0 ? { errors: [...new Set(errors)] } : { rubric };
}
