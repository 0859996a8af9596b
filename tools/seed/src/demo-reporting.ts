import type { DataSource, EntityManager } from 'typeorm';
import {
  buildSampleChecklist,
  parseChecklistWorkbook,
  type ParsedTask,
} from '@sunshine/api/plan-excel';
import {
  chinaDayBounds,
  CompletionState,
  deadlineDueDate,
  quarterKey,
  quarterOf,
  quartersOfYear,
  ReportingCalendar,
  ReportStatus,
  type Quarter,
} from '@sunshine/shared/domain';
import { orgIdForCode } from './org-ids';
import { pick, seededRandom } from './random';

export interface DemoReportingResult {
  plans: number;
  tasks: number;
  assignments: number;
  reports: number;
}

interface AssignmentRow {
  id: string;
  organization_id: string;
  code: string;
  level: string;
  task_id: string;
  due_date: string;
  number: string;
  year: number;
}

/** Last year's list differs a little: a few tasks dropped, some reworded, weights kept to 100. */
function previousYearTasks(tasks: ParsedTask[]): ParsedTask[] {
  return tasks
    .filter((_, i) => i % 16 !== 7)
    .map((t, i) =>
      i % 9 === 4 ? { ...t, title: t.title.replace(/进一步|持续|全面/, '') || t.title } : t,
    );
}

/** What the seed needs of a connection: a DataSource or a transaction's EntityManager. */
type Db = Pick<EntityManager, 'query'>;

async function insertPlan(
  ds: Db,
  provinceId: string,
  year: number,
  title: string,
  categories: Array<{ name: string; order: number }>,
  tasks: ParsedTask[],
  publishedAt: Date,
): Promise<{ planId: string; assignments: number }> {
  const [plan] = (await ds.query(
    `INSERT INTO plans(organization_id, year, title, status, published_at) VALUES ($1, $2, $3, 'PUBLISHED', $4) RETURNING id`,
    [provinceId, year, title, publishedAt],
  )) as Array<{ id: string }>;
  if (!plan) throw new Error('INSERT INTO plans returned no row');
  const catIds = new Map<string, string>();
  for (const c of categories) {
    const [row] = (await ds.query(
      'INSERT INTO plan_categories(plan_id, organization_id, name, sort_order) VALUES ($1, $2, $3, $4) RETURNING id',
      [plan.id, provinceId, c.name, c.order],
    )) as Array<{ id: string }>;
    if (!row) throw new Error('INSERT INTO plan_categories returned no row');
    catIds.set(c.name, row.id);
  }
  await ds.query(
    `INSERT INTO plan_tasks(plan_id, category_id, organization_id, number, title, description, lead_departments,
       cooperating_departments, deadline, deadline_text, due_date, levels, weight, evidence, sort_order, target_value, target_unit)
     SELECT $1, c, $2, n, ti, d, string_to_array(ld, '|'), string_to_array(cd, '|'), dl::jsonb, dt, dd::date,
            string_to_array(lv, '|'), w, ev, so, tv, tu
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                 $11::text[], $12::text[], $13::numeric[], $14::text[], $15::int[], $16::numeric[], $17::text[])
          AS x(c, n, ti, d, ld, cd, dl, dt, dd, lv, w, ev, so, tv, tu)`,
    [
      plan.id,
      provinceId,
      tasks.map((t) => catIds.get(t.categoryName)),
      tasks.map((t) => t.number),
      tasks.map((t) => t.title),
      tasks.map((t) => t.description),
      tasks.map((t) => t.leadDepartments.join('|')),
      tasks.map((t) => t.cooperatingDepartments.join('|')),
      tasks.map((t) => JSON.stringify(t.deadline)),
      tasks.map((t) => t.deadlineText),
      tasks.map((t) => deadlineDueDate(t.deadline, year)),
      tasks.map((t) => t.levels.join('|')),
      tasks.map((t) => t.weight),
      tasks.map((t) => t.evidence),
      tasks.map((_, i) => i + 1),
      tasks.map((t) => t.target?.value ?? null),
      tasks.map((t) => t.target?.unit ?? null),
    ],
  );
  const res = (await ds.query(
    `INSERT INTO assignments(plan_id, task_id, organization_id, year, created_at)
     SELECT t.plan_id, t.id, o.id, $2, $4
     FROM plan_tasks t
     JOIN org_closure c ON c.ancestor_id = $3 AND c.depth > 0
     JOIN organizations o ON o.id = c.descendant_id AND o.level = ANY (t.levels)
     WHERE t.plan_id = $1 RETURNING id`,
    [plan.id, year, provinceId, publishedAt],
  )) as unknown[];
  return { planId: plan.id, assignments: res.length };
}

