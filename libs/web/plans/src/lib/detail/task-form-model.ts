import type { OrgLevel, TaskInput } from '@sunshine/web/graphql';
import type { PlanTaskItem } from '../plan-model';

/** The task drawer's fields. */
export interface TaskFormValues {
  categoryId: string;
  number: string;
  title: string;
  description: string;
  leadDepartments: string[];
  cooperatingDepartments: string[];
  deadlineText: string;
  levels: OrgLevel[];
  weight: number;
  evidence: string;
  targetValue: number | null;
  targetUnit: string;
  adjustmentNote: string;
}

export function taskFormValues(task: PlanTaskItem | null, categoryId: string): TaskFormValues {
  return {
    categoryId: task?.categoryId ?? categoryId,
    number: task?.number ?? '',
    title: task?.title ?? '',
    description: task?.description ?? '',
    leadDepartments: [...(task?.leadDepartments ?? [])],
    cooperatingDepartments: [...(task?.cooperatingDepartments ?? [])],
    deadlineText: task?.deadlineText ?? '',
    levels: [...(task?.levels ?? ['CITY', 'COUNTY'])],
    weight: task?.weight ?? 1,
    evidence: task?.evidence ?? '',
    targetValue: task?.targetValue ?? null,
    targetUnit: task?.targetUnit ?? '',
    adjustmentNote: '',
  };
}

const clean = (list: readonly string[]): string[] => [
  ...new Set(list.map((s) => s.trim()).filter(Boolean)),
];

/** The savePlanTask input; the adjustment note only for a published plan. */
export function toTaskInput(
  values: TaskFormValues,
  planId: string,
  task: Pick<PlanTaskItem, 'id' | 'version'> | null,
  published: boolean,
): TaskInput {
  const hasTarget = values.targetValue !== null && values.targetValue !== undefined;
  return {
    id: task?.id ?? null,
    version: task?.version ?? null,
    planId,
    categoryId: values.categoryId,
    number: values.number.trim(),
    title: values.title.trim(),
    description: values.description.trim(),
    leadDepartments: clean(values.leadDepartments),
    cooperatingDepartments: clean(values.cooperatingDepartments),
    deadlineText: values.deadlineText.trim(),
    levels: values.levels,
    weight: values.weight,
    evidence: values.evidence.trim(),
    targetValue: hasTarget ? values.targetValue : null,
    targetUnit: hasTarget ? values.targetUnit.trim() || null : null,
    adjustmentNote: published ? values.adjustmentNote.trim() : null,
  };
}
