/**
 * An OpenAPI-driven fuzzer: for every operation of docs/openapi.json it generates seeded
 * requests (bodies from the operation's schema, path and query values from pools of real ids
 * and hostile values), then mutates some of them (a field removed, a value swapped for a
 * hostile one, an unknown or `__proto__` key, a non-JSON body). Each response is checked:
 * never 5xx; every 4xx is problem+json with a `code`; a refused request changed no table.
 * Generation uses fast-check (`fc.sample` with a seed per request, so a failure names the seed
 * that reproduces it).
 */
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { Agent } from '../harness/test-app';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;
type Spec = {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
};
type OperationObject = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: Schema;
}

/** The operations of an OpenAPI document, in document order. */
export function operationsOf(spec: Spec): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method as Operation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

/** Values that have broken services before: control characters, extremes, odd shapes. */
const HOSTILE: Json[] = [
  null,
  '',
  ' ',
  'a\u0000b',
  '\u0001',
  '\ud800',
  'x'.repeat(5000),
  '<script>',
  "'; DROP TABLE staff; --",
  '../../etc/passwd',
  '2027-02-30',
  '2027-13-01',
  '24:00',
  '2027-03-14T02:30',
  'FREQ=WEEKLY;BYDAY=XX',
  'america/new_york',
  'Mars/Base',
  '00000000-0000-0000-0000-000000000000',
  -1,
  0,
  1.5,
  -0,
  2147483648,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  true,
  [],
  {},
  [null],
  { x: { y: { z: 'nested' } } },
];

const HOSTILE_PATH = ['0', '-1', '1e3', '2147483648', 'abc', '..', '%00', 'x'.repeat(300), ' '];

/** Values of the planning format and this API that make bodies likely to pass validation. */
const LIKELY_STRINGS = [
  '2027-03-01',
  '2027-03-15',
  '2027-04-30',
  '08:00',
  '17:00',
  '2027-03-10T00:00',
  '2027-03-11T00:00',
  'FREQ=WEEKLY;BYDAY=MO,WE,FR',
  'FREQ=DAILY',
  'America/New_York',
  'Europe/Berlin',
  'prescriber',
  'rn',
  'infusion',
  'monitoring',
  'therapy',
  'intake',
  'ketamine-iv',
  'dose',
  'director',
  'frontdesk',
  'clinician',
  'first',
  'last',
  'start',
  'end',
  'MO',
  'FR',
  'Fuzzed name',
];

export interface FuzzPools {
  /** Real ids per path prefix (`/v1/staff`), grown from 201 answers as the run goes on. */
  idsByPrefix: Map<string, string[]>;
  /** Every real id (for bodies' uuid fields). */
  allIds: string[];
  /** nextCursor values seen, and made-up ones. */
  cursors: string[];
  /** Example values found in the spec. */
  examples: Json[];
  /** Valid bodies to mutate, by operation (`POST /v1/protocols`): deep shapes need them. */
  bodies: Map<string, Json[]>;
}

/** Example values anywhere in the document (`example` keywords). */
export function examplesOf(spec: unknown): Json[] {
  const found: Json[] = [];
  const stack: unknown[] = [spec];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (!Array.isArray(v) && 'example' in v) found.push((v as { example: Json }).example);
    stack.push(...Object.values(v));
  }
  return found;
}

/** Cursors that decode but name nothing sensible. */
export function craftedCursors(): string[] {
  const uuid = '00000000-0000-4000-8000-000000000000';
  const keys: unknown[] = [
    [],
    ['a'],
    ['a', 'b'],
    ['a', uuid],
    [1, uuid],
    ['\u0000', uuid],
    [1e20, uuid],
    ['2027-01-01', uuid, 3],
    ['x'.repeat(300), uuid],
    [null, uuid],
    { a: 1 },
  ];
  return [
    ...keys.map((k) => Buffer.from(JSON.stringify(k)).toString('base64url')),
    'not-a-cursor',
    '%%%',
    '',
  ];
}

