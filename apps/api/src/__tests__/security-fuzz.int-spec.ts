import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { ApiClient, first, signedIn, type GraphQLResult } from '@sunshine/testing';
import type { StartedApi } from '../bootstrap';
import { startTestApi } from '../testing';

/**
 * Property-based fuzzing of every operation of the committed schema with malformed variables,
 * sent as several roles. Whatever the input, the API answers a client error: never
 * INTERNAL_SERVER_ERROR, a stack trace or SQL text.
 *
 * Writes: malformed inputs are refused before any write. Write-capable roles belong to 旌德县
 * (341825), which no other test file uses; province roles only run queries; sign-in and password
 * changes only get inputs that validation refuses (they would otherwise count toward lockout).
 */
const SEED = 20251201;
const TOTAL_CASES = 3_200;
const SENSITIVE_CASES = 24;
const CONCURRENCY = 6;

const SENSITIVE = new Set(['login', 'changePassword']);
/** End or renew the caller's own session: sent anonymously only. */
const SESSION = new Set(['logout', 'refresh']);

const WRITERS = ['341825-admin', '341825-editor', '341825-reviewer'];
const READERS = ['34-leader', '34-auditor', 'assessor'];

type Kind =
  | 'wrongType'
  | 'nul'
  | 'hugeString'
  | 'hugeNumber'
  | 'negative'
  | 'nanish'
  | 'deep'
  | 'unknownField'
  | 'nullRequired'
  | 'wrongEnum'
  | 'invalidId'
  | 'badDate'
  | 'longList'
  | 'controlChars'
  | 'omitRequired';

const ALL_KINDS: Kind[] = [
  'wrongType',
  'nul',
  'hugeString',
  'hugeNumber',
  'negative',
  'nanish',
  'deep',
  'unknownField',
  'nullRequired',
  'wrongEnum',
  'invalidId',
  'badDate',
  'longList',
  'controlChars',
  'omitRequired',
];
/** Refused by GraphQL's coercion or the global input pipe, whatever the field. */
const HARD_KINDS: Kind[] = ['nul', 'hugeString', 'deep', 'unknownField', 'nullRequired'];

interface Operation {
  name: string;
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  document: string;
}

const schema: GraphQLSchema = buildSchema(
  readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);

function leafSelection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return '';
  if (!isObjectType(type)) return ' { __typename }';
  const leaves = Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  return ` { __typename ${leaves.join(' ')} }`;
}

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [kind, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root!.getFields())) {
      const decl = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const use = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      ops.push({
        name: field.name,
        kind,
        field,
        document: `${kind} Fuzz${decl ? `(${decl})` : ''} { ${field.name}${use ? `(${use})` : ''}${leafSelection(field)} }`,
      });
    }
  }
  return ops;
}

/** Well-formed values by field name, where the type alone would not pass validation. */
const WELL_FORMED: Record<string, unknown> = {
  year: 2025,
  quarter: 1,
  percent: 50,
  limit: 10,
  offset: 0,
  dueDaysAfterQuarter: 10,
  weight: 5,
  username: '341825-fuzz',
  password: 'Fuzz#Pass2025',
  currentPassword: 'Fuzz#Pass2025',
  newPassword: 'Fuzz#Pass2026',
  url: 'https://example.gov.cn/a',
  number: '1.1',
  deadlineText: '2025年12月31日',
  reason: '模糊测试',
};

/** A well-formed value of the type, so that the malformation under test is the only fault. */
function valid(type: GraphQLInputType, depth = 0, name = ''): unknown {
  const t = getNullableType(type);
  if (isListType(t)) return [valid(t.ofType, depth + 1, name)];
  if (isEnumType(t)) return first(t.getValues()).value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) {
      if (isNonNullType(f.type) || depth < 2) out[f.name] = valid(f.type, depth + 1, f.name);
    }
    return out;
  }
  if (name in WELL_FORMED && isScalarType(t)) return WELL_FORMED[name];
  if (isScalarType(t)) {
    switch (t.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'ID':
        return '6b1f0c2e-9d3a-4c55-8a51-1f2d3c4b5a69';
      case 'DateTime':
        return '2025-01-01T00:00:00Z';
      default:
        return '测试';
    }
  }
  return null;
}

