/**
 * The scoring engine: a rubric and one bureau's facts → score, grade, veto and a breakdown in
 * which every point names its source fact. Pure and deterministic: the server computes with it,
 * the dashboard explains with it, and a frozen result is recomputed from its stored inputs.
 *
 * Arithmetic is in integers of 0.01 point ("centi"). A rate-based component is rounded once, on
 * its total, and the total is spread over its items by largest remainder, so the items add up
 * exactly to the component and the component is monotone in its facts.
 */
import {
  componentMax,
  rubricLeaves,
  rubricMax,
  toCenti,
  type AssessmentComponent,
  type Rubric,
  type RubricComponent,
  type RubricLeaf,
  type ScoreGrade,
  type TaskCompletionComponent,
  type TimelinessComponent,
  type TrainingComponent,
} from './rubric';
import type {
  BreakdownItem,
  ComponentScore,
  IssueFact,
  QuarterFact,
  ScoreFacts,
  ScoreResult,
  ScoreSource,
  TaskFact,
  TrainingFact,
  VetoHit,
} from './types';

export * from './types';

export const ADJUSTMENT_COMPONENT = 'adjustment';
export const TOTAL_COMPONENT = 'total';

const fmt = (x: number): string => (Math.round(x * 100) / 100).toString();

/** Splits `total` centi over shares (in centi, not rounded) by largest remainder. */
export function apportion(total: number, shares: readonly number[]): number[] {
  const floors = shares.map((s) => Math.floor(s + 1e-9));
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, i) => ({ i, frac: s - floors[i]! }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--)
    out[order[k]!.i]! += 1;
  for (let k = order.length - 1; rest < 0 && k >= 0; k--, rest++) out[order[k]!.i]! -= 1;
  return out;
}

/**
 * Rounds a value in 0.01 points to an integer, half up. The nudge absorbs binary floating-point
 * error (45 × 0.2745 is 12.352499… in doubles) so results match decimal arithmetic.
 */
export const roundCenti = (x: number): number => Math.round(x + 1e-7);

type Emit = (item: Omit<BreakdownItem, 'points'>) => void;

const rubricSource = (key: string): ScoreSource => ({ type: 'RubricComponent', id: key });

function notApplicable(c: RubricLeaf, emit: Emit): void {
  emit({
    component: c.key,
    label: `${c.label}：本期无考核数据，按满分计`,
    centi: toCenti(componentMax(c)),
    source: rubricSource(c.key),
  });
}

function scoreTasks(c: TaskCompletionComponent, tasks: readonly TaskFact[], emit: Emit): void {
  if (tasks.length === 0) return notApplicable(c, emit);
  const equal = tasks.every((t) => !(t.weight > 0));
  const weightOf = (t: TaskFact): number => (equal ? 1 : Math.max(0, t.weight));
  const totalWeight = tasks.reduce((s, t) => s + weightOf(t), 0);
  const creditOf = (t: TaskFact): number =>
    t.completed ? 1 : c.partialCredit ? Math.min(100, Math.max(0, t.percent)) / 100 : 0;
  const max = toCenti(c.points);
  const shares = tasks.map((t) => (max * weightOf(t) * creditOf(t)) / totalWeight);
  const earned = tasks.reduce((s, t) => s + weightOf(t) * creditOf(t), 0);
  const total = roundCenti((max * earned) / totalWeight);
  const centi = apportion(total, shares);
  tasks.forEach((t, i) => {
    const state = t.completed
      ? '已完成并验收'
      : c.partialCredit && t.percent > 0
        ? `完成${Math.min(100, Math.max(0, t.percent))}%（按比例计分）`
        : '未完成或未验收';
    emit({
      component: c.key,
      label: `任务${t.label}：${state}`,
      centi: centi[i]!,
      source: t.source,
    });
  });
}

function scoreTimeliness(
  c: TimelinessComponent,
  quarters: readonly QuarterFact[],
  emit: Emit,
): void {
  const counted = quarters.filter((q) => q.due > 0);
  const due = counted.reduce((s, q) => s + q.due, 0);
  if (due === 0) return notApplicable(c, emit);
  const max = toCenti(c.points);
  const onTime = counted.reduce((s, q) => s + Math.min(q.due, Math.max(0, q.onTime)), 0);
  const shares = counted.map((q) => (max * Math.min(q.due, Math.max(0, q.onTime))) / due);
  const centi = apportion(roundCenti((max * onTime) / due), shares);
  counted.forEach((q, i) =>
    emit({
      component: c.key,
      label: `${q.label}按时报送 ${Math.min(q.due, q.onTime)}/${q.due}`,
      centi: centi[i]!,
      source: q.source,
    }),
  );
}

