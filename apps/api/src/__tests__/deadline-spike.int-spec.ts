import { runDeadlineSpike, type SpikeFigures } from '@sunshine/tools/bench';
import { createTestDatabase, runServerUrl, type TestDatabase } from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Issue 9, goal 3, the quick version of the deadline benchmark (tools/bench, `npm run bench --
 * --spike`): a few seconds of editors saving and submitting at once, on a database of its own.
 * It fails on any error, lost or duplicated write, missing audit event or unverifiable audit
 * trail; never on speed (the figures are printed, not asserted).
 */

let db: TestDatabase;
let api: StartedApi;

beforeAll(async () => {
  db = await createTestDatabase({ serverUrl: runServerUrl() });
  api = await startTestApi({
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    // Late in 2025: every quarter of 2024 and 2025 is open for reports.
    SUNSHINE_CLOCK: '2025-12-20T10:00:00+08:00',
  });
}, 120_000);

afterAll(async () => {
  await api?.app.close();
  await db?.drop();
});

describe('deadline spike (quick)', () => {
  it('answers every save and submit, stores each OK submission once, audits it, and the trail verifies', async () => {
    const f: SpikeFigures = await runDeadlineSpike(
      {
        url: api.url,
        ownerUrl: db.ownerUrl,
        seconds: 5,
        inFlight: 16,
        editors: 24,
      },
      { year: 2025, quarter: 4 },
    );
    console.log(
      `deadline spike (quick): ${f.ok} submissions by ${f.editors} editors in ${f.seconds.toFixed(1)} s, ${f.perSecond.toFixed(1)}/s, p99 ${f.p99.toFixed(0)} ms, lock waits ${(f.locks.lockShare * 100).toFixed(0)} %`,
    );
    expect({
      errors: f.errors,
      firstErrors: f.firstErrors,
      lost: f.lost,
      duplicates: f.duplicates,
      auditMissing: f.auditMissing,
      verified: f.verification.ok,
    }).toEqual({
      errors: 0,
      firstErrors: [],
      lost: 0,
      duplicates: 0,
      auditMissing: 0,
      verified: true,
    });
    expect(f.ok).toBeGreaterThan(0);
    expect(f.editors).toBeGreaterThan(10);
    expect(f.verification.checked).toBeGreaterThanOrEqual(f.ok * 2);
  }, 180_000);
});
