import type { DataSource } from 'typeorm';
import { chinaDateOf, type AssessmentIssueType } from '@sunshine/shared/domain';
import {
  DEFAULT_DEMO_SITE,
  demoColumnLocation,
  demoRectificationLink,
  demoSitePage,
} from './demo-links';
import { orgIdForCode } from './org-ids';
import { pick, seededRandom } from './random';

export interface DemoAssessmentsResult {
  rounds: number;
  issues: number;
}

/** First-level indicators of a real third-party scheme (100 points) with a few second-level ones. */
const INDICATORS: Array<[string, string, number, string[]]> = [
  ['1', '依申请公开', 20, ['受理渠道畅通', '答复规范及时']],
  ['2', '年度报告', 15, ['按时发布', '内容格式规范']],
  ['3', '目录建设', 12, ['公开指南', '公开目录']],
  ['4', '规范性文件', 10, ['有效性标注', '立改废情况']],
  ['5', '政策解读', 10, ['同步解读', '解读形式']],
  ['6', '舆情回应', 8, ['留言办理']],
  ['7', '两微一端', 6, ['更新频率']],
  ['8', '财政预决算', 5, ['预决算公开']],
  ['9', '权责清单', 5, ['清单动态调整']],
  ['10', '重点领域', 5, ['审计结果公告', '整改情况']],
  ['11', '工作要点', 4, ['要点落实']],
];

/** Issue types, their weight in a realistic list, the indicator they fall under and what is written. */
const TYPES: Array<[AssessmentIssueType, number, string, string[], string]> = [
  [
    'COLUMN_NOT_UPDATED',
    14,
    '3.2',
    ['“工作动态”栏目超过3个月未更新', '“通知公告”栏目最近一条信息发布于半年前'],
    '政务公开-工作动态',
  ],
  [
    'EMPTY_COLUMN',
    10,
    '3.2',
    ['“法定主动公开内容”下“行政处罚”子栏目为空白'],
    '政务公开-法定主动公开内容',
  ],
  [
    'BROKEN_LINK',
    9,
    '3.2',
    ['“机构职能”页面链接无法打开（404）', '首页“政策文件”入口指向错误页面'],
    'URL',
  ],
  [
    'TYPO_SENSITIVE',
    6,
    '3.2',
    ['信息中存在错别字：“审计整该”', '领导姓名与职务表述错误'],
    '政务公开-工作动态',
  ],
  ['NO_INTERPRETATION', 9, '5.1', ['规范性文件发布后未同步发布解读材料'], '政策法规-政策解读'],
  [
    'CONSULTATION_INCOMPLETE',
    4,
    '5.2',
    ['意见征集未公开起草说明，征集结束后未公开采纳情况'],
    '政民互动-意见征集',
  ],
  [
    'NO_VALIDITY_MARK',
    7,
    '4.1',
    ['规范性文件未标注有效性', '已废止文件未标注失效'],
    '政策法规-规范性文件立改废',
  ],
  [
    'ANNUAL_REPORT',
    8,
    '2.2',
    ['政府信息公开工作年度报告未按新模板编制', '年度报告表三数据勾稽不平'],
    '政务公开-年度报告',
  ],
  ['AUDIT_RESULT_MISSING', 5, '10.1', ['未公开本级预算执行审计结果公告'], '重点领域-审计结果公告'],
  [
    'RECTIFICATION_UNDISCLOSED',
    5,
    '10.2',
    ['审计查出问题整改情况未按要求公开'],
    '重点领域-审计整改',
  ],
  [
    'APPLICATION_LATE',
    4,
    '1.2',
    ['依申请公开答复书未告知救济途径', '依申请公开超期答复'],
    '依申请公开',
  ],
  ['GUIDE_OUTDATED', 6, '3.1', ['政府信息公开指南未根据机构改革更新'], '政务公开-公开指南'],
  ['PRIVACY_EXPOSED', 2, '3.2', ['公示信息中含有完整身份证号码'], '政务公开-公示公告'],
  ['SEARCH_BROKEN', 2, '3.2', ['站内搜索无法检索到已公开的规范性文件'], '网站-站内搜索'],
  ['NEW_MEDIA_DORMANT', 4, '7.1', ['政务微信公众号超过2周未更新'], '两微一端'],
  ['MESSAGES_UNANSWERED', 3, '6.1', ['“局长信箱”留言超过10个工作日未回复'], '政民互动-局长信箱'],
  ['OTHER', 2, '11.1', ['政务公开工作要点未在规定时间内公开'], '政务公开-工作要点'],
];

const TOTAL_WEIGHT = TYPES.reduce((s, t) => s + t[1], 0);