/**
 * Plans for the clock's year and the year before, published to the whole province, with quarterly
 * reports: last year complete, this year every ended quarter plus the open one in progress.
 * Deterministic for a given clock. Runs as the owner.
 */
export interface DemoReportingOptions {
  /** How many years of plans and reports, up to the clock's year (2: last year and this one). */
  years?: number;
  /** ANALYZE afterwards (default); a seed of many provinces analyses once at the end. */
  analyze?: boolean;
}

/** The sample checklist of a year, parsed once per process (a national seed uses it 31 times). */
const sampleChecklists = new Map<
  number,
  Promise<{ categories: Array<{ name: string; order: number }>; tasks: ParsedTask[] }>
>();
function sampleChecklist(
  year: number,
): Promise<{ categories: Array<{ name: string; order: number }>; tasks: ParsedTask[] }> {
  let cached = sampleChecklists.get(year);
  if (!cached) {
    cached = (async () => {
      const parsed = await parseChecklistWorkbook(await buildSampleChecklist(year), {
        planYear: year,
      });
      if (!parsed.ok)
        throw new Error(
          `sample checklist does not parse: ${JSON.stringify(parsed.errors.slice(0, 3))}`,
        );
      return { categories: parsed.categories, tasks: parsed.tasks };
    })();
    sampleChecklists.set(year, cached);
  }
  return cached;
}

/**
 * The bulk load runs in one transaction with reporting's figure triggers (`report_figures_*`, see
 * its migration) off, and recomputes the figures of every bureau it loaded once at the end, in the
 * same transaction: per-statement recomputation would cost more than the load itself.
 */
export async function seedDemoReporting(
  ds: DataSource,
  provinceCode: string,
  now: Date,
  options: DemoReportingOptions = {},
): Promise<DemoReportingResult> {
  const result = await ds.transaction(async (m) => {
    const tables = ['assignments', 'progress_reports', 'assignment_completion'];
    for (const t of tables) await m.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
    const r = await loadReporting(m, provinceCode, now, options);
    await m.query(
      `SELECT report_figures_refresh(array_agg(organization_id), array_agg(year))
       FROM (SELECT DISTINCT organization_id, year FROM assignments WHERE plan_id = ANY($1::uuid[]) AND active) k`,
      [r.planIds],
    );
    for (const t of tables) await m.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    return r.result;
  });
  // Fresh statistics, or the planner guesses one row per table and picks nested loops; the
  // figures' visibility map, or the overview's index-only scans read the heap as well.
  if (options.analyze ?? true) {
    await ds.query('VACUUM report_figures');
    await ds.query('ANALYZE');
  }
  return result;
}