interface Slot {
  /** Path from the variables object to the value (object keys and list indexes). */
  path: Array<string | number>;
  type: GraphQLInputType;
}

function slots(value: unknown, type: GraphQLInputType, path: Slot['path'], out: Slot[]): Slot[] {
  out.push({ path, type });
  const t = getNullableType(type);
  if (isListType(t) && Array.isArray(value)) {
    value.forEach((v, i) => slots(v, t.ofType, [...path, i], out));
  } else if (isInputObjectType(t) && value && typeof value === 'object') {
    for (const f of Object.values(t.getFields())) {
      if (f.name in value)
        slots((value as Record<string, unknown>)[f.name], f.type, [...path, f.name], out);
      else out.push({ path: [...path, f.name], type: f.type });
    }
  }
  return out;
}

function setAt(root: Record<string, unknown>, path: Slot['path'], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!next || typeof next !== 'object') return;
    node = next as Record<string | number, unknown>;
  }
  const last = path.at(-1);
  if (last === undefined) throw new Error('setAt needs a non-empty path');
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Nested objects and lists, linear in size (no shared branches that would multiply). */
function deep(levels: number): unknown {
  let v: unknown = { x: 1 };
  for (let i = 0; i < levels; i += 1) v = i % 2 ? { nested: v } : [v];
  return v;
}

/** The malformed value of a kind for a slot's type, from the random material drawn for it. */
function malformed(kind: Kind, type: GraphQLInputType, noise: Noise): unknown {
  const named = getNamedType(type);
  const text = isScalarType(named) && ['String', 'ID'].includes(named.name);
  switch (kind) {
    case 'wrongType':
      return noise.json;
    case 'nul':
      return text ? `${noise.text}\u0000${noise.text}` : '\u0000';
    case 'hugeString':
      return noise.text.padEnd(noise.size, '字');
    case 'hugeNumber':
      return noise.huge;
    case 'negative':
      return -Math.abs(noise.number) - 1;
    case 'nanish':
      return noise.nanish;
    case 'deep':
      return deep(noise.depth);
    case 'unknownField':
      return isInputObjectType(getNullableType(type))
        ? { ...(valid(type) as object), [`zz${noise.text.replace(/\W/g, '')}`]: noise.json }
        : { unexpected: noise.json };
    case 'nullRequired':
      return null;
    case 'wrongEnum':
      return `NOT_${noise.text.replace(/\W/g, '').toUpperCase()}`;
    case 'invalidId':
      return noise.id;
    case 'badDate':
      return noise.date;
    case 'longList':
      return Array.from({ length: noise.listSize }, () =>
        valid(
          isListType(getNullableType(type))
            ? (getNullableType(type) as { ofType: GraphQLInputType }).ofType
            : type,
        ),
      );
    case 'controlChars':
      return `${noise.text}\u202e\u0007\ud800\uffff${noise.text}`;
    case 'omitRequired':
      return undefined;
  }
}

interface Noise {
  json: unknown;
  text: string;
  size: number;
  huge: number;
  number: number;
  nanish: unknown;
  depth: number;
  id: string;
  date: string;
  listSize: number;
}

const noiseArb: fc.Arbitrary<Noise> = fc.record({
  json: fc.jsonValue({ maxDepth: 3 }),
  text: fc.string({ maxLength: 20 }),
  size: fc.integer({ min: 10_001, max: 120_000 }),
  huge: fc.constantFrom(1e10, 1e15, 2 ** 31, 2 ** 53, -(2 ** 31) - 1, 1e308, 9_999_999_999.995),
  number: fc.integer({ min: 0, max: 2 ** 31 - 2 }),
  nanish: fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '', '0x10', '1_000', [], {}),
  depth: fc.integer({ min: 5, max: 40 }),
  id: fc.constantFrom(
    'not-a-uuid',
    '',
    ' ',
    '00000000-0000-0000-0000-000000000000',
    "1' OR '1'='1",
    '6b1f0c2e-9d3a-4c55-8a51-1f2d3c4b5a6',
    '../../etc/passwd',
    '９９',
    '-1',
  ),
  date: fc.constantFrom(
    '-100000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '0000-00-00',
    'yesterday',
    '2025-13-45T99:99:99Z',
    '9999-12-31T23:59:59Z',
    '1-01-01T00:00:00Z',
  ),
  listSize: fc.integer({ min: 501, max: 1_500 }),
});

