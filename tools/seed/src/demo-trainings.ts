import type { DataSource } from 'typeorm';
import { orgIdForCode } from './org-ids';
import { pick, seededRandom } from './random';

/**
 * Demo training data for the clock's year and the year before: the province's course for the
 * city bureaus and some counties, half-day city courses for their counties, one course run by the
 * third-party assessor, and (this year) a planned course with registrations. Attendance covers
 * most but not all bureaus, so coverage varies and a few bureaus have nobody. Names and phones are
 * generated (not real people). Deterministic for a given clock; a few bulk statements. Owner.
 *
 * With `years` (as reporting's: years up to the clock's, default 2) above 2, each earlier year gets
 * the same held courses as last year, drawn from a generator of its own (so the demo's two years
 * are the same whatever else is generated) with its own trainees; 1 leaves last year out.
 */

interface Org {
  id: string;
  code: string;
  name: string;
  level: string;
  parent_id: string | null;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方';
const GIVEN =
  '明华强军平伟芳敏静丽杰涛勇艳娟磊洋超刚霞斌波宁凯辉健峰琳雪梅晨博文亮婷慧鹏飞宇浩然欣怡思远子涵嘉俊志国建春';
const POSTS = ['分管副局长', '办公室主任', '办公室副主任', '政务公开专员', '信息员', '科员'];

const days = (start: string, n: number): string => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

interface SessionPlan {
  orgId: string;
  level: string;
  kind: 'OWN' | 'EXTERNAL';
  organiserName: string | null;
  title: string;
  start: string;
  length: number;
  hours: number;
  place: string;
  online: boolean;
  topics: string[];
  lecturers: Array<{ name: string; title: string; organization: string }>;
  audienceLevels: string[];
  audienceRoles: string[];
  status: 'PLANNED' | 'HELD';
  invited: Org[];
  /** Share of invited bureaus that sent someone. */
  turnout: number;
  perBureau: [number, number];
  registrationDeadline?: string;
}

export interface DemoTrainingsResult {
  sessions: number;
  attendances: number;
}

export interface DemoTrainingsOptions {
  /** Years of sessions up to the clock's year (default 2: last year's and this year's). */
  years?: number;
}

export async function seedDemoTrainings(
  ds: DataSource,
  provinceCode: string,
  now: Date,
  options: DemoTrainingsOptions = {},
): Promise<DemoTrainingsResult> {
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  const firstYear = year - Math.max(1, options.years ?? 2) + 1;
  const random = seededRandom(`trainings-${year}`);
  const orgs = (await ds.query(
    `SELECT id, code, name, level, parent_id FROM organizations WHERE code LIKE $1 || '%' ORDER BY code`,
    [provinceCode],
  )) as Org[];
  const provinceId = orgIdForCode(provinceCode);
  const cities = orgs.filter((o) => o.level === 'CITY');
  const countiesOf = (cityId: string): Org[] => orgs.filter((o) => o.parent_id === cityId);
  const counties = orgs.filter((o) => o.level === 'COUNTY');
  if (cities.length === 0) return { sessions: 0, attendances: 0 };
  // A handful of counties that never attend anything, so the untrained list is never empty.
  const absent = new Set(counties.filter(() => random() < 0.08).map((o) => o.id));
  const some = (list: Org[], share: number, r: () => number): Org[] =>
    list.filter(() => r() < share);

  /** A year's held courses; `hosts` are the cities running their own. */
  const yearPlans = (y: number, hosts: Array<Org | undefined>, r: () => number): SessionPlan[] => {
    const current = y === year;
    const plans: SessionPlan[] = [];
    plans.push({
      orgId: provinceId,
      level: 'PROVINCE',
      kind: 'OWN',
      organiserName: null,
      title: `${y}年全省审计机关政务公开工作培训班`,
      start: current ? `${y}-04-17` : `${y}-06-12`,
      length: 2,
      hours: 12,
      place: '合肥市 省审计厅培训中心',
      online: false,
      topics: [
        '《政府信息公开条例》解读',
        '审计结果公告与整改情况公开',
        '政府网站与政务新媒体管理',
        '经验交流',
      ],
      lecturers: [
        { name: '周立新', title: '副主任', organization: '省政府办公厅政务公开办' },
        { name: '陈晓岚', title: '主编', organization: '中国审计报社' },
        { name: '吴承志', title: '副教授', organization: '安徽大学' },
      ],
      audienceLevels: ['CITY', 'COUNTY'],
      audienceRoles: ['分管领导', '工作人员'],
      status: 'HELD',
      invited: [...cities, ...some(counties, 0.45, r)],
      turnout: current ? 0.86 : 0.93,
      perBureau: [1, 2],
    });
    hosts.forEach((city, i) => {
      if (!city) return;
      plans.push({
        orgId: city.id,
        level: 'CITY',
        kind: 'OWN',
        organiserName: null,
        title: `${y}年${city.name.replace('审计局', '')}审计机关政务公开业务培训`,
        start: current
          ? `${y}-0${3 + (i % 2)}-${String(12 + i * 5).padStart(2, '0')}`
          : `${y}-${String(8 + i).padStart(2, '0')}-20`,
        length: 1,
        hours: 3.5,
        place: `${city.name}会议室`,
        online: i === 2,
        topics: ['政务公开重点工作任务解读', '第三方测评问题整改'],
        lecturers: [
          {
            name: pick([...'赵钱孙李'], r) + '主任',
            title: '办公室主任',
            organization: city.name,
          },
        ],
        audienceLevels: ['COUNTY'],
        audienceRoles: ['工作人员'],
        status: 'HELD',
        invited: countiesOf(city.id),
        turnout: 0.85,
        perBureau: [1, 3],
      });
    });
    plans.push({
      orgId: provinceId,
      level: 'PROVINCE',
      kind: 'EXTERNAL',
      organiserName: '安徽华信政务测评研究院',
      title: `${y}年度政务公开第三方评估问题整改培训（线上）`,
      start: current ? `${y}-05-08` : `${y}-11-06`,
      length: 1,
      hours: 2,
      place: '',
      online: true,
      topics: ['测评指标说明', '常见问题与整改要点'],
      lecturers: [{ name: '何志远', title: '项目负责人', organization: '安徽华信政务测评研究院' }],
      audienceLevels: ['CITY', 'COUNTY'],
      audienceRoles: ['工作人员'],
      status: 'HELD',
      invited: [...cities, ...counties],
      turnout: 0.35,
      perBureau: [1, 1],
    });
    return plans;
  };

  const plans: SessionPlan[] = [];
  for (const y of [year - 1, year]) {
    const hosts = y === year ? cities.slice(0, 3) : [cities[0], cities[1], cities[7] ?? cities[2]];
    plans.push(...yearPlans(y, hosts, random));
  }
  const planned = cities[3];
  if (planned)
    plans.push({
      orgId: planned.id,
      level: 'CITY',
      kind: 'OWN',
      organiserName: null,
      title: `${year}年${planned.name.replace('审计局', '')}政务公开能力提升培训班`,
      start: `${year}-06-18`,
      length: 1,
      hours: 6,
      place: `${planned.name}三楼会议室`,
      online: false,
      topics: ['政策解读与回应关切', '依申请公开办理'],
      lecturers: [],
      audienceLevels: ['COUNTY'],
      audienceRoles: ['分管领导', '工作人员'],
      status: 'PLANNED',
      invited: countiesOf(planned.id),
      turnout: 0.5,
      perBureau: [1, 2],
      registrationDeadline: `${year}-06-10`,
    });

  // People are stable per bureau: the same few names come back to several courses.
  type Staff = Array<{ name: string; post: string; phone: string }>;
  const staffing = (r: () => number) => {
    const staff = new Map<string, Staff>();
    return (org: Org): Staff => {
      let list = staff.get(org.id);
      if (!list) {
        list = Array.from({ length: 4 }, (_, i) => ({
          name:
            pick([...SURNAMES], r) + pick([...GIVEN], r) + (r() < 0.5 ? pick([...GIVEN], r) : ''),
          post: i === 0 ? '分管副局长' : pick(POSTS.slice(1), r),
          phone: `1${pick(['38', '39', '58', '59', '86', '87', '89'], r)}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        }));
        staff.set(org.id, list);
      }
      return list;
    };
  };

  /** Who came to a course: [bureau, name, post, phone, attended, hours]. */
  type Person = [string, string, string, string, boolean, number];
  const attendees = (p: SessionPlan, r: () => number, staffOf: (org: Org) => Staff): Person[] => {
    const people: Person[] = [];
    for (const org of p.invited) {
      if (absent.has(org.id) || r() > p.turnout) continue;
      const n = p.perBureau[0] + Math.floor(r() * (p.perBureau[1] - p.perBureau[0] + 1));
      for (const person of staffOf(org).slice(0, n)) {
        const held = p.status === 'HELD';
        // Some leave early: half a day of a two-day course.
        const hours = held ? (p.length > 1 && r() < 0.1 ? p.hours / 2 : p.hours) : 0;
        people.push([org.id, person.name, person.post, person.phone, held, hours]);
      }
    }
    return people;
  };

  let sessions = 0;
  let attendances = 0;
  const insertSession = async (p: SessionPlan, people: Person[]): Promise<void> => {
    const [row] = (await ds.query(
      `INSERT INTO training_sessions(organization_id, organiser_level, organiser_kind, organiser_name, year, title,
         start_date, end_date, place, online, hours, topics, lecturers, audience_levels, audience_roles,
         capacity, registration_deadline, status)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14,$15,$16,$17,$18) RETURNING id`,
      [
        p.orgId,
        p.level,
        p.kind,
        p.organiserName,
        Number(p.start.slice(0, 4)),
        p.title,
        p.start,
        days(p.start, p.length - 1),
        p.place,
        p.online,
        p.hours,
        p.topics,
        JSON.stringify(p.lecturers),
        p.audienceLevels,
        p.audienceRoles,
        p.status === 'PLANNED' ? 60 : null,
        p.registrationDeadline ?? null,
        p.status,
      ],
    )) as Array<{ id: string }>;
    const id = row!.id;
    sessions++;
    await ds.query(
      `INSERT INTO training_invitations(session_id, organization_id, session_org_id)
       SELECT $1, unnest($2::uuid[]), $3`,
      [id, p.invited.map((o) => o.id), p.orgId],
    );
    if (people.length > 0) {
      await ds.query(
        `INSERT INTO training_attendances(session_id, session_org_id, organization_id, trainee_name, post, phone,
           planned, attended, hours, source)
         SELECT $1, $2, p.org, p.name, p.post, p.phone, true, p.attended, p.hours, $9
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::numeric[])
           AS p(org, name, post, phone, attended, hours)
         ON CONFLICT DO NOTHING`,
        [
          id,
          p.orgId,
          people.map((x) => x[0]),
          people.map((x) => x[1]),
          people.map((x) => x[2]),
          people.map((x) => x[3]),
          people.map((x) => x[4]),
          people.map((x) => x[5]),
          p.status === 'HELD' ? 'IMPORT' : 'BUREAU',
        ],
      );
      attendances += people.length;
    }
  };

  // The earlier years first (oldest first), each from a generator of its own; the hosting cities
  // take turns.
  for (let y = firstYear; y < year - 1; y++) {
    const r = seededRandom(`trainings-${year}:history:${y}`);
    const staffOf = staffing(r);
    const hosts = [0, 1, 2].map((i) => cities[(3 * (year - y) + i * 5) % cities.length]);
    for (const p of yearPlans(y, hosts, r)) await insertSession(p, attendees(p, r, staffOf));
  }
  // The demo's two years: every draw is made (so this year's data does not depend on whether last
  // year is generated); a year before `firstYear` is not written.
  const staffOf = staffing(random);
  for (const p of plans) {
    const people = attendees(p, random, staffOf);
    if (Number(p.start.slice(0, 4)) >= firstYear) await insertSession(p, people);
  }
  const required = [year, year - 1].filter((y) => y >= firstYear);
  for (let y = year - 2; y >= firstYear; y--) required.push(y);
  await ds.query(
    `INSERT INTO training_requirements(organization_id, year, level, min_province_attendees, min_hours)
     VALUES ${required.map((_, i) => `($1, $${i + 2}, 'CITY', 1, 12), ($1, $${i + 2}, 'COUNTY', 1, 6)`).join(', ')}
     ON CONFLICT DO NOTHING`,
    [provinceId, ...required],
  );
  return { sessions, attendances };
}