/**
 * A value of a pool that grows during the run: the arbitrary draws an index and reads the
 * pool when the value is made, so arbitraries are built once per operation.
 */
function livePick<T>(pool: () => readonly T[], fallback: T): fc.Arbitrary<T> {
  return fc.nat().map((i) => {
    const values = pool();
    return values.length ? values[i % values.length] : fallback;
  });
}

class SchemaArbitraries {
  constructor(
    private readonly spec: Spec,
    private readonly pools: FuzzPools,
  ) {}

  of(schema: Schema | undefined, depth = 0): fc.Arbitrary<Json> {
    if (!schema || depth > 12) return fc.constant(null);
    const ref = schema.$ref as string | undefined;
    if (ref) return this.of(this.resolve(ref), depth + 1);
    const allOf = schema.allOf as Schema[] | undefined;
    if (allOf?.length) {
      const merged = this.of(allOf[0], depth + 1);
      return schema.nullable ? fc.option(merged, { nil: null, freq: 5 }) : merged;
    }
    const oneOf = schema.oneOf as Schema[] | undefined;
    if (oneOf?.length) return fc.oneof(...oneOf.map((s) => this.of(s, depth + 1)));
    const base = this.typed(schema, depth);
    return schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
  }

  private typed(schema: Schema, depth: number): fc.Arbitrary<Json> {
    const enumValues = schema.enum as Json[] | undefined;
    if (enumValues?.length) {
      return fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...enumValues) },
        { weight: 1, arbitrary: this.anyString() },
      );
    }
    const example = schema.example as Json | undefined;
    const withExample = (a: fc.Arbitrary<Json>) =>
      example === undefined
        ? a
        : fc.oneof({ weight: 2, arbitrary: fc.constant(example) }, { weight: 3, arbitrary: a });
    switch (schema.type) {
      case 'string':
        if (schema.format === 'uuid') return this.uuid();
        return withExample(this.anyString(schema));
      case 'integer':
      case 'number': {
        const min = (schema.minimum as number | undefined) ?? -5;
        const max = (schema.maximum as number | undefined) ?? 1000;
        const ints = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
        const edge = fc.constantFrom(min, max, min - 1, max + 1);
        return withExample(
          schema.type === 'integer'
            ? fc.oneof({ weight: 8, arbitrary: ints }, { weight: 2, arbitrary: edge })
            : fc.oneof(ints, edge, fc.double({ min, max, noNaN: true })),
        );
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = this.of(schema.items as Schema | undefined, depth + 1);
        return withExample(fc.array(items, { maxLength: 3 }));
      }
      case 'object':
      default:
        return withExample(this.object(schema, depth));
    }
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<Json> {
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    const extra = schema.additionalProperties as Schema | boolean | undefined;
    const names = Object.keys(props);
    if (names.length === 0 && extra) {
      return fc.dictionary(
        fc.constantFrom('intake', 'dose', 'infusion', 'integration', 'x'),
        typeof extra === 'object' ? this.of(extra, depth + 1) : fc.integer({ min: 0, max: 10 }),
        { maxKeys: 3 },
      ) as fc.Arbitrary<Json>;
    }
    if (names.length === 0) return fc.constant({});
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const name of names) model[name] = this.of(props[name], depth + 1);
    return fc.record(model, {
      requiredKeys: (schema.required as string[] | undefined) ?? [],
    }) as fc.Arbitrary<Json>;
  }

  uuid(): fc.Arbitrary<Json> {
    return fc.oneof(
      { weight: 6, arbitrary: livePick<Json>(() => this.pools.allIds, 'not-a-uuid') },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '', 42 as Json) },
    );
  }

  anyString(schema?: Schema): fc.Arbitrary<Json> {
    const max = (schema?.maxLength as number | undefined) ?? 40;
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...LIKELY_STRINGS) },
      { weight: 2, arbitrary: fc.constantFrom(...this.exampleStrings()) },
      { weight: 2, arbitrary: fc.string({ maxLength: Math.min(max, 60) }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    );
  }

  private exampleStrings(): string[] {
    const strings = this.pools.examples.filter((e): e is string => typeof e === 'string');
    return strings.length ? strings : LIKELY_STRINGS;
  }

  private resolve(ref: string): Schema {
    const name = ref.replace('#/components/schemas/', '');
    return this.spec.components.schemas[name] ?? {};
  }
}