async function loadReporting(
  ds: Db,
  provinceCode: string,
  now: Date,
  options: DemoReportingOptions,
): Promise<{ result: DemoReportingResult; planIds: string[] }> {
  const provinceId = orgIdForCode(provinceCode);
  const current = quarterOf(now);
  const thisYear = current.year;
  const years = Array.from(
    { length: Math.max(1, options.years ?? 2) },
    (_, i) => thisYear - i,
  ).reverse();
  let tasks = 0;
  let assignments = 0;
  const planIds: string[] = [];
  for (const year of years) {
    const parsed = await sampleChecklist(year);
    const list = year < thisYear ? previousYearTasks(parsed.tasks) : parsed.tasks;
    const title = `${year}年全省审计机关政务公开重点工作任务分工`;
    const inserted = await insertPlan(
      ds,
      provinceId,
      year,
      title,
      parsed.categories,
      list,
      new Date(Date.UTC(year, 1, 20, 2)),
    );
    planIds.push(inserted.planId);
    assignments += inserted.assignments;
    tasks += list.length;
  }
  const rows = (await ds.query(
    `SELECT a.id, a.organization_id, o.code, o.level, a.task_id, to_char(t.due_date, 'YYYY-MM-DD') AS due_date, t.number, a.year
     FROM assignments a JOIN organizations o ON o.id = a.organization_id JOIN plan_tasks t ON t.id = a.task_id
     WHERE a.plan_id = ANY($1::uuid[])
     ORDER BY a.year, o.code, t.sort_order`,
    [planIds],
  )) as AssignmentRow[];

  // How diligent each bureau is: cities vary, and counties follow their city with their own spread.
  const diligence = new Map<string, number>();
  const bureau = (code: string): number => {
    let d = diligence.get(code);
    if (d === undefined) {
      const r = seededRandom(`diligence:${code}`);
      const parent = code.length > 4 ? bureau(code.slice(0, 4)) : 0.55 + r() * 0.4;
      d = code.length > 4 ? Math.min(0.98, Math.max(0.3, parent + (r() - 0.5) * 0.35)) : parent;
      diligence.set(code, d);
    }
    return d;
  };

  const cols = {
    assignment: [] as string[],
    org: [] as string[],
    task: [] as string[],
    year: [] as number[],
    quarter: [] as number[],
    state: [] as string[],
    percent: [] as number[],
    narrative: [] as string[],
    problems: [] as string[],
    next: [] as string[],
    status: [] as string[],
    due: [] as string[],
    late: [] as boolean[],
    submitted: [] as Array<Date | null>,
    approved: [] as Array<Date | null>,
    accepted: [] as Array<Date | null>,
    returnedReason: [] as Array<string | null>,
    updated: [] as Date[],
  };
  const completedKey = new Map<string, number>();
  const nowMs = now.getTime();
  const calendar = ReportingCalendar.forPlan(null); // the demo plans keep the default window

  for (const a of rows) {
    const d = bureau(a.code);
    const r = seededRandom(`report:${a.year}:${a.code}:${a.number}`);
    const taskDue = a.due_date;
    const quarters = quartersOfYear(a.year).filter(
      (q) => q.year < current.year || q.quarter <= current.quarter,
    );
    // The quarter in which this bureau finishes the task (if it does this year).
    const dueQ = quarterOf(taskDue).quarter;
    const finishQ =
      r() < d ? Math.max(1, Math.min(4, dueQ + (r() < d ? 0 : 1) - (r() < 0.25 ? 1 : 0))) : 5;
    for (const q of quarters) {
      const isOpen = q.year === current.year && q.quarter === current.quarter;
      const due = calendar.dueDate(q);
      const dueEnd = chinaDayBounds(due).end.getTime();
      if (isOpen && r() > 0.55) continue; // not started yet in the open quarter
      if (!isOpen && r() > 0.35 + d * 0.65) continue; // missing report
      const completed = q.quarter >= finishQ;
      const state = completed
        ? CompletionState.COMPLETED
        : r() < 0.06
          ? CompletionState.BLOCKED
          : q.quarter === 1 && r() < 0.2
            ? CompletionState.NOT_STARTED
            : CompletionState.IN_PROGRESS;
      const percent =
        state === CompletionState.COMPLETED
          ? 100
          : state === CompletionState.NOT_STARTED
            ? 0
            : Math.min(95, Math.round((q.quarter / Math.max(finishQ, 4)) * 80 + r() * 15));
      let status: ReportStatus = ReportStatus.ACCEPTED;
      let returnedReason: string | null = null;
      const roll = r();
      if (isOpen)
        status =
          roll < 0.6
            ? ReportStatus.DRAFT
            : roll < 0.85
              ? ReportStatus.SUBMITTED
              : ReportStatus.APPROVED;
      // Sent back in this year or last; two and more years ago every report was settled (the
      // history benchmark's older years carry no open work the present ones do not).
      else if (roll < 0.04 && q.year >= current.year - 1) {
        status = ReportStatus.DRAFT;
        returnedReason = pick(
          [
            '佐证材料不完整，请补充公开网页链接',
            '进展情况表述过于笼统，请补充具体数据',
            '完成进度与佐证材料不符，请核实',
          ],
          r,
        );
      } else if (roll < 0.1 && q.year === current.year) status = ReportStatus.APPROVED;
      else if (roll < 0.13 && q.year === current.year) status = ReportStatus.SUBMITTED;
      const lateSubmit = !isOpen && status !== ReportStatus.DRAFT && r() > 0.55 + d * 0.45;
      const submittedAt =
        status === ReportStatus.DRAFT
          ? null
          : new Date(
              Math.min(
                nowMs - 3_600_000,
                lateSubmit
                  ? dueEnd + (1 + r() * 15) * 86_400_000
                  : dueEnd - (1 + r() * 9) * 86_400_000 - 4 * 3_600_000,
              ),
            );
      const approvedAt =
        submittedAt && status !== ReportStatus.SUBMITTED
          ? new Date(Math.min(nowMs - 1_800_000, submittedAt.getTime() + (0.2 + r()) * 86_400_000))
          : null;
      const acceptedAt =
        approvedAt && status === ReportStatus.ACCEPTED
          ? new Date(Math.min(nowMs - 600_000, approvedAt.getTime() + (1 + r() * 6) * 86_400_000))
          : null;
      if (status === ReportStatus.ACCEPTED && state === CompletionState.COMPLETED) {
        const key = quarterKey(q);
        completedKey.set(a.id, Math.min(completedKey.get(a.id) ?? key, key));
      }
      cols.assignment.push(a.id);
      cols.org.push(a.organization_id);
      cols.task.push(a.task_id);
      cols.year.push(q.year);
      cols.quarter.push(q.quarter);
      cols.state.push(state);
      cols.percent.push(percent);
      cols.narrative.push(narrativeFor(state, percent, q, r));
      cols.problems.push(
        state === CompletionState.BLOCKED
          ? '相关业务处室配合不够，信息发布审核流程较长。'
          : r() < 0.3
            ? '基层人员力量不足，栏目内容更新频次有待提高。'
            : '',
      );
      cols.next.push(
        state === CompletionState.COMPLETED
          ? '持续做好日常维护，确保信息及时更新。'
          : '加快推进，按时限要求完成任务。',
      );
      cols.status.push(status);
      cols.due.push(due);
      cols.late.push(lateSubmit);
      cols.submitted.push(submittedAt);
      cols.approved.push(approvedAt);
      cols.accepted.push(acceptedAt);
      cols.returnedReason.push(returnedReason);
      cols.updated.push(
        acceptedAt ??
          approvedAt ??
          submittedAt ??
          new Date(Math.min(nowMs, dueEnd - 12 * 86_400_000)),
      );
    }
  }

  const total = cols.assignment.length;
  for (let i = 0; i < total; i += 5000) {
    const s = (arr: unknown[]): unknown[] => arr.slice(i, i + 5000);
    await ds.query(
      `INSERT INTO progress_reports(assignment_id, organization_id, plan_id, task_id, year, quarter, completion_state, percent,
         narrative, problems, next_steps, status, due_date, late, submitted_at, approved_at, accepted_at,
         returned_stage, returned_reason, returned_at, submitted_by, approved_by, accepted_by, created_at, updated_at)
       SELECT x.a, x.o, a.plan_id, x.t, x.y, x.q, x.st, x.p, x.n, x.pr, x.nx, x.s, x.d::date, x.l, x.sa, x.aa, x.ca,
              CASE WHEN x.rr IS NULL THEN NULL ELSE 'OVERSEER' END, x.rr, CASE WHEN x.rr IS NULL THEN NULL ELSE x.u END,
              CASE WHEN x.sa IS NULL THEN NULL ELSE ed.id END, CASE WHEN x.aa IS NULL THEN NULL ELSE rv.id END,
              CASE WHEN x.ca IS NULL THEN NULL ELSE ad.id END, x.u - interval '3 days', x.u
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::int[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::text[], $13::bool[], $14::timestamptz[], $15::timestamptz[], $16::timestamptz[],
                   $17::text[], $18::timestamptz[])
            AS x(a, o, t, y, q, st, p, n, pr, nx, s, d, l, sa, aa, ca, rr, u)
       JOIN assignments a ON a.id = x.a
       JOIN organizations org ON org.id = x.o
       LEFT JOIN organizations par ON par.id = org.parent_id
       LEFT JOIN users ed ON ed.username = org.code || '-editor'
       LEFT JOIN users rv ON rv.username = org.code || '-reviewer'
       LEFT JOIN users ad ON ad.username = par.code || '-admin'`,
      [
        s(cols.assignment),
        s(cols.org),
        s(cols.task),
        s(cols.year),
        s(cols.quarter),
        s(cols.state),
        s(cols.percent),
        s(cols.narrative),
        s(cols.problems),
        s(cols.next),
        s(cols.status),
        s(cols.due),
        s(cols.late),
        s(cols.submitted),
        s(cols.approved),
        s(cols.accepted),
        s(cols.returnedReason),
        s(cols.updated),
      ],
    );
  }
  // History rows from the timestamps, and the completion rollup.
  await ds.query(
    `
    INSERT INTO report_events(report_id, organization_id, action, from_status, to_status, user_id, username, actor_organization_id, comment, created_at)
    SELECT r.id, r.organization_id, e.action, e.from_s, e.to_s, u.id, u.username, u.organization_id, e.comment, e.at
    FROM progress_reports r
    CROSS JOIN LATERAL (VALUES
      ('SUBMIT', 'DRAFT', 'SUBMITTED', r.submitted_at, r.submitted_by, NULL::text),
      ('APPROVE', 'SUBMITTED', 'APPROVED', r.approved_at, r.approved_by, NULL),
      ('ACCEPT', 'APPROVED', 'ACCEPTED', r.accepted_at, r.accepted_by, NULL),
      ('RETURN', 'APPROVED', 'DRAFT', r.returned_at, NULL, r.returned_reason)
    ) AS e(action, from_s, to_s, at, by_user, comment)
    LEFT JOIN users u ON u.id = e.by_user
    WHERE e.at IS NOT NULL AND r.plan_id = ANY($1::uuid[])`,
    [planIds],
  );
  const keys = [...completedKey];
  await ds.query(
    `INSERT INTO assignment_completion(assignment_id, organization_id, completed_key)
     SELECT a.id, a.organization_id, x.k FROM unnest($1::uuid[], $2::int[]) AS x(id, k) JOIN assignments a ON a.id = x.id`,
    [keys.map(([id]) => id), keys.map(([, k]) => k)],
  );
  return { result: { plans: years.length, tasks, assignments, reports: total }, planIds };
}

function narrativeFor(
  state: CompletionState,
  percent: number,
  q: Quarter,
  r: () => number,
): string {
  const label = `${q.year}年第${'一二三四'[q.quarter - 1]}季度`;
  const n = 3 + Math.floor(r() * 20);
  switch (state) {
    case CompletionState.COMPLETED:
      return `${label}已完成该项任务，在门户网站“政府信息公开”专栏发布相关信息 ${n} 条，并同步在政务新媒体转载。`;
    case CompletionState.BLOCKED:
      return `${label}工作推进受阻，已完成约 ${percent}%，正在协调相关处室。`;
    case CompletionState.NOT_STARTED:
      return `${label}已制定工作方案，尚未正式启动。`;
    default:
      return `${label}按计划推进，完成进度约 ${percent}%，累计发布信息 ${n} 条。`;
  }
}
