import {
  componentMax,
  parseRubric,
  RUBRIC_COMPONENT_KIND_LABELS,
  rubricMax,
  type Rubric,
  type RubricComponent,
} from '@sunshine/shared/domain';

/** A weight a rubric line carries, editable in the form. */
export interface WeightField {
  field: string;
  label: string;
  value: number;
}

/** The editable weights of a rubric line (none for a group: its weight is its children's sum). */
export function weightFields(c: RubricComponent): WeightField[] {
  switch (c.kind) {
    case 'GROUP':
      return [];
    case 'TASK_COMPLETION':
    case 'TIMELINESS':
      return [{ field: 'points', label: '分值', value: c.points }];
    case 'ASSESSMENT':
      return [
        { field: 'points', label: '测评分', value: c.points },
        { field: 'onTimePoints', label: '按时整改', value: c.onTimePoints },
        { field: 'qualityPoints', label: '整改质量', value: c.qualityPoints },
        { field: 'returnPenalty', label: '每次退回扣', value: c.returnPenalty },
      ];
    case 'TRAINING':
      return [
        { field: 'requirementPoints', label: '达到要求', value: c.requirementPoints },
        { field: 'hoursPoints', label: '人均学时', value: c.hoursPoints },
        { field: 'hoursPerPersonTarget', label: '学时目标', value: c.hoursPerPersonTarget },
      ];
  }
}

function mapComponents(
  list: readonly RubricComponent[],
  key: string,
  change: (c: RubricComponent) => RubricComponent,
): RubricComponent[] {
  return list.map((c) => {
    if (c.key === key) return change(c);
    if (c.kind === 'GROUP') return { ...c, children: mapComponents(c.children, key, change) };
    return c;
  });
}

/** The rubric with one weight of one line changed (a new object; the input is untouched). */
export function setWeight(rubric: Rubric, key: string, field: string, value: number): Rubric {
  return {
    ...rubric,
    components: mapComponents(rubric.components, key, (c) =>
      c.kind === 'GROUP' || !weightFields(c).some((w) => w.field === field)
        ? c
        : ({ ...c, [field]: value } as RubricComponent),
    ),
  };
}

/** A row of the rubric tree table (groups carry their children). */
export interface RubricTreeRow {
  key: string;
  label: string;
  kindLabel: string;
  max: number;
  weights: WeightField[];
  children?: RubricTreeRow[];
}

export function rubricTree(list: readonly RubricComponent[]): RubricTreeRow[] {
  return list.map((c) => ({
    key: c.key,
    label: c.label,
    kindLabel: RUBRIC_COMPONENT_KIND_LABELS[c.kind],
    max: componentMax(c),
    weights: weightFields(c),
    ...(c.kind === 'GROUP' ? { children: rubricTree(c.children) } : {}),
  }));
}

/** Reads the stored JSON of a rubric; null when it cannot be read. */
export function readRubric(content: string): Rubric | null {
  try {
    const parsed = parseRubric(JSON.parse(content));
    return 'rubric' in parsed ? parsed.rubric : null;
  } catch {
    return null;
  }
}

/** What saving would send, or the problems (in Chinese) the server would refuse it for. */
export function rubricToSave(
  rubric: Rubric,
): { content: string; max: number } | { errors: string[] } {
  const checked = parseRubric(JSON.parse(JSON.stringify(rubric)));
  if ('errors' in checked) return { errors: checked.errors };
  return { content: JSON.stringify(checked.rubric), max: rubricMax(checked.rubric) };
}
