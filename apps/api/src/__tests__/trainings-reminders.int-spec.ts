import { Client } from 'pg';
import { createTestDatabase, runServerUrl, signedIn, type TestDatabase } from '@sunshine/testing';
import { orgIdForCode } from '@sunshine/tools/seed';
import { TrainingRemindersService } from '@sunshine/api/trainings';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Training reminders on a database of its own (the sweep writes to every bureau), with the
 * business clock on 8 October 2025: the fourth quarter has begun.
 */
let db: TestDatabase;
let api: StartedApi;
let owner: Client;
let reminders: TrainingRemindersService;

interface Note {
  organization_id: string;
  kind: string;
  title: string;
  body: string;
  dedupe_key: string;
}
const notes = async (like: string): Promise<Note[]> =>
  (
    await owner.query<Note>(
      `SELECT organization_id, kind, title, body, dedupe_key FROM notifications
       WHERE dedupe_key LIKE $1 ORDER BY organization_id, dedupe_key`,
      [like],
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDatabase({ serverUrl: runServerUrl() });
  api = await startTestApi({
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    SUNSHINE_CLOCK: '2025-10-08T09:00:00+08:00',
    TRAINING_REMINDER_DAYS: '3',
  });
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  reminders = api.app.get(TrainingRemindersService);
}, 300_000);
afterAll(async () => {
  await owner?.end();
  await api?.app.close();
  await db?.drop();
}, 60_000);

describe('training reminders', () => {
  it('tells invited bureaus of a new session once, through the job queue', async () => {
    const admin = await signedIn(api.url, '34-admin');
    const r = await admin.request<{ createTrainingSession: { id: string } }>(
      'mutation($i: TrainingSessionInput!) { createTrainingSession(input: $i) { id } }',
      {
        i: {
          title: '第四季度业务培训班',
          startDate: '2025-10-20',
          endDate: '2025-10-20',
          hours: 6,
          place: '合肥',
          registrationDeadline: '2025-10-10',
          invitedOrganizationIds: ['3401', '340102'].map(orgIdForCode),
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.createTrainingSession.id;
    const key = `TRAINING_INVITED:${id}`;
    // The queued job runs in the background: wait for it (bounded).
    for (let i = 0; i < 100 && (await notes(key)).length < 2; i++)
      await new Promise((res) => setTimeout(res, 200));
    const invited = await notes(key);
    expect(invited.map((n) => n.organization_id).sort()).toEqual(
      ['3401', '340102'].map(orgIdForCode).sort(),
    );
    expect(invited[0]).toMatchObject({ kind: 'TRAINING', title: '培训通知：第四季度业务培训班' });
    expect(invited[0]!.body).toContain('2025年10月10日前报名');
    // Running it again (a retry) writes nothing new.
    expect(await reminders.notifyInvited(id)).toBe(0);

    // The daily sweep: the deadline (within 3 days) once per bureau; a second sweep adds nothing.
    const first = await reminders.sweep();
    expect(first.deadline).toBeGreaterThanOrEqual(2);
    const deadline = await notes(`TRAINING_DEADLINE:${id}`);
    expect(deadline).toHaveLength(2);
    expect(deadline[0]!.title).toBe('报名即将截止：第四季度业务培训班');
    const again = await reminders.sweep();
    expect(again).toEqual({ invited: 0, deadline: 0, requirement: 0 });
    // Adding a bureau tells only the new one.
    const { rows } = await owner.query<{ version: number }>(
      'SELECT version FROM training_sessions WHERE id = $1',
      [id],
    );
    const upd = await admin.request(
      'mutation($i: UpdateTrainingSessionInput!) { updateTrainingSession(input: $i) { id } }',
      {
        i: {
          id,
          version: rows[0]!.version,
          title: '第四季度业务培训班',
          startDate: '2025-10-20',
          endDate: '2025-10-20',
          hours: 6,
          registrationDeadline: '2025-10-10',
          invitedOrganizationIds: ['3401', '340102', '3402'].map(orgIdForCode),
        },
      },
    );
    expect(upd.errors).toBeUndefined();
    expect(await reminders.notifyInvited(id)).toBeLessThanOrEqual(1);
    expect((await notes(key)).map((n) => n.organization_id)).toContain(orgIdForCode('3402'));
    expect(await notes(key)).toHaveLength(3);
  });

  it('from Q4, reminds exactly the bureaus below the requirement, once a year, with nothing personal', async () => {
    // The demo's requirement for 2025: cities 1 person at a province session and 12 hours,
    // counties 1 and 6.
    await owner.query(`DELETE FROM notifications WHERE dedupe_key = 'TRAINING_Q4:2025'`);
    const result = await reminders.sweep();
    const q4 = await notes('TRAINING_Q4:2025');
    expect(q4.length).toBe(result.requirement);
    expect(q4.length).toBeGreaterThan(0);
    // Independent computation from the stored rows.
    const { rows: expected } = await owner.query<{ id: string }>(
      `WITH att AS (
         SELECT a.organization_id, a.trainee_name, a.hours, s.organiser_level, s.organiser_kind
         FROM training_attendances a JOIN training_sessions s ON s.id = a.session_id
         WHERE s.year = 2025 AND s.status <> 'PLANNED' AND a.attended),
       per AS (
         SELECT o.id, o.level,
           (SELECT count(DISTINCT trainee_name) FROM att WHERE att.organization_id = o.id
              AND organiser_kind = 'OWN' AND organiser_level IN ('PROVINCE', 'NATIONAL'))::int AS at_province,
           coalesce((SELECT sum(hours) FROM att WHERE att.organization_id = o.id), 0) AS hours,
           EXISTS (SELECT 1 FROM att WHERE att.organization_id = o.id) AS trained
         FROM organizations o WHERE o.level <> 'PROVINCE')
       SELECT per.id FROM per LEFT JOIN training_requirements r ON r.year = 2025 AND r.level = per.level
       WHERE CASE WHEN r.level IS NULL THEN NOT per.trained
                  ELSE per.at_province < r.min_province_attendees OR per.hours < r.min_hours END`,
    );
    expect(q4.map((n) => n.organization_id).sort()).toEqual(expected.map((e) => e.id).sort());
    expect((await reminders.sweep()).requirement).toBe(0);
    // No person in any training notice.
    const { rows: names } = await owner.query<{ trainee_name: string; phone: string }>(
      'SELECT DISTINCT trainee_name, phone FROM training_attendances',
    );
    const text = JSON.stringify(await notes('TRAINING%'));
    for (const n of names) {
      expect(text).not.toContain(n.trainee_name);
      if (n.phone) expect(text).not.toContain(n.phone);
    }
  });
});
