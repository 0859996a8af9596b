import type { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import {
  bureauFacts,
  chinaDateOf,
  computeScore,
  DEFAULT_CITY_RUBRIC,
  DEFAULT_COUNTY_RUBRIC,
  issueTypeLabel,
  rankScores,
  scorecardContent,
  type AdjustmentKind,
  type OrgLevel,
} from '@sunshine/shared/domain';
import { orgIdForCode } from './org-ids';

export interface DemoScorecardsResult {
  rubrics: number;
  adjustments: number;
  published: number;
}

/**
 * 考评 demo data: the province's rubric per level (cities; counties) for last year and this year,
 * a few adjustments (a commendation with its document number, a late annual report, a city's
 * bonus for a county), and last year's final results over the cities published (定档) with the
 * engine and fact rules of `@sunshine/shared/domain`, as the API freezes them. Runs as the owner,
 * after the other demo data.
 */
export async function seedDemoScorecards(
  ds: DataSource,
  provinceCode: string,
  now: Date,
): Promise<DemoScorecardsResult> {
  const provinceId = orgIdForCode(provinceCode);
  const thisYear = Number(chinaDateOf(now).slice(0, 4));
  const lastYear = thisYear - 1;
  const [province] = (await ds.query(`SELECT level FROM organizations WHERE id = $1`, [
    provinceId,
  ])) as Array<{ level: string }>;
  if (province?.level !== 'PROVINCE') return { rubrics: 0, adjustments: 0, published: 0 };

  let rubrics = 0;
  for (const year of [lastYear, thisYear]) {
    for (const [level, rubric] of [
      ['CITY', DEFAULT_CITY_RUBRIC],
      ['COUNTY', DEFAULT_COUNTY_RUBRIC],
    ] as const) {
      await ds.query(
        `INSERT INTO score_rubrics(organization_id, year, level, version, content, note)
         VALUES ($1, $2, $3, 1, $4::jsonb, $5) ON CONFLICT DO NOTHING`,
        [provinceId, year, level, JSON.stringify(rubric), `${year}年度考评细则`],
      );
      rubrics++;
    }
  }

  const city = (code: string): string => orgIdForCode(code);
  const adjustments: Array<
    [string, string, number, number, string, number, string, string | null]
  > = [
    [
      city('3401'),
      provinceId,
      lastYear,
      4,
      'BONUS',
      1,
      '获省政府办公厅政务公开工作通报表扬',
      '皖政办秘〔2024〕12号',
    ],
    [
      city('3402'),
      provinceId,
      lastYear,
      1,
      'DEDUCTION',
      0.5,
      '政府信息公开工作年度报告未按时发布',
      null,
    ],
    [
      city('3403'),
      provinceId,
      thisYear,
      1,
      'BONUS',
      0.5,
      '经验做法被省厅简报刊发',
      '审计简报第8期',
    ],
    [city('3404'), provinceId, thisYear, 1, 'DEDUCTION', 1, '依申请公开超期答复1件', null],
    [
      city('340102'),
      city('3401'),
      lastYear,
      3,
      'BONUS',
      1,
      '市局政务公开工作先进单位',
      '合审办〔2024〕5号',
    ],
  ];
  for (const a of adjustments)
    await ds.query(
      `INSERT INTO score_adjustments(organization_id, assessor_id, year, quarter, kind, points, reason, attachment)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8
       WHERE EXISTS (SELECT 1 FROM organizations WHERE id = $1)
         AND NOT EXISTS (SELECT 1 FROM score_adjustments WHERE organization_id = $1 AND reason = $7)`,
      a,
    );

  const published = await publishLastYear(ds, provinceId, lastYear, now);
  return { rubrics, adjustments: adjustments.length, published };
}

/**
 * The province's final scorecard of `year` over its cities, frozen. Reads the same published
 * views the API reads; no API library is loaded here (the seed is imported by every test file).
 */
async function publishLastYear(
  ds: DataSource,
  provinceId: string,
  year: number,
  now: Date,
): Promise<number> {
  const done = (await ds.query(
    `SELECT 1 FROM published_scorecards WHERE organization_id = $1 AND root_id = $1 AND year = $2 AND quarter = 0`,
    [provinceId, year],
  )) as unknown[];
  if (done.length > 0) return 0;
  const cities = (await ds.query(
    `SELECT id, level FROM org_units WHERE parent_id = $1 ORDER BY code`,
    [provinceId],
  )) as Array<{ id: string; level: OrgLevel }>;
  if (cities.length === 0) return 0;
  const ids = cities.map((c) => c.id);
  const today = chinaDateOf(now);
  const end = `${year}-12-31`;
  const asOf = today < end ? today : end;
  const tasks = (await ds.query(
    `SELECT assignment_id, organization_id, task_number, task_title, weight::float8 AS weight, due_days_after_quarter
     FROM assigned_tasks WHERE organization_id = ANY($1) AND year = $2 AND active AND plan_status IN ('PUBLISHED', 'CLOSED')
     ORDER BY organization_id, task_sort_order, task_number`,
    [ids, year],
  )) as Array<{
    assignment_id: string;
    organization_id: string;
    task_number: string;
    task_title: string;
    weight: number;
    due_days_after_quarter: number | null;
  }>;
  const reports = (await ds.query(
    `SELECT report_id, assignment_id, organization_id, quarter, completion_state, percent, status, late
     FROM report_quarters WHERE organization_id = ANY($1) AND year = $2 ORDER BY organization_id, assignment_id, quarter`,
    [ids, year],
  )) as Array<{
    report_id: string;
    assignment_id: string;
    organization_id: string;
    quarter: number;
    completion_state: string;
    percent: number;
    status: string;
    late: boolean;
  }>;
  const issues = (await ds.query(
    `SELECT issue_id, organization_id, issue_type, description, status, points_deducted::float8 AS points_deducted,
            to_char(deadline, 'YYYY-MM-DD') AS deadline, late, returned_count
     FROM assessment_issue_facts
     WHERE organization_id = ANY($1) AND round_period_end BETWEEN make_date($2, 1, 1) AND $3::date
     ORDER BY organization_id, deadline, issue_id`,
    [ids, year, end],
  )) as Array<{
    issue_id: string;
    organization_id: string;
    issue_type: string;
    description: string;
    status: string;
    points_deducted: number;
    deadline: string;
    late: boolean;
    returned_count: number;
  }>;
  const training = (await ds.query(
    `SELECT organization_id, trainees, person_hours, province_attendees FROM training_bureau_years
     WHERE organization_id = ANY($1) AND year = $2`,
    [ids, year],
  )) as Array<{
    organization_id: string;
    trainees: number;
    person_hours: number;
    province_attendees: number;
  }>;
  const [requirement] = (await ds.query(
    `SELECT min_province_attendees, min_hours::float8 AS min_hours FROM training_requirement_levels
     WHERE year = $1 AND level = 'CITY' ORDER BY updated_at LIMIT 1`,
    [year],
  )) as Array<{ min_province_attendees: number; min_hours: number }>;
  const adjustments = (await ds.query(
    `SELECT id, organization_id, kind, points::float8 AS points, reason, attachment FROM score_adjustments
     WHERE assessor_id = $1 AND organization_id = ANY($2) AND year = $3 ORDER BY created_at, id`,
    [provinceId, ids, year],
  )) as Array<{
    id: string;
    organization_id: string;
    kind: AdjustmentKind;
    points: number;
    reason: string;
    attachment: string | null;
  }>;

  const rubric = DEFAULT_CITY_RUBRIC;
  const bureaus = cities.map((c) => {
    const facts = bureauFacts({
      year,
      uptoQuarter: 4,
      today,
      asOf,
      tasks: tasks
        .filter((t) => t.organization_id === c.id)
        .map((t) => ({
          assignmentId: t.assignment_id,
          taskNumber: t.task_number,
          taskTitle: t.task_title,
          weight: t.weight,
          dueDaysAfterQuarter: t.due_days_after_quarter,
        })),
      reports: reports
        .filter((r) => r.organization_id === c.id)
        .map((r) => ({
          reportId: r.report_id,
          assignmentId: r.assignment_id,
          quarter: r.quarter,
          completionState: r.completion_state,
          percent: r.percent,
          status: r.status,
          late: r.late,
        })),
      issues: issues
        .filter((i) => i.organization_id === c.id)
        .map((i) => ({
          issueId: i.issue_id,
          issueType: i.issue_type,
          issueTypeLabel: issueTypeLabel(i.issue_type),
          description: i.description,
          status: i.status,
          pointsDeducted: i.points_deducted,
          deadline: i.deadline,
          late: i.late,
          returnedCount: i.returned_count,
        })),
      training:
        training
          .filter((t) => t.organization_id === c.id)
          .map((t) => ({
            trainees: t.trainees,
            personHours: t.person_hours,
            provinceAttendees: t.province_attendees,
          }))[0] ?? null,
      requirement: requirement
        ? {
            level: c.level,
            minProvinceAttendees: requirement.min_province_attendees,
            minHours: requirement.min_hours,
          }
        : undefined,
      adjustments: adjustments
        .filter((a) => a.organization_id === c.id)
        .map((a) => ({
          id: a.id,
          kind: a.kind,
          points: a.points,
          reason: a.reason,
          attachment: a.attachment,
        })),
    });
    return { organizationId: c.id, facts, result: computeScore(rubric, facts) };
  });
  const ranks = rankScores(bureaus.map((b) => b.result));
  const hash = createHash('sha256')
    .update(scorecardContent({ assessorId: provinceId, year, quarter: 0, rubric, bureaus }))
    .digest('hex');
  const [rubricRow] = (await ds.query(
    `SELECT id, version FROM score_rubrics WHERE organization_id = $1 AND year = $2 AND level = 'CITY' ORDER BY version DESC LIMIT 1`,
    [provinceId, year],
  )) as Array<{ id: string; version: number }>;
  await ds.transaction(async (m) => {
    const [card] = (await m.query(
      `INSERT INTO published_scorecards(organization_id, root_id, year, quarter, level, revision, rubric, rubric_id,
         rubric_version, as_of, content_hash, note)
       VALUES ($1, $1, $2, 0, 'CITY', 1, $3::jsonb, $4, $5, $6, $7, $8) RETURNING id`,
      [
        provinceId,
        year,
        JSON.stringify(rubric),
        rubricRow?.id ?? null,
        rubricRow?.version ?? 0,
        asOf,
        hash,
        `${year}年度考评结果（演示）`,
      ],
    )) as Array<{ id: string }>;
    await m.query(
      `INSERT INTO published_scorecard_results(scorecard_id, publisher_id, organization_id, score, grade, vetoed,
         rank, peers, change, facts, result)
       SELECT $1, $2, x.organization_id, x.score, x.grade, x.vetoed, x.rank, $3, NULL, x.facts, x.result
       FROM jsonb_to_recordset($4::jsonb) AS x(organization_id uuid, score numeric, grade text, vetoed boolean,
         rank int, facts jsonb, result jsonb)`,
      [
        card!.id,
        provinceId,
        bureaus.length,
        JSON.stringify(
          bureaus.map((b, i) => ({
            organization_id: b.organizationId,
            score: b.result.score,
            grade: b.result.grade,
            vetoed: b.result.vetoed,
            rank: ranks[i],
            facts: b.facts,
            result: b.result,
          })),
        ),
      ],
    );
  });
  return 1;
}
