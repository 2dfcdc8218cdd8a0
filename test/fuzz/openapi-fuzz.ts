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
import { mutate, mutationArb } from './fuzz-mutation';
import { HOSTILE_PATH, livePick, SchemaArbitraries, type FuzzPools } from './fuzz-values';
import { operationsOf, type Json, type Operation, type Schema, type Spec } from './openapi-spec';

export type Role = 'director' | 'frontdesk' | 'clinician';

export interface FuzzRequest {
  role: Role | 'none' | 'bad-key';
  url: string;
  body?: { json: Json } | { raw: string; contentType: string };
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