export type Role = 'director' | 'frontdesk' | 'clinician';

export interface FuzzRequest {
  role: Role | 'none' | 'bad-key';
  url: string;
  body?: { json: Json } | { raw: string; contentType: string };
}

/** Where in a JSON value a mutation applies: every node's path. */
function nodePaths(value: Json): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const stack: { v: Json; p: (string | number)[] }[] = [{ v: value, p: [] }];
  while (stack.length && out.length < 500) {
    const { v, p } = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((c, i) => {
        out.push([...p, i]);
        stack.push({ v: c, p: [...p, i] });
      });
    } else if (v && typeof v === 'object') {
      for (const [k, c] of Object.entries(v)) {
        out.push([...p, k]);
        stack.push({ v: c, p: [...p, k] });
      }
    }
  }
  return out;
}

type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'remove'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: Json }
  | { kind: 'deep'; at: number; levels: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: fc.constantFrom(...HOSTILE),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      at: fc.nat(),
      key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'x\u0000'),
      value: fc.constantFrom<Json>({ polluted: true }, 1, 'x'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      at: fc.nat(),
      levels: fc.constantFrom(30, 40, 2000),
    }),
  },
);

/** Applies a mutation to a copy of `value` (JSON round trip first: no shared references). */
export function mutate(value: Json, m: Mutation): Json {
  if (m.kind === 'none') return value;
  const root: { v: Json } = { v: JSON.parse(JSON.stringify(value)) as Json };
  const paths = nodePaths(root.v);
  const path = paths[m.at % paths.length];
  let parent: Json = root as unknown as Json;
  let key: string | number = 'v';
  for (const step of path) {
    parent = (parent as Record<string | number, Json>)[key];
    key = step;
  }
  const holder = parent as Record<string | number, Json>;
  switch (m.kind) {
    case 'replace':
      holder[key] = m.value;
      break;
    case 'remove':
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete holder[key];
      break;
    case 'add-key': {
      const target = holder[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true });
      } else holder[key] = { [m.key]: m.value } as Json;
      break;
    }
    case 'deep': {
      let v: Json = holder[key];
      for (let i = 0; i < m.levels; i += 1) v = [v];
      holder[key] = v;
      break;
    }
  }
  return root.v;
}

