import { QueryCounter } from '../query-counter';

describe('QueryCounter', () => {
  it('counts request-path statements and background statements apart', async () => {
    const logger = new QueryCounter();
    const [count, background, transactions] = [
      QueryCounter.count,
      QueryCounter.background,
      QueryCounter.transactions,
    ];
    logger.logQuery('START TRANSACTION');
    logger.logQuery('SELECT 1');
    await QueryCounter.inBackground(async () => {
      logger.logQuery('START TRANSACTION');
      await new Promise((r) => setTimeout(r, 5));
      // Still background after an await: the mark follows the work's async calls.
      logger.logQuery('SELECT 2');
      logger.logQueryError();
    });
    logger.logQuery('COMMIT');
    expect(QueryCounter.count - count).toBe(3);
    expect(QueryCounter.transactions - transactions).toBe(1);
    expect(QueryCounter.background - background).toBe(3);
  });
});