interface Case {
  op: Operation;
  actor: string;
  variables: Record<string, unknown>;
  kinds: Kind[];
}

function caseArb(op: Operation, actors: string[], kinds: Kind[]): fc.Arbitrary<Case> {
  const writers = actors.filter((a) => !READERS.includes(a));
  const readers = actors.filter((a) => READERS.includes(a));
  // Province readers see the whole province, so their queries are the slow ones: one case in four.
  const actor =
    readers.length && writers.length
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...writers) },
          { weight: 1, arbitrary: fc.constantFrom(...readers) },
        )
      : fc.constantFrom(...actors);
  return fc
    .record({
      actor,
      faults: fc.array(
        fc.record({ slot: fc.nat(), kind: fc.constantFrom(...kinds), noise: noiseArb }),
        { minLength: 1, maxLength: 3 },
      ),
      extraVariable: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
    })
    .map(({ actor, faults, extraVariable }) => {
      const variables: Record<string, unknown> = {};
      for (const a of op.field.args) variables[a.name] = valid(a.type, 0, a.name);
      const all: Slot[] = [];
      for (const a of op.field.args) slots(variables[a.name], a.type, [a.name], all);
      const applied: Kind[] = [];
      for (const f of faults) {
        if (all.length === 0) break;
        const slot = all[f.slot % all.length]!;
        setAt(variables, slot.path, malformed(f.kind, slot.type, f.noise));
        applied.push(f.kind);
      }
      if (extraVariable !== undefined) variables.unexpected = extraVariable;
      return { op, actor, variables, kinds: applied };
    });
}

const LEAK = [
  /QueryFailedError|TypeORMError|EntityNotFound/,
  /syntax error at or near|violates [a-z ]*constraint|duplicate key value|invalid input syntax/i,
  /relation "[a-z_]+"|column "[a-z_]+" of relation/,
  /\b(SELECT|UPDATE|DELETE)\b[\s\S]{1,200}\b(FROM|SET|WHERE)\b[\s\S]*\$\d/,
  /INSERT INTO [a-z_]+/,
  /\n\s+at [\w.<>]+ \(|\.ts:\d+:\d+|node_modules/,
];

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** What is wrong with a response, if anything. */
function problem(r: GraphQLResult, raw: string): string | null {
  if (r.status >= 500) return `HTTP ${r.status}`;
  for (const e of r.errors ?? []) {
    const code = e.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') return `INTERNAL_SERVER_ERROR: ${e.message}`;
    if (e.extensions && ('stacktrace' in e.extensions || 'exception' in e.extensions))
      return 'stack trace in extensions';
    // Chinese for every error the API itself words.
    if (code !== 'GRAPHQL_VALIDATION_FAILED' && code !== 'GRAPHQL_PARSE_FAILED') {
      if (!/[\u4e00-\u9fa5]/.test(e.message)) return `message not in Chinese: ${e.message}`;
    }
    // Messages and codes the API words (graphql-js details echo the sent value, so are skipped).
    for (const s of strings({ message: e.message, code, reason: e.extensions?.reason })) {
      for (const leak of LEAK) if (leak.test(s)) return `leak ${leak}: ${s.slice(0, 200)}`;
    }
  }
  if (/"stack(trace)?"\s*:/.test(raw)) return 'stack trace in body';
  return null;
}

async function send(
  api: StartedApi,
  client: ApiClient | null,
  c: Case,
): Promise<{ r: GraphQLResult; raw: string }> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}),
    },
    body: JSON.stringify({ query: c.op.document, variables: c.variables }),
  });
  const raw = await res.text();
  let body: Omit<GraphQLResult, 'status' | 'headers'> = {};
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    body = { errors: [{ message: raw.slice(0, 200), extensions: { code: 'NOT_JSON' } }] };
  }
  return { r: { ...body, status: res.status, headers: res.headers }, raw };
}