/** One request of `op`: role, path and query values, body (JSON or not). */
export function requestArbitrary(
  spec: Spec,
  op: Operation,
  pools: FuzzPools,
): fc.Arbitrary<FuzzRequest> {
  const schemas = new SchemaArbitraries(spec, pools);
  const prefix = op.path.split('/').slice(0, 3).join('/');
  const idFor = (name: string): fc.Arbitrary<string> => {
    const key = name === 'enrollmentId' ? '/v1/enrollments' : prefix;
    return fc.oneof(
      { weight: 8, arbitrary: livePick(() => pools.idsByPrefix.get(key) ?? [], 'none') },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_PATH) },
    );
  };
  const pathValue = (name: string) =>
    name === 'v'
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('1', '2', '3') },
          { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PATH) },
        )
      : idFor(name);
  const queryValue = (q: { name: string; schema: Schema }): fc.Arbitrary<string | undefined> => {
    const valid: fc.Arbitrary<Json> =
      q.name === 'cursor'
        ? livePick(() => pools.cursors, '')
        : q.schema.format === 'uuid'
          ? schemas.uuid()
          : schemas.of(q.schema);
    return fc.option(
      fc.oneof(
        { weight: 6, arbitrary: valid.map((v) => (v === null ? '' : String(v))) },
        { weight: 1, arbitrary: fc.constantFrom('', '-1', '1e3', '%00', 'x'.repeat(300), 'true') },
      ),
      { nil: undefined, freq: 2 },
    );
  };
  const pathArb = fc.tuple(...op.pathParams.map(pathValue));
  const queryArb = fc.tuple(...op.query.map(queryValue));
  const role = fc.oneof(
    { weight: 12, arbitrary: fc.constant<FuzzRequest['role']>('director') },
    { weight: 3, arbitrary: fc.constantFrom<FuzzRequest['role']>('frontdesk', 'clinician') },
    { weight: 1, arbitrary: fc.constantFrom<FuzzRequest['role']>('none', 'bad-key') },
  );
  const known = pools.bodies.get(`${op.method.toUpperCase()} ${op.path}`) ?? [];
  const generated = op.body
    ? fc.oneof(
        { weight: 2, arbitrary: schemas.of(op.body) },
        {
          weight: known.length ? 3 : 0,
          arbitrary: fc.constantFrom<Json>(...(known.length ? known : [{}])),
        },
      )
    : undefined;
  const jsonBody: fc.Arbitrary<Json | undefined> = generated
    ? fc.tuple(generated, mutationArb).map(([v, m]) => mutate(v, m))
    : fc.option(fc.constantFrom<Json>({}, { x: 1 }, null), { nil: undefined, freq: 4 });
  const body = fc.oneof(
    { weight: 12, arbitrary: jsonBody.map((json) => (json === undefined ? undefined : { json })) },
    {
      weight: 1,
      arbitrary: fc.record({
        raw: fc.constantFrom('{"name":', 'null', '[1,2]', 'name=x', '{"a":1}{', '\u0000'),
        contentType: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
        ),
      }),
    },
  );
  return fc
    .record({ role, path: pathArb, query: queryArb, body })
    .map(({ role, path, query, body }) => {
      let url = op.path;
      op.pathParams.forEach((name, i) => {
        url = url.replace(`{${name}}`, encodeURIComponent(path[i]));
      });
      const search = new URLSearchParams();
      op.query.forEach((q, i) => {
        if (query[i] !== undefined) search.set(q.name, query[i]!);
      });
      const qs = search.toString();
      return { role, url: qs ? `${url}?${qs}` : url, body };
    });
}

/**
 * Rows per table and each table's latest update, as one string to compare: a refused request
 * must leave it unchanged (every write also adds an audit row). One query, built once.
 */
export async function fingerprintQuery(dataSource: DataSource): Promise<string> {
  const tables: { table_name: string; has_updated: boolean }[] = await dataSource.query(
    `SELECT t.table_name,
            EXISTS (SELECT 1 FROM information_schema.columns c
                     WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                       AND c.column_name = 'updated_at') AS has_updated
       FROM information_schema.tables t
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND t.table_name <> 'migrations'
      ORDER BY t.table_name`,
  );
  const parts = tables.map(
    (t) =>
      `'${t.table_name}:' || count(*) || ':' || ${
        t.has_updated ? "coalesce(max(updated_at)::text, '')" : "''"
      }`,
  );
  return `SELECT concat_ws(',', ${tables
    .map((t, i) => `(SELECT ${parts[i]} FROM "${t.table_name}")`)
    .join(', ')}) AS f`;
}

async function fingerprint(dataSource: DataSource, query: string): Promise<string> {
  const [row] = (await dataSource.query(query)) as { f: string }[];
  return row.f;
}

export interface FuzzFailure {
  /** The request's position in the run: rerun with the same FUZZ_SEED and more requests. */
  index: number;
  /** Its own generation seed (run seed + index). */
  seed: number;
  method: string;
  url: string;
  status: number;
  problem: string;
  request: string;
}