function scoreAssessment(c: AssessmentComponent, issues: readonly IssueFact[], emit: Emit): void {
  const base = toCenti(c.points);
  emit({ component: c.key, label: `${c.label}基础分`, centi: base, source: rubricSource(c.key) });
  let deducted = 0;
  for (const i of issues) {
    const d = toCenti(i.pointsDeducted);
    if (d <= 0) continue;
    emit({ component: c.key, label: `问题“${i.label}”测评扣分`, centi: -d, source: i.source });
    deducted += d;
    if (i.withdrawn) {
      emit({
        component: c.key,
        label: `问题“${i.label}”申诉成立，恢复分值`,
        centi: d,
        source: i.source,
      });
      deducted -= d;
    }
  }
  if (deducted > base)
    emit({
      component: c.key,
      label: `测评扣分以${fmt(c.points)}分为限`,
      centi: deducted - base,
      source: rubricSource(c.key),
    });
  const live = issues.filter((i) => !i.withdrawn);
  const due = live.filter((i) => i.due);
  const onTimeMax = toCenti(c.onTimePoints);
  if (onTimeMax > 0) {
    if (due.length === 0) {
      emit({
        component: c.key,
        label: '无到期整改问题，按时整改得满分',
        centi: onTimeMax,
        source: rubricSource(c.key),
      });
    } else {
      const ok = due.filter((i) => i.rectifiedOnTime);
      const shares = ok.map(() => onTimeMax / due.length);
      const centi = apportion(roundCenti((onTimeMax * ok.length) / due.length), shares);
      ok.forEach((i, k) =>
        emit({
          component: c.key,
          label: `问题“${i.label}”按期整改销号`,
          centi: centi[k]!,
          source: i.source,
        }),
      );
      for (const i of due.filter((x) => !x.rectifiedOnTime))
        emit({
          component: c.key,
          label: `问题“${i.label}”未按期整改销号`,
          centi: 0,
          source: i.source,
        });
    }
  }
  const quality = toCenti(c.qualityPoints);
  if (quality > 0) {
    emit({ component: c.key, label: '整改质量', centi: quality, source: rubricSource(c.key) });
    let lost = 0;
    for (const i of live.filter((x) => x.returnedCount > 0)) {
      const p = toCenti(c.returnPenalty) * i.returnedCount;
      if (p <= 0) continue;
      emit({
        component: c.key,
        label: `问题“${i.label}”整改被退回${i.returnedCount}次`,
        centi: -p,
        source: i.source,
      });
      lost += p;
    }
    if (lost > quality)
      emit({
        component: c.key,
        label: '整改质量扣分以该项分值为限',
        centi: lost - quality,
        source: rubricSource(c.key),
      });
  }
}

function scoreTraining(c: TrainingComponent, t: TrainingFact, emit: Emit): void {
  emit({
    component: c.key,
    label: t.requirementMet ? '达到年度培训要求' : '未达到年度培训要求',
    centi: t.requirementMet ? toCenti(c.requirementPoints) : 0,
    source: t.source,
  });
  const perPerson = t.trainees > 0 ? t.personHours / t.trainees : 0;
  const ratio = Math.min(1, perPerson / c.hoursPerPersonTarget);
  emit({
    component: c.key,
    label: `人均培训${fmt(perPerson)}学时（目标${fmt(c.hoursPerPersonTarget)}学时）`,
    centi: roundCenti(toCenti(c.hoursPoints) * ratio),
    source: t.source,
  });
}

function scoreLeaf(c: RubricLeaf, facts: ScoreFacts, emit: Emit): boolean {
  switch (c.kind) {
    case 'TASK_COMPLETION':
      if (!facts.tasks) break;
      scoreTasks(c, facts.tasks, emit);
      return true;
    case 'TIMELINESS':
      if (!facts.quarters) break;
      scoreTimeliness(c, facts.quarters, emit);
      return true;
    case 'ASSESSMENT':
      if (!facts.issues) break;
      scoreAssessment(c, facts.issues, emit);
      return true;
    case 'TRAINING':
      if (!facts.training) break;
      scoreTraining(c, facts.training, emit);
      return true;
  }
  notApplicable(c, emit);
  return false;
}