let api: StartedApi;
const clients = new Map<string, ApiClient>();

beforeAll(async () => {
  api = await startTestApi();
  for (const actor of [...WRITERS, ...READERS]) clients.set(actor, await signedIn(api.url, actor));
});
afterAll(async () => {
  await api.app.close();
});

describe('fuzzing every operation with malformed variables', () => {
  it('answers a Chinese client error to each of at least 3,000 malformed variable sets, never an internal error, stack trace or SQL', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    const withArgs = ops.filter((o) => !SESSION.has(o.name));
    const sensitive = withArgs.filter((o) => SENSITIVE.has(o.name));
    const rest = withArgs.filter((o) => !SENSITIVE.has(o.name));
    const perOp = Math.ceil((TOTAL_CASES - sensitive.length * SENSITIVE_CASES) / rest.length);
    const cases: Case[] = [];
    ops.forEach((op, i) => {
      const anonymous = SESSION.has(op.name) || SENSITIVE.has(op.name);
      const actors = anonymous
        ? ['anonymous']
        : op.kind === 'mutation'
          ? WRITERS
          : [...WRITERS, ...READERS];
      const kinds = SENSITIVE.has(op.name) ? HARD_KINDS : ALL_KINDS;
      const n = SESSION.has(op.name) ? 4 : SENSITIVE.has(op.name) ? SENSITIVE_CASES : perOp;
      cases.push(...fc.sample(caseArb(op, actors, kinds), { numRuns: n, seed: SEED + i }));
    });
    // changePassword needs a signed-in caller; its inputs are refused before the password is read.
    for (const c of cases) if (c.op.name === 'changePassword') c.actor = '341825-reviewer';
    expect(cases.length).toBeGreaterThanOrEqual(3_000);

    const started = Date.now();
    const failures: string[] = [];
    const accepted = new Map<string, number>();
    const spent = new Map<string, number>();
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let c = cases[next]; c !== undefined; c = cases[next]) {
        next += 1;
        const t0 = Date.now();
        let p: string | null;
        let r: GraphQLResult | null = null;
        try {
          // A keep-alive socket the server closed just as it was reused fails the fetch before the
          // request is sent; that one is retried once, anything else counts.
          const sent = await send(api, clients.get(c.actor) ?? null, c).catch(() =>
            send(api, clients.get(c.actor) ?? null, c),
          );
          r = sent.r;
          p = problem(sent.r, sent.raw);
        } catch (error) {
          p = `no answer: ${String(error)}`;
        }
        if (p) {
          failures.push(
            `${c.op.name} as ${c.actor} [${c.kinds.join(',')}] → ${p}\n  variables: ${JSON.stringify(c.variables).slice(0, 300)}`,
          );
        }
        spent.set(c.op.name, (spent.get(c.op.name) ?? 0) + Date.now() - t0);
        if (r && !r.errors?.length) accepted.set(c.op.name, (accepted.get(c.op.name) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${cases.length} malformed variable sets over ${ops.length} operations in ${seconds.toFixed(1)} s; ` +
        `answered without error: ${JSON.stringify(Object.fromEntries(accepted))}; slowest (ms in total): ${[
          ...spent,
        ]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([n, ms]) => `${n} ${ms}`)
          .join(', ')}`,
    );
    if (failures.length)
      console.log(`fuzz failures: ${failures.length}\n${failures.slice(0, 40).join('\n')}`);
    expect(failures.slice(0, 20)).toEqual([]);
    // Sign-in and password changes never got past validation.
    expect(accepted.get('login') ?? 0).toBe(0);
    expect(accepted.get('changePassword') ?? 0).toBe(0);
    // The sessions the fuzz used are intact.
    const me = await clients
      .get('341825-admin')!
      .request<{ me: { username: string } }>('{ me { username } }');
    expect(me.data?.me.username).toBe('341825-admin');
  }, 180_000);
});