export interface FuzzRun {
  failures: FuzzFailure[];
  /** Requests per operation (`GET /v1/staff`) and per status. */
  byOperation: Map<string, number>;
  byStatus: Map<number, number>;
}

export interface FuzzTarget {
  agentFor(role: FuzzRequest['role']): Agent;
  dataSource: DataSource;
}

/**
 * Sends `count` requests, round-robin over the operations, the i-th generated with seed
 * `seed + i`. The planner's time limit is clamped (bounded runs stay bounded; its own limits
 * are tested in plans.e2e).
 */
export async function runFuzz(
  spec: Spec,
  target: FuzzTarget,
  pools: FuzzPools,
  { count, seed }: { count: number; seed: number },
): Promise<FuzzRun> {
  const ops = operationsOf(spec);
  const run: FuzzRun = { failures: [], byOperation: new Map(), byStatus: new Map() };
  const query = await fingerprintQuery(target.dataSource);
  const arbitraries = ops.map((op) => requestArbitrary(spec, op, pools));
  let state = await fingerprint(target.dataSource, query);
  for (let i = 0; i < count; i += 1) {
    const op = ops[i % ops.length];
    const requestSeed = seed + i;
    const [req] = fc.sample(arbitraries[i % ops.length], { seed: requestSeed, numRuns: 1 });
    if (op.path === '/v1/plans/solve' && req.body && 'json' in req.body) {
      const json = req.body.json;
      if (json && typeof json === 'object' && !Array.isArray(json))
        json.options = { timeLimitMs: 100 };
    }
    let call = target.agentFor(req.role)[op.method](req.url);
    if (req.body && 'json' in req.body) {
      call = call.set('Content-Type', 'application/json').send(JSON.stringify(req.body.json));
    } else if (req.body) {
      call = call.set('Content-Type', req.body.contentType).send(req.body.raw);
    }
    const res = await call;
    const before = state;
    state = await fingerprint(target.dataSource, query);
    const name = `${op.method.toUpperCase()} ${op.path}`;
    run.byOperation.set(name, (run.byOperation.get(name) ?? 0) + 1);
    run.byStatus.set(res.status, (run.byStatus.get(res.status) ?? 0) + 1);
    const fail = (problem: string) =>
      run.failures.push({
        index: i,
        seed: requestSeed,
        method: op.method.toUpperCase(),
        url: req.url.slice(0, 300),
        status: res.status,
        problem,
        request: JSON.stringify(req.body ?? null).slice(0, 500),
      });
    if (res.status >= 500) fail(`5xx: ${JSON.stringify(res.body).slice(0, 300)}`);
    if (res.status >= 400) {
      if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
        fail(`content-type ${res.headers['content-type']}`);
      }
      if (typeof res.body?.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(res.body.code)) {
        fail(`no code: ${JSON.stringify(res.body).slice(0, 200)}`);
      }
      if (state !== before) fail('refused but wrote');
    } else {
      learn(pools, op, res.status, res.body);
    }
  }
  return run;
}

/** Grows the pools from successful answers: new ids, next cursors. */
function learn(pools: FuzzPools, op: Operation, status: number, body: unknown): void {
  if (!body || typeof body !== 'object') return;
  const b = body as { id?: unknown; nextCursor?: unknown };
  if (typeof b.nextCursor === 'string' && !pools.cursors.includes(b.nextCursor)) {
    pools.cursors.push(b.nextCursor);
  }
  if (status === 201 && typeof b.id === 'string') {
    const prefix = op.path.split('/').slice(0, 3).join('/');
    const pool = pools.idsByPrefix.get(prefix) ?? [];
    pool.push(b.id);
    pools.idsByPrefix.set(prefix, pool);
    pools.allIds.push(b.id);
  }
}
