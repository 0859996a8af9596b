import { retryDelayMs, shouldRetry } from '../lib/retry';

const failure = (extensions: Record<string, unknown>) => ({
  errors: [{ message: '数据库连接中断', extensions }],
});
const lost = failure({ code: 'SERVICE_UNAVAILABLE', reason: 'CONNECTION_LOST', retryable: true });
const unknown = failure({
  code: 'SERVICE_UNAVAILABLE',
  reason: 'OUTCOME_UNKNOWN',
  retryable: false,
});

describe('retrying after a broken database connection', () => {
  it('retries anything that was not applied', () => {
    expect(
      shouldRetry({ operationName: 'CreatePlan', kind: 'mutation', failure: lost, attempt: 0 }),
    ).toBe(true);
  });

  it('retries an unknown outcome only for reads and idempotent mutations', () => {
    const ask = (operationName: string, kind: 'query' | 'mutation') =>
      shouldRetry({ operationName, kind, failure: unknown, attempt: 0 });
    expect(ask('SaveProgressReport', 'mutation')).toBe(true);
    expect(ask('SubmitProgressReport', 'mutation')).toBe(true);
    expect(ask('CompletionOverview', 'query')).toBe(true);
    expect(ask('CreatePlan', 'mutation')).toBe(false);
    expect(ask('CreateUser', 'mutation')).toBe(false);
  });

  it('never retries other errors, and stops after two retries', () => {
    const conflict = failure({ code: 'CONFLICT', reason: 'VERSION_CONFLICT' });
    expect(
      shouldRetry({
        operationName: 'SaveProgressReport',
        kind: 'mutation',
        failure: conflict,
        attempt: 0,
      }),
    ).toBe(false);
    expect(
      shouldRetry({
        operationName: 'SaveProgressReport',
        kind: 'mutation',
        failure: lost,
        attempt: 2,
      }),
    ).toBe(false);
    expect([0, 1].map(retryDelayMs)).toEqual([300, 900]);
  });
});
