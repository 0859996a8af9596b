import type { DataSource } from 'typeorm';
import {
  ANNUAL_FORMAT_2021,
  DEFAULT_OTHER_SECTION,
  NO_APPLICATIONS_SENTENCE,
  carriedInFromPrevious,
  checkAnnualReport,
  failingRules,
  zeroAnnualValues,
} from '@sunshine/shared/domain';
import { seededRandom } from './random';

/**
 * Demo annual disclosure reports (政府信息公开工作年度报告). Last year's for every bureau: accepted
 * by the overseer (the province's own approved; it has no overseer here), most tables all zero,
 * a few bureaus with 1–3 applications, one with a reconsideration, a few submitted late. This
 * year's in progress: some drafts, a few submitted or approved, and one draft (庐阳区) whose 表三
 * does not balance, to show the checks. Deterministic for a given clock. Owner connection.
 */

interface Org {
  id: string;
  code: string;
  name: string;
  level: string;
  parent_id: string | null;
}

type Values = Record<string, number>;

const BROKEN_DRAFT_CODE = '340103';
const RECONSIDERATION_CODE = '3402';

/** `n` applications by natural persons (one by a business when n = 3), handled as the numbers allow. */
function applications(n: number, carriedIn: Values, carryOut: boolean): Values {
  const v: Values = { ...zeroAnnualValues(ANNUAL_FORMAT_2021), ...carriedIn };
  const add = (row: string, col: string, k = 1): void => {
    v[`t3.${row}.${col}`] = (v[`t3.${row}.${col}`] ?? 0) + k;
    v[`t3.${row}.total`] = (v[`t3.${row}.total`] ?? 0) + k;
  };
  const outcomes = ['disclosed', 'unavailable1', 'partial', 'rejected1'];
  for (let i = 0; i < n; i++) {
    const col = i === 2 ? 'business' : 'natural';
    add('received', col);
    if (carryOut && i === n - 1) add('carriedOut', col);
    else {
      add(outcomes[i % outcomes.length]!, col);
      add('resultTotal', col);
    }
  }
  // Last year's carried-over applications are handled this year (予以公开).
  for (const col of ['natural', 'business']) {
    const k = carriedIn[`t3.carriedIn.${col}`] ?? 0;
    if (k > 0) {
      add('disclosed', col, k);
      add('resultTotal', col, k);
    }
  }
  return v;
}

function overview(org: Org, year: number, v: Values): string {
  const received = v['t3.received.total'] ?? 0;
  const intro = `${year}年，${org.name}深入贯彻《中华人民共和国政府信息公开条例》，围绕审计工作主责主业，持续做好审计结果公告、审计整改情况和财政预决算等信息的主动公开。`;
  const apps =
    received === 0
      ? NO_APPLICATIONS_SENTENCE
      : `本年度共收到政府信息公开申请${received}件，均在法定期限内答复。`;
  const review =
    (v['t4.reconsideration.total'] ?? 0) > 0
      ? `发生政府信息公开行政复议${v['t4.reconsideration.total']}件。`
      : '未发生政府信息公开行政复议、行政诉讼。';
  return `${intro}${apps}${review}`;
}

const PROBLEMS =
  '一是主动公开的深度和解读的针对性还需加强；二是政府网站部分栏目更新不够及时。下一步，我们将加强审计结果公告的解读，完善栏目更新机制。';

export interface DemoAnnualReportsResult {
  lastYear: number;
  thisYear: number;
}

