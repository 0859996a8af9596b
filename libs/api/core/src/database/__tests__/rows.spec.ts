import type { EntityManager } from 'typeorm';
import { col, execute, rowShape, RowShapeError, select, selectOne } from '../rows';

const Row = rowShape({
  id: col.uuid,
  n: col.int,
  weight: col.number,
  title: col.text,
  note: col.text.nullable,
  done: col.bool,
  at: col.date,
  day: col.day,
  tags: col.textArray,
  status: col.oneOf(['DRAFT', 'PUBLISHED'] as const),
});

const good = {
  id: '0b7c2b52-3b0e-4c36-9a59-6f1d2b1f0a11',
  n: '42',
  weight: '2.50',
  title: '政务公开',
  note: null,
  done: true,
  at: new Date('2025-05-20T02:00:00Z'),
  day: '2025-04-10',
  tags: ['办公室'],
  status: 'DRAFT',
};

function manager(result: unknown): EntityManager {
  return { query: async () => result } as unknown as EntityManager;
}

describe('typed rows', () => {
  it('reads and converts every column', () => {
    const r = Row.parse(good);
    expect(r.n).toBe(42);
    expect(r.weight).toBe(2.5);
    expect(r.note).toBeNull();
    expect(r.status).toBe('DRAFT');
  });

  it.each([
    ['id', 'not-a-uuid'],
    ['n', '4.2'],
    ['weight', 'abc'],
    ['title', null],
    ['done', 'true'],
    ['at', '2025-05-20'],
    ['day', '2025/04/10'],
    ['tags', [1]],
    ['status', 'CLOSED'],
  ])('refuses a wrong %s', (column, value) => {
    expect(() => Row.parse({ ...good, [column]: value })).toThrow(new RegExp(`column "${column}"`));
  });

  it('refuses a missing column', () => {
    const { title: _omit, ...rest } = good;
    expect(() => Row.parse(rest)).toThrow(RowShapeError);
  });

  it('select unwraps UPDATE ... RETURNING results and selectOne answers null for none', async () => {
    expect(await select(manager([[good], 1]), Row, 'UPDATE')).toHaveLength(1);
    expect(await selectOne(manager([]), Row, 'SELECT')).toBeNull();
  });

  it('execute answers the affected row count', async () => {
    expect(await execute(manager([[], 3]), 'UPDATE')).toBe(3);
  });
});