function pickType(r: () => number): (typeof TYPES)[number] {
  let x = r() * TOTAL_WEIGHT;
  for (const t of TYPES) {
    x -= t[1];
    if (x < 0) return t;
  }
  return TYPES[0]!;
}

interface RoundPlan {
  title: string;
  start: string;
  end: string;
  deadline: string;
  status: string;
  published: string;
  closed: string | null;
  perBureau: [number, number];
  share: number;
  closedRound: boolean;
}

interface Row {
  round: string;
  org: string;
  code: string;
  indicator: string | null;
  type: string;
  description: string;
  location: string;
  severity: string;
  points: number;
  deadline: string;
  status: string;
  measure: string;
  links: string;
  /** The demo site's origin (not stored): links point at the app's own /demo-site pages. */
  site: string;
  dispute: boolean;
  reason: string;
  answeredAt: string | null;
  late: boolean;
  verifiedAt: string | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export interface DemoAssessmentsOptions {
  /**
   * Years of rounds up to the clock's year, as reporting's `years` (default 2: last year's closed
   * round and this year's open one, the demo's data). 1 leaves last year's round out; more adds a
   * closed annual round for each earlier year, generated like last year's.
   */
  years?: number;
}

/**
 * 第三方测评 demo data: an indicator system; last year's round, closed (about 5 problems per
 * bureau across every city and county bureau, most verified, some answered late, a few
 * disputes); this year's round in rectification (some overdue); with `years` > 2, the closed
 * annual rounds of the years before. Every round's problems are drawn from its own title and the
 * bureau's code, so a round is the same whatever else is generated. Bulk inserts only, so the
 * first start stays fast. Runs as the owner.
 */
export async function seedDemoAssessments(
  ds: DataSource,
  provinceCode: string,
  now: Date,
  site = DEFAULT_DEMO_SITE,
  options: DemoAssessmentsOptions = {},
): Promise<DemoAssessmentsResult> {
  const provinceId = orgIdForCode(provinceCode);
  const today = chinaDateOf(now);
  const thisYear = Number(today.slice(0, 4));
  const lastYear = thisYear - 1;
  const firstYear = thisYear - Math.max(1, options.years ?? 2) + 1;
  const bureaus = (await ds.query(
    `SELECT id, code FROM organizations WHERE code LIKE $1 AND code <> $2 ORDER BY code`,
    [`${provinceCode}%`, provinceCode],
  )) as Array<{ id: string; code: string }>;
  if (bureaus.length === 0) return { rounds: 0, issues: 0 };
  const [assessor] = (await ds.query(`SELECT id FROM users WHERE username = 'assessor'`)) as Array<{
    id: string;
  }>;

  // The indicator system.
  const [system] = (await ds.query(
    `INSERT INTO indicator_systems(organization_id, name) VALUES ($1, $2) RETURNING id`,
    [provinceId, '审计机关政务公开第三方评估指标体系'],
  )) as Array<{ id: string }>;
  const indicatorIds = new Map<string, string>();
  let order = 0;
  for (const [code, name, points, children] of INDICATORS) {
    const [top] = (await ds.query(
      `INSERT INTO indicators(system_id, organization_id, level, code, name, points, standard, sort_order)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7) RETURNING id`,
      [system!.id, provinceId, code, name, points, `${name}相关信息公开全面、及时、准确`, order++],
    )) as Array<{ id: string }>;
    indicatorIds.set(code, top!.id);
    let i = 0;
    for (const child of children) {
      i++;
      const sub = `${code}.${i}`;
      const [row] = (await ds.query(
        `INSERT INTO indicators(system_id, organization_id, parent_id, level, code, name, points,
           standard, deduction_rule, veto, sort_order)
         VALUES ($1, $2, $3, 2, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          system!.id,
          provinceId,
          top!.id,
          sub,
          child,
          Math.round((points / children.length) * 100) / 100,
          `${child}符合《政府信息公开条例》要求`,
          '发现一处问题扣 0.5 分，扣完为止',
          code === '3' && i === 2,
          order++,
        ],
      )) as Array<{ id: string }>;
      indicatorIds.set(sub, row!.id);
    }
  }

  // A past year's annual round, closed; the oldest first, so the demo's own two come last.
  const closedRound = (year: number): RoundPlan => ({
    title: `${year}年度全省审计机关政务公开第三方评估`,
    start: `${year}-01-01`,
    end: `${year}-09-30`,
    deadline: `${year}-11-15`,
    status: 'CLOSED',
    published: `${year}-10-20T09:00:00+08:00`,
    closed: `${year}-12-20T17:00:00+08:00`,
    perBureau: [2, 8],
    share: 1,
    closedRound: true,
  });
  const rounds: RoundPlan[] = [
    ...Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) =>
      closedRound(firstYear + i),
    ),
    {
      title: `${thisYear}年第一季度全省审计机关政务公开第三方评估`,
      start: `${thisYear}-01-01`,
      end: `${thisYear}-03-31`,
      // The notice's deadline is next week; an earlier batch was due a week ago.
      deadline: shiftDay(today, 5),
      status: 'PUBLISHED',
      published: `${shiftDay(today, -30)}T09:00:00+08:00`,
      closed: null,
      perBureau: [1, 5],
      share: 0.7,
      closedRound: false,
    },
  ];

  let issues = 0;
  for (const rd of rounds) {
    const [round] = (await ds.query(
      `INSERT INTO assessment_rounds(organization_id, title, assessor_name, period_start, period_end,
         indicator_system_id, default_deadline, status, published_at, closed_at, created_at)
       VALUES ($1, $2, '安徽某政务咨询研究院', $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id`,
      [
        provinceId,
        rd.title,
        rd.start,
        rd.end,
        system!.id,
        rd.deadline,
        rd.status,
        rd.published,
        rd.closed,
      ],
    )) as Array<{ id: string }>;
    await ds.query(
      `INSERT INTO assessment_round_bureaus(round_id, organization_id) SELECT $1, unnest($2::uuid[])`,
      [round!.id, bureaus.map((b) => b.id)],
    );
    if (assessor)
      await ds.query(
        `INSERT INTO assessment_round_assessors(round_id, user_id, organization_id) VALUES ($1, $2, $3)`,
        [round!.id, assessor.id, provinceId],
      );
    const rows: Row[] = [];
    for (const b of bureaus) {
      const r = seededRandom(`assessment:${rd.title}:${b.code}`);
      if (r() > rd.share) continue;
      // A bureau's care: some answer everything early, some late or not at all.
      const care = 0.55 + r() * 0.45;
      const n = rd.perBureau[0] + Math.floor(r() * (rd.perBureau[1] - rd.perBureau[0] + 1));
      for (let k = 0; k < n; k++) {
        const [type, , indicator, texts, column] = pickType(r);
        const description = pick(texts, r);
        const location =
          column === 'URL'
            ? demoSitePage(site, b.code, 'gk', 1000 + Math.floor(r() * 9000))
            : demoColumnLocation(site, b.code, column, rows.length);
        const deadline = rd.closedRound || r() > 0.35 ? rd.deadline : shiftDay(today, -7);
        const points = pick([0.5, 0.5, 1, 1, 1.5, 2], r);
        const base: Row = {
          round: round!.id,
          org: b.id,
          code: b.code,
          indicator: indicatorIds.get(indicator) ?? null,
          type,
          description,
          location,
          severity: points >= 2 ? 'HIGH' : points >= 1 ? 'MEDIUM' : 'LOW',
          points,
          deadline,
          status: 'OPEN',
          measure: '',
          links: '{}',
          site,
          dispute: false,
          reason: '',
          answeredAt: null,
          late: false,
          verifiedAt: null,
        };
        rows.push(
          rd.closedRound ? closedOutcome(base, r, care) : openOutcome(base, r, care, today),
        );
      }
    }
    await insertIssues(ds, rows);
    issues += rows.length;
  }
  // One event for the raising of each problem and one for where it stands now.
  await ds.query(`
    INSERT INTO assessment_issue_events(issue_id, round_id, organization_id, action, from_status, to_status, actor_name, at)
    SELECT i.id, i.round_id, i.organization_id, 'CREATE', NULL, 'OPEN', 'assessor', r.published_at
    FROM assessment_issues i JOIN assessment_rounds r ON r.id = i.round_id;
    INSERT INTO assessment_issue_events(issue_id, round_id, organization_id, action, from_status, to_status, actor_name, comment, at)
    SELECT i.id, i.round_id, i.organization_id,
      CASE i.status WHEN 'VERIFIED' THEN 'VERIFY' WHEN 'WITHDRAWN' THEN 'UPHOLD_DISPUTE'
        WHEN 'RETURNED' THEN 'RETURN' WHEN 'AWAITING_VERIFICATION' THEN 'APPROVE'
        WHEN 'DISPUTED' THEN 'APPROVE' WHEN 'AWAITING_APPROVAL' THEN 'SUBMIT' ELSE 'SAVE' END,
      'OPEN', i.status,
      CASE WHEN i.status IN ('VERIFIED','RETURNED','WITHDRAWN') THEN 'assessor'
        WHEN i.status IN ('AWAITING_VERIFICATION','DISPUTED') THEN o.code || '-reviewer'
        ELSE o.code || '-editor' END,
      CASE i.status WHEN 'RETURNED' THEN '整改链接打开为空白页，请重新整改' ELSE '' END,
      coalesce(i.verified_at, i.answered_at, i.updated_at)
    FROM assessment_issues i JOIN organizations o ON o.id = i.organization_id
    WHERE i.status <> 'OPEN';
  `);
  return { rounds: rounds.length, issues };
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const at = (day: string, hour = 10): string => `${day}T${pad(hour)}:00:00+08:00`;

function answered(base: Row, r: () => number, day: string): Row {
  const link = demoRectificationLink(
    base.site,
    base.code,
    base.location,
    1000 + Math.floor(r() * 9000),
  );
  return {
    ...base,
    measure: '已按要求整改，相关信息已补充发布',
    links: `{${link}}`,
    answeredAt: at(day),
    late: day > base.deadline,
  };
}

/** Last year: most verified (some answered late), a few disputes, a handful never answered. */
function closedOutcome(base: Row, r: () => number, care: number): Row {
  const x = r();
  if (x < 0.015)
    return {
      ...base,
      status: 'WITHDRAWN',
      dispute: true,
      reason: '本单位无此类信息，无需公开',
      answeredAt: at(shiftDay(base.deadline, -5)),
    };
  if (x > care + 0.4) return base; // never answered: counted as not rectified
  const day = shiftDay(
    base.deadline,
    r() < care ? -Math.floor(r() * 20) : 1 + Math.floor(r() * 12),
  );
  const a = answered(base, r, day);
  return { ...a, status: 'VERIFIED', verifiedAt: at(shiftDay(day, 3 + Math.floor(r() * 5)), 15) };
}

/** This year: the loop in every state; those left open past the deadline are overdue. */
function openOutcome(base: Row, r: () => number, care: number, today: string): Row {
  const x = r() * care;
  const day = shiftDay(today, -1 - Math.floor(r() * 12));
  if (x > 0.55)
    return { ...answered(base, r, day), status: 'VERIFIED', verifiedAt: at(shiftDay(day, 1), 15) };
  if (x > 0.4) return { ...answered(base, r, day), status: 'AWAITING_VERIFICATION' };
  if (x > 0.33)
    return {
      ...answered(base, r, day),
      status: 'AWAITING_APPROVAL',
      answeredAt: null,
      late: false,
    };
  if (x > 0.28) return { ...answered(base, r, day), status: 'RETURNED' };
  if (x > 0.26)
    return {
      ...base,
      status: 'DISPUTED',
      dispute: true,
      reason: '本单位无此类信息，故无对应信息可以发布',
      answeredAt: at(day),
      late: day > base.deadline,
    };
  if (x > 0.2) return { ...base, status: 'RECTIFYING', measure: '正在组织整改' };
  return base;
}

async function insertIssues(ds: DataSource, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof Row>(k: K): Array<Row[K]> => rows.map((x) => x[k]);
  await ds.query(
    `INSERT INTO assessment_issues(round_id, organization_id, indicator_id, issue_type, description,
       location, severity, points_deducted, deadline, status, measure, rectification_links, dispute,
       dispute_reason, answered_at, late, verified_at, created_at, updated_at)
     SELECT t.round_id, t.organization_id, t.indicator_id, t.issue_type, t.description, t.location,
       t.severity, t.points_deducted, t.deadline, t.status, t.measure, t.rectification_links::text[],
       t.dispute, t.dispute_reason, t.answered_at, t.late, t.verified_at,
       coalesce(t.answered_at, now()) - interval '20 days', coalesce(t.verified_at, t.answered_at, now())
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::text[], $6::text[],
       $7::varchar[], $8::numeric[], $9::date[], $10::varchar[], $11::text[], $12::text[],
       $13::boolean[], $14::text[], $15::timestamptz[], $16::boolean[], $17::timestamptz[])
       AS t(round_id, organization_id, indicator_id, issue_type, description, location, severity,
            points_deducted, deadline, status, measure, rectification_links, dispute, dispute_reason,
            answered_at, late, verified_at)`,
    [
      col('round'),
      col('org'),
      col('indicator'),
      col('type'),
      col('description'),
      col('location'),
      col('severity'),
      col('points'),
      col('deadline'),
      col('status'),
      col('measure'),
      col('links'),
      col('dispute'),
      col('reason'),
      col('answeredAt'),
      col('late'),
      col('verifiedAt'),
    ],
  );
}
