import { Client } from 'pg';
import { RemindersService } from '@sunshine/api/reporting';
import { orgIdForCode } from '@sunshine/tools/seed';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

let owner: Client;

beforeAll(async () => {
  owner = new Client({ connectionString: process.env.SUNSHINE_TEST_OWNER_URL });
  await owner.connect();
});
afterAll(async () => {
  await owner.end();
});

/** Runs the deadline sweep with the business clock at `clock`, and returns its count. */
async function sweepAt(clock: string): Promise<number> {
  const api: StartedApi = await startTestApi({ SUNSHINE_CLOCK: clock });
  try {
    return await api.app.get(RemindersService).deadlineSweep();
  } finally {
    await api.app.close();
  }
}

async function kinds(code: string): Promise<string[]> {
  const { rows } = await owner.query(
    `SELECT kind, title FROM notifications WHERE organization_id = $1 AND kind IN ('DUE_SOON', 'DUE_TOMORROW', 'OVERDUE') AND title LIKE '2025年第二季度%' ORDER BY created_at`,
    [orgIdForCode(code)],
  );
  return rows.map((r) => `${r.kind} ${r.title}`);
}

/** Bureaus still missing reports for a 2025 quarter, which the sweep must reach. */
async function missing(quarter = 2): Promise<string[]> {
  const { rows } = await owner.query(
    `SELECT DISTINCT o.code FROM assignments a JOIN organizations o ON o.id = a.organization_id
     LEFT JOIN progress_reports p ON p.assignment_id = a.id AND p.year = 2025 AND p.quarter = $1
     WHERE a.year = 2025 AND a.active AND (p.id IS NULL OR p.status = 'DRAFT') ORDER BY o.code`,
    [quarter],
  );
  return rows.map((r) => r.code as string);
}

describe('deadline reminders', () => {
  it('marks the closed 2025Q1 window overdue for every bureau still missing reports, once', async () => {
    const late = await missing(1);
    expect(late.length).toBeGreaterThan(0);
    expect(await sweepAt('2025-06-20T10:00:00+08:00')).toBe(late.length);
    expect(await sweepAt('2025-06-21T10:00:00+08:00')).toBe(0);
  });

  it('reminds every bureau still missing reports 7 days ahead, the day before, and once overdue — each once', async () => {
    const bureaus = await missing();
    expect(bureaus.length).toBeGreaterThan(10);
    expect(await sweepAt('2025-07-04T10:00:00+08:00')).toBe(bureaus.length);
    expect(await sweepAt('2025-07-05T10:00:00+08:00')).toBe(0); // deduplicated
    expect(await sweepAt('2025-07-09T10:00:00+08:00')).toBe(bureaus.length);
    expect(await sweepAt('2025-07-11T10:00:00+08:00')).toBe(bureaus.length);
    const county = bureaus.find((c) => c.length === 6)!;
    expect(await kinds(county)).toEqual([
      'DUE_SOON 2025年第二季度进展报送将于2025年7月10日截止',
      'DUE_TOMORROW 2025年第二季度进展报送明天截止',
      'OVERDUE 2025年第二季度进展报送已逾期（截止日期2025年7月10日）',
    ]);
  });
});
