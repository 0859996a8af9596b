import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Typed rows at the repository boundary. A repository declares the shape of the rows a statement
 * returns; every row is checked against it (not cast), so a renamed column or a changed type fails
 * loudly at the boundary instead of leaking `undefined` into services.
 *
 *   const PlanRow = rowShape({ id: col.uuid, year: col.int, title: col.text, published_at: col.date.nullable });
 *   type PlanRow = RowOf<typeof PlanRow>;
 *   const rows = await select(m, PlanRow, 'SELECT id, year, title, published_at FROM plans WHERE id = $1', [id]);
 */

export class RowShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowShapeError';
  }
}

export interface Column<T> {
  readonly kind: string;
  read(value: unknown, name: string): T;
}

export interface ColumnWithNull<T> extends Column<T> {
  /** The same column, also accepting SQL NULL (read as null). */
  readonly nullable: Column<T | null>;
}

function fail(name: string, kind: string, value: unknown): never {
  const shown = value === undefined ? 'missing' : `${typeof value} ${String(value).slice(0, 40)}`;
  throw new RowShapeError(`column "${name}": expected ${kind}, got ${shown}`);
}

function column<T>(kind: string, read: (value: unknown, name: string) => T): ColumnWithNull<T> {
  const base: Column<T> = { kind, read };
  const nullable: Column<T | null> = {
    kind: `${kind} or null`,
    read: (value, name) => (value === null ? null : read(value, name)),
  };
  return { ...base, nullable };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Column readers. Numbers arrive as strings from numeric/bigint columns and are converted. */
export const col = {
  text: column<string>('text', (v, n) => (typeof v === 'string' ? v : fail(n, 'text', v))),
  uuid: column<string>('uuid', (v, n) =>
    typeof v === 'string' && UUID.test(v) ? v : fail(n, 'uuid', v),
  ),
  int: column<number>('integer', (v, n) => {
    const x = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    return typeof x === 'number' && Number.isSafeInteger(x) ? x : fail(n, 'integer', v);
  }),
  /** numeric/decimal columns (pg returns them as strings) and floats. */
  number: column<number>('number', (v, n) => {
    const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    return typeof x === 'number' && Number.isFinite(x) ? x : fail(n, 'number', v);
  }),
  /** A quarter number, 1–4. */
  quarter: column<1 | 2 | 3 | 4>('quarter 1-4', (v, n) => {
    const x = typeof v === 'string' && /^\d$/.test(v) ? Number(v) : v;
    return x === 1 || x === 2 || x === 3 || x === 4 ? x : fail(n, 'quarter 1-4', v);
  }),
  bool: column<boolean>('boolean', (v, n) => (typeof v === 'boolean' ? v : fail(n, 'boolean', v))),
  /** timestamptz columns; `date` columns are configured to arrive as 'YYYY-MM-DD' strings (use `text`). */
  date: column<Date>('timestamp', (v, n) =>
    v instanceof Date && !Number.isNaN(v.getTime()) ? v : fail(n, 'timestamp', v),
  ),
  /** 'YYYY-MM-DD' from a `date` column, or a Date (then taken as its calendar day in UTC+8). */
  day: column<string>('date', (v, n) => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
    if (v instanceof Date && !Number.isNaN(v.getTime())) {
      return new Date(v.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    }
    return fail(n, 'date', v);
  }),
  textArray: column<string[]>('text[]', (v, n) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string')
      ? (v as string[])
      : fail(n, 'text[]', v),
  ),
  /** One of a fixed set of string values (a varchar with a CHECK constraint). */
  oneOf: <const T extends string>(values: readonly T[]): ColumnWithNull<T> =>
    column<T>(`one of ${values.join('|')}`, (v, n) =>
      typeof v === 'string' && (values as readonly string[]).includes(v)
        ? (v as T)
        : fail(n, `one of ${values.join('|')}`, v),
    ),
  /** A jsonb value, checked by the given guard. */
  json: <T>(label: string, guard: (v: unknown) => v is T): ColumnWithNull<T> =>
    column<T>(label, (v, n) => (guard(v) ? v : fail(n, label, v))),
};

export type Shape = Record<string, Column<unknown>>;
export type RowOf<S extends RowShape<Shape>> =
  S extends RowShape<infer X>
    ? { [K in keyof X]: X[K] extends Column<infer T> ? T : never }
    : never;

export interface RowShape<S extends Shape> {
  readonly columns: S;
  parse(row: unknown): { [K in keyof S]: S[K] extends Column<infer T> ? T : never };
  parseAll(rows: unknown): Array<{ [K in keyof S]: S[K] extends Column<infer T> ? T : never }>;
}

export function rowShape<S extends Shape>(columns: S): RowShape<S> {
  type Out = { [K in keyof S]: S[K] extends Column<infer T> ? T : never };
  const parse = (row: unknown): Out => {
    if (typeof row !== 'object' || row === null) throw new RowShapeError('row is not an object');
    const source = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, c] of Object.entries(columns)) out[name] = c.read(source[name], name);
    return out as Out;
  };
  return {
    columns,
    parse,
    parseAll: (rows: unknown): Out[] => {
      if (!Array.isArray(rows)) throw new RowShapeError('result is not a row list');
      return rows.map(parse);
    },
  };
}

type Params = readonly unknown[];

export interface SelectOptions {
  /**
   * A named (prepared) statement: PostgreSQL parses it once per connection and, after five runs,
   * plans it once (a generic plan) instead of on every call. For a hot read whose planning costs
   * as much as its execution (the row-level-security policies expand into it); the name is the
   * statement's hash, so one text always has one name.
   */
  prepared?: boolean;
}

const preparedNames = new Map<string, string>();

/**
 * pg's query config for a named statement (TypeORM hands it to pg as it is), typed as the SQL
 * text that `EntityManager.query` takes.
 */
export function preparedQuery(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  return { name, text: sql } as unknown as string;
}

/** Runs a statement and checks every returned row against the shape. */
export async function select<S extends Shape>(
  m: EntityManager,
  shape: RowShape<S>,
  sql: string,
  params: Params = [],
  options: SelectOptions = {},
): Promise<ReturnType<RowShape<S>['parse']>[]> {
  const result: unknown = await m.query(
    options.prepared ? preparedQuery(sql) : sql,
    params as unknown[],
  );
  // UPDATE/DELETE ... RETURNING come back from TypeORM's pg driver as [rows, affectedCount].
  const rows =
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
      ? result[0]
      : result;
  return shape.parseAll(rows);
}

/** The first row, or null when there is none. */
export async function selectOne<S extends Shape>(
  m: EntityManager,
  shape: RowShape<S>,
  sql: string,
  params: Params = [],
  options: SelectOptions = {},
): Promise<ReturnType<RowShape<S>['parse']> | null> {
  const rows = await select(m, shape, sql, params, options);
  return rows[0] ?? null;
}

/**
 * Runs INSERT/UPDATE/DELETE without RETURNING and answers the number of affected rows
 * (TypeORM's pg driver returns `[rows, count]` for UPDATE/DELETE and `[]` for INSERT).
 */
export async function execute(
  m: EntityManager,
  sql: string,
  params: Params = [],
  options: SelectOptions = {},
): Promise<number> {
  const result: unknown = await m.query(
    options.prepared ? preparedQuery(sql) : sql,
    params as unknown[],
  );
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') {
    return result[1];
  }
  return Array.isArray(result) ? result.length : 0;
}
