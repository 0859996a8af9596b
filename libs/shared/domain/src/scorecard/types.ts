/**
 * The scoring engine's inputs (facts per bureau) and outputs (score, grade, breakdown): plain
 * data, stored as they are with a frozen scorecard.
 */
import type { RubricComponent, ScoreGrade } from './rubric';

/** The record a point comes from, for a link in Sunshine (`Assignment`, `AssessmentIssue`, …). */
export interface ScoreSource {
  type: string;
  id: string;
}

/** An assigned task for the period: its last accepted report decides. */
export interface TaskFact {
  source: ScoreSource;
  /** e.g. "3.2 主动公开审计结果公告". */
  label: string;
  weight: number;
  /** Completed and accepted. */
  completed: boolean;
  /** The accepted report's percent, 0–100 (partial credit). */
  percent: number;
}

/** Reports due in one quarter of the period and how many came on time. */
export interface QuarterFact {
  source: ScoreSource;
  label: string;
  due: number;
  onTime: number;
}

/** A third-party assessment problem of the bureau. */
export interface IssueFact {
  source: ScoreSource;
  label: string;
  issueType: string;
  pointsDeducted: number;
  /** Dispute upheld: the points are restored and the problem does not count. */
  withdrawn: boolean;
  /** A dispute awaiting the decision: deducted, but not yet confirmed for a veto. */
  disputePending: boolean;
  /** Its rectification deadline has passed by the period's end. */
  due: boolean;
  /** Verified (销号) without being late. */
  rectifiedOnTime: boolean;
  /** Times its rectification was returned. */
  returnedCount: number;
}

export interface TrainingFact {
  source: ScoreSource;
  requirementMet: boolean;
  trainees: number;
  personHours: number;
}

export type AdjustmentKind = 'BONUS' | 'DEDUCTION' | 'VETO';
export const ADJUSTMENT_KIND_LABELS: Record<AdjustmentKind, string> = {
  BONUS: '加分',
  DEDUCTION: '扣分',
  VETO: '一票否决',
};

export interface AdjustmentFact {
  id: string;
  kind: AdjustmentKind;
  /** Positive; a deduction subtracts it. Ignored for a veto. */
  points: number;
  reason: string;
  attachment: string | null;
}

/** A section left out (undefined) means its source does not exist: the component is off. */
export interface ScoreFacts {
  tasks?: TaskFact[];
  quarters?: QuarterFact[];
  issues?: IssueFact[];
  training?: TrainingFact;
  adjustments: AdjustmentFact[];
}

export interface BreakdownItem {
  /** The rubric leaf's key, or `adjustment` / `total`. */
  component: string;
  label: string;
  /** In 0.01 points. */
  centi: number;
  points: number;
  source: ScoreSource;
  attachment?: string | null;
}

export interface ComponentScore {
  key: string;
  label: string;
  kind: RubricComponent['kind'];
  max: number;
  points: number;
  /** Off: its source is not in Sunshine for this period, scored at full marks. */
  applicable: boolean;
}

export interface VetoHit {
  key: string;
  label: string;
  source: ScoreSource;
}

export interface ScoreResult {
  score: number;
  scoreCenti: number;
  maxScore: number;
  grade: ScoreGrade;
  vetoed: boolean;
  vetoes: VetoHit[];
  items: BreakdownItem[];
  components: ComponentScore[];
}