export async function seedDemoAnnualReports(
  ds: DataSource,
  provinceCode: string,
  now: Date,
): Promise<DemoAnnualReportsResult> {
  const thisYear = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const lastYear = thisYear - 1;
  const random = seededRandom(`annual-reports-${thisYear}`);
  const orgs = (await ds.query(
    `SELECT id, code, name, level, parent_id FROM organizations WHERE code LIKE $1 || '%' ORDER BY code`,
    [provinceCode],
  )) as Org[];
  const rows: unknown[][] = [];
  const last = new Map<string, Values>();
  const deadline = Date.parse(`${lastYear + 1}-01-31T16:00:00Z`);
  const at = (days: number): Date => new Date(deadline + days * 86_400_000);

  for (const org of orgs) {
    const r = random();
    // Most bureaus receive nothing; about one in eight 1–3 applications; a few carry one over.
    const n = org.code === RECONSIDERATION_CODE ? 2 : r < 0.12 ? 1 + Math.floor(random() * 3) : 0;
    const v = applications(n, {}, n > 0 && random() < 0.25);
    if (org.code === RECONSIDERATION_CODE) {
      v['t4.reconsideration.upheld'] = 1;
      v['t4.reconsideration.total'] = 1;
    }
    if (org.level !== 'COUNTY') v['t2.normative.inForce'] = Math.floor(random() * 3);
    last.set(org.id, v);
    const late = random() < 0.06;
    const submitted = at(late ? 2 + Math.floor(random() * 10) : -(3 + Math.floor(random() * 20)));
    const top = org.parent_id === null;
    rows.push([
      org.id,
      lastYear,
      top ? 'APPROVED' : 'ACCEPTED',
      overview(org, lastYear, v),
      PROBLEMS,
      DEFAULT_OTHER_SECTION,
      v,
      [],
      submitted,
      top ? null : new Date(submitted.getTime() + 3 * 86_400_000),
    ]);
  }

  // This year: nobody is late yet (the deadline is 31 January next year); work is under way.
  for (const org of orgs) {
    const prefill = carriedInFromPrevious(ANNUAL_FORMAT_2021, last.get(org.id) ?? {});
    const broken = org.code === BROKEN_DRAFT_CODE;
    const r = random();
    if (!broken && r > 0.35) continue;
    const n = broken ? 2 : random() < 0.15 ? 1 : 0;
    const v = applications(n, prefill, false);
    if (broken) v['t3.resultTotal.natural'] = (v['t3.resultTotal.natural'] ?? 0) - 1;
    const status = broken || r > 0.2 ? 'DRAFT' : r > 0.08 ? 'SUBMITTED' : 'APPROVED';
    const failing = failingRules(
      checkAnnualReport({
        format: ANNUAL_FORMAT_2021,
        values: v,
        previous: last.get(org.id) ?? null,
      }),
    ).map((c) => c.rule);
    const submitted =
      status === 'DRAFT' ? null : new Date(now.getTime() - Math.floor(random() * 5) * 86_400_000);
    rows.push([
      org.id,
      thisYear,
      status,
      overview(org, thisYear, v),
      '',
      DEFAULT_OTHER_SECTION,
      v,
      failing,
      submitted,
      null,
    ]);
  }

  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const params: unknown[] = [];
    const values = chunk.map((row, j) => {
      const [orgId, year, status, ov, pr, ot, cells, failing, submitted, accepted] = row;
      params.push(
        orgId,
        year,
        status,
        ov,
        pr,
        ot,
        JSON.stringify(cells),
        failing,
        submitted,
        accepted,
      );
      const o = j * 10;
      return `($${o + 1}::uuid, $${o + 2}::int, '${ANNUAL_FORMAT_2021.version}', $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6},
        $${o + 7}::jsonb, $${o + 8}::text[], $${o + 9}::timestamptz, $${o + 10}::timestamptz)`;
    });
    await ds.query(
      `INSERT INTO annual_reports(organization_id, year, format_version, status, overview, problems, other,
         cells, failing_rules, first_submitted_at, accepted_at)
       VALUES ${values.join(',')}
       ON CONFLICT (organization_id, year) DO NOTHING`,
      params,
    );
  }
  await ds.query(
    `UPDATE annual_reports SET submitted_at = first_submitted_at,
       approved_at = CASE WHEN status IN ('APPROVED', 'ACCEPTED') THEN first_submitted_at + interval '1 day' END,
       version = CASE status WHEN 'DRAFT' THEN 1 WHEN 'SUBMITTED' THEN 2 WHEN 'APPROVED' THEN 3 ELSE 4 END
     WHERE year IN ($1, $2) AND submitted_at IS NULL`,
    [lastYear, thisYear],
  );
  // The trail of each report, named after the demo accounts that would have acted.
  await ds.query(
    `INSERT INTO annual_report_events(report_id, organization_id, action, from_status, to_status, actor_name, at)
     SELECT r.id, r.organization_id, e.action, e.from_status, e.to_status, e.actor, e.at
     FROM annual_reports r JOIN organizations o ON o.id = r.organization_id
     LEFT JOIN organizations p ON p.id = o.parent_id
     CROSS JOIN LATERAL (VALUES
       ('SAVE', 'DRAFT', 'DRAFT', o.code || '-editor', COALESCE(r.first_submitted_at, now()) - interval '2 days', true),
       ('SUBMIT', 'DRAFT', 'SUBMITTED', o.code || '-editor', r.first_submitted_at, r.first_submitted_at IS NOT NULL),
       ('APPROVE', 'SUBMITTED', 'APPROVED', o.code || '-reviewer', r.approved_at, r.approved_at IS NOT NULL),
       ('ACCEPT', 'APPROVED', 'ACCEPTED', COALESCE(p.code, '') || '-reviewer', r.accepted_at, r.accepted_at IS NOT NULL)
     ) AS e(action, from_status, to_status, actor, at, happened)
     WHERE r.year IN ($1, $2) AND e.happened
       AND NOT EXISTS (SELECT 1 FROM annual_report_events x WHERE x.report_id = r.id)`,
    [lastYear, thisYear],
  );
  return { lastYear, thisYear };
}