export function gradeOf(score: number, rubric: Rubric, vetoed: boolean): ScoreGrade {
  if (vetoed) return 'FAIL';
  const c = toCenti(score);
  if (c >= toCenti(rubric.grades.excellent)) return 'EXCELLENT';
  if (c >= toCenti(rubric.grades.good)) return 'GOOD';
  if (c >= toCenti(rubric.grades.pass)) return 'PASS';
  return 'FAIL';
}

function vetoesOf(rubric: Rubric, facts: ScoreFacts): VetoHit[] {
  const hits: VetoHit[] = [];
  for (const v of rubric.vetoes) {
    if (v.condition.kind !== 'ASSESSMENT_ISSUE') continue;
    const type = v.condition.issueType;
    for (const i of facts.issues ?? [])
      if (i.issueType === type && !i.withdrawn && !i.disputePending)
        hits.push({ key: v.key, label: `${v.label}：${i.label}`, source: i.source });
  }
  const manual = rubric.vetoes.find((v) => v.condition.kind === 'MANUAL');
  for (const a of facts.adjustments)
    if (a.kind === 'VETO')
      hits.push({
        key: manual?.key ?? 'manual',
        label: `${manual?.label ?? '单项否决'}：${a.reason}`,
        source: { type: 'ScoreAdjustment', id: a.id },
      });
  return hits;
}

/** Scores one bureau. */
export function computeScore(rubric: Rubric, facts: ScoreFacts): ScoreResult {
  const items: BreakdownItem[] = [];
  const emit: Emit = (i) => items.push({ ...i, points: i.centi / 100 });
  const applicable = new Map<string, boolean>();
  for (const leaf of rubricLeaves(rubric.components))
    applicable.set(leaf.key, scoreLeaf(leaf, facts, emit));

  let bonusLeft = toCenti(rubric.bonusCap);
  for (const a of facts.adjustments) {
    const source = { type: 'ScoreAdjustment', id: a.id };
    const base = { component: ADJUSTMENT_COMPONENT, source, attachment: a.attachment };
    const p = Math.max(0, toCenti(a.points));
    if (a.kind === 'BONUS') {
      const given = Math.min(p, bonusLeft);
      bonusLeft -= given;
      const capped = given < p ? `（超出加分上限${fmt(rubric.bonusCap)}分的部分不计）` : '';
      items.push({
        ...base,
        label: `加分：${a.reason}${capped}`,
        centi: given,
        points: given / 100,
      });
    } else if (a.kind === 'DEDUCTION') {
      items.push({ ...base, label: `扣分：${a.reason}`, centi: -p, points: -p / 100 });
    } else {
      items.push({ ...base, label: `一票否决：${a.reason}`, centi: 0, points: 0 });
    }
  }

  const max = toCenti(rubricMax(rubric));
  const raw = items.reduce((s, i) => s + i.centi, 0);
  const bounded = Math.min(max + toCenti(rubric.bonusCap), Math.max(0, raw));
  if (bounded !== raw)
    items.push({
      component: TOTAL_COMPONENT,
      label: bounded === 0 ? '总分最低为0分' : '总分以满分加加分上限为限',
      centi: bounded - raw,
      points: (bounded - raw) / 100,
      source: { type: 'Rubric', id: 'total' },
    });

  const vetoes = vetoesOf(rubric, facts);
  const score = bounded / 100;
  const sumOf = (c: RubricComponent): number =>
    c.kind === 'GROUP'
      ? c.children.reduce((s, x) => s + sumOf(x), 0)
      : items.filter((i) => i.component === c.key).reduce((s, i) => s + i.centi, 0);
  const components: ComponentScore[] = [];
  const walk = (c: RubricComponent): void => {
    components.push({
      key: c.key,
      label: c.label,
      kind: c.kind,
      max: toCenti(componentMax(c)) / 100,
      points: sumOf(c) / 100,
      applicable:
        c.kind === 'GROUP'
          ? rubricLeaves([c]).some((l) => applicable.get(l.key))
          : (applicable.get(c.key) ?? false),
    });
    if (c.kind === 'GROUP') c.children.forEach(walk);
  };
  rubric.components.forEach(walk);
  return {
    score,
    scoreCenti: bounded,
    maxScore: max / 100,
    grade: gradeOf(score, rubric, vetoes.length > 0),
    vetoed: vetoes.length > 0,
    vetoes,
    items,
    components,
  };
}
