/** Quick filters of a bureau's task list on the overview. */
export type TaskFilter = 'all' | 'missing' | 'reported' | 'accepted';

interface WithReport {
  report: { status: string } | null;
}

function matches(item: WithReport, filter: TaskFilter): boolean {
  const status = item.report?.status ?? null;
  switch (filter) {
    case 'all':
      return true;
    case 'missing':
      return status === null || status === 'DRAFT';
    case 'reported':
      return status === 'SUBMITTED' || status === 'APPROVED' || status === 'ACCEPTED';
    case 'accepted':
      return status === 'ACCEPTED';
  }
}

export function filterTasks<T extends WithReport>(items: readonly T[], filter: TaskFilter): T[] {
  return items.filter((i) => matches(i, filter));
}

export function taskFilterCounts(items: readonly WithReport[]): Record<TaskFilter, number> {
  return {
    all: items.length,
    missing: items.filter((i) => matches(i, 'missing')).length,
    reported: items.filter((i) => matches(i, 'reported')).length,
    accepted: items.filter((i) => matches(i, 'accepted')).length,
  };
}
