/**
 * HTTP benchmark of a calendar feed, `GET /feeds/<token>.ics`, with autocannon.
 *
 *   npm run bench:feed [-- --events 1000 --connections 4 --duration 10 --warmup 3 --pg]
 *   npx tsc -p tsconfig.json --outDir /tmp/kps-build && node /tmp/kps-build/bench/feed-http.js --pg
 *     (the same, compiled by tsc instead of @swc-node/register)
 *
 * Starts the app in a child process (in-memory PGlite; `--pg`: the DATABASE_URL PostgreSQL,
 * default postgres://postgres@127.0.0.1:5432/test) with one clinic whose nurse has `--events`
 * appointments over the next year (four a weekday, 50 patients), makes her staff feed, checks
 * the calendar (every event there, ical-generator output), then measures:
 * - server time (the request log's `ms`, read in the server) of a full answer when nothing
 *   changed (from memory after the fingerprint query) and right after a change (re-rendered);
 * - throughput with autocannon: full 200 answers, 304 answers (If-None-Match), and both
 *   alternating on every connection.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Role } from '../src/entities/api-key.entity';
import { loadConfig } from '../src/infra/config/app-config';
import { createApp } from '../src/infra/http/create-app';
import { createLogger } from '../src/infra/logging/logger';
import { dropDatabase, recreateDatabase } from '../src/infra/database/postgres-admin';
import { FeedContentRepository } from '../src/repositories/feed-content.repository';
import { operatorActor } from '../src/services/actor';
import { ApiKeyService } from '../src/services/api-key.service';
import { ClinicService } from '../src/services/clinic.service';
import { enrollPatient, ivClinic } from '../test/factories/appointments';
import type { TestClinic } from '../test/harness/test-app';
import { machine } from './report';

const BENCH_DB = 'kps_feed_bench';
const serverUrl = () => process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Args {
  events: number;
  connections: number;
  durationS: number;
  warmupS: number;
  pg: boolean;
  explain: boolean;
}

interface Ready {
  port: number;
  path: string;
  events: number;
  database: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    events: 1000,
    connections: 4,
    durationS: 10,
    warmupS: 3,
    pg: false,
    explain: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => Number(argv[++i]);
    if (a === '--events') args.events = value();
    else if (a === '--connections') args.connections = value();
    else if (a === '--duration') args.durationS = value();
    else if (a === '--warmup') args.warmupS = value();
    else if (a === '--pg') args.pg = true;
    else if (a === '--explain') args.explain = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** Child process: the app with the data, its request-log `ms` of feed fetches kept in memory. */
async function serve(args: Args): Promise<void> {
  let feedMs: number[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.includes('"/feeds/')) continue;
        const l = JSON.parse(line) as { ms: number };
        feedMs.push(l.ms);
      }
      done();
    },
  });
  // Its own database on the server (dropped and recreated), never the URL's own.
  const databaseUrl = args.pg ? await recreateDatabase(serverUrl(), BENCH_DB) : undefined;
  const config = {
    ...loadConfig({ ...process.env, SEED_DEMO: 'false', OPENAPI_UI: 'false', LOG_LEVEL: 'info' }),
    databaseUrl,
    dataDir: 'memory://',
  };
  const app = await createApp(config, createLogger('info', sink));
  const server = app.getHttpServer();
  const clinic = await app
    .get(ClinicService)
    .create({ name: `Bench clinic ${Date.now()}`, timeZone: 'America/New_York' }, 'cli');
  const keys = {} as Record<Role, string>;
  for (const role of ['director', 'frontdesk'] as const) {
    const key = await app
      .get(ApiKeyService)
      .create(operatorActor(clinic.id, 'cli'), { name: role, role });
    keys[role] = key.secret;
  }
  const testClinic = {
    id: clinic.id,
    keys,
    as: (role: Role) => request.agent(server).set('Authorization', `Bearer ${keys[role]}`),
  } as unknown as TestClinic;
  const iv = await ivClinic(testClinic);
  const enrollments = [];
  for (let i = 0; i < 50; i++) enrollments.push((await enrollPatient(iv)).id);
  const ds = app.get(DataSource);
  // Four sessions a weekday from tomorrow (09:00, 11:00, 13:00, 15:00 New York time).
  await ds.query(
    `WITH days AS (
       SELECT d::date AS day FROM generate_series((current_date + 1)::timestamp, (current_date + 400)::timestamp, '1 day') d
        WHERE extract(isodow FROM d) < 6),
     slots AS (
       SELECT ((day + make_time(h, 0, 0)) AT TIME ZONE 'America/New_York') AS starts_at,
              row_number() OVER (ORDER BY day, h) - 1 AS n
         FROM days, unnest(ARRAY[9, 11, 13, 15]) h),
     picked AS (SELECT * FROM slots WHERE n < $1),
     e AS (SELECT id, patient_id, row_number() OVER (ORDER BY id) - 1 AS k
             FROM enrollment WHERE clinic_id = $2),
     st AS (SELECT id FROM session_type WHERE clinic_id = $2 ORDER BY name LIMIT 1),
     ins AS (
       INSERT INTO appointment (clinic_id, enrollment_id, patient_id, series_id, index,
                                session_type_id, starts_at, ends_at, room_id)
       SELECT $2, e.id, e.patient_id, 'dose', p.n / 50 + 1, st.id, p.starts_at,
              p.starts_at + interval '2 hours', $3
         FROM picked p JOIN e ON e.k = p.n % 50, st
       RETURNING id, starts_at, ends_at)
     INSERT INTO appointment_staff (clinic_id, appointment_id, staff_id, role, starts_at, ends_at)
     SELECT $2, id, $4, 'rn', starts_at, ends_at FROM ins`,
    [args.events, clinic.id, iv.rooms.bay1, iv.staff.rnB],
  );
  const feed = (
    await testClinic
      .as('director')
      .post('/v1/feeds')
      .send({ kind: 'staff', targetId: iv.staff.rnB })
      .expect(201)
  ).body as { url: string };
  if (args.explain) await explain(app.get(FeedContentRepository), ds, clinic.id, iv.staff.rnB);
  await app.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  process.send?.({
    port,
    path: new URL(feed.url).pathname,
    events: args.events,
    database: databaseUrl ? 'PostgreSQL' : 'PGlite (in memory)',
  } satisfies Ready);
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'take-ms') {
      process.send?.({ ms: feedMs });
      feedMs = [];
    } else if (m.cmd.startsWith('recheck=')) {
      const previous = config.feeds.recheckMs;
      config.feeds.recheckMs = Number(m.cmd.slice('recheck='.length));
      process.send?.({ recheck: previous });
    } else if (m.cmd === 'touch') {
      void ds
        .query(
          `UPDATE appointment SET updated_at = now(), version = version + 1
            WHERE id = (SELECT id FROM appointment WHERE clinic_id = $1 ORDER BY random() LIMIT 1)`,
          [clinic.id],
        )
        .then(() => process.send?.({ touched: true }));
    }
  });
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
}

/** `--explain`: times the feed's queries and prints the fingerprint's plan (stderr). */
async function explain(
  content: FeedContentRepository,
  ds: DataSource,
  clinicId: string,
  staffId: string,
) {
  const scope = {
    clinicId,
    kind: 'staff' as const,
    targetId: staffId,
    from: new Date(Date.now() - 30 * 86_400_000),
    to: new Date(Date.now() + 366 * 86_400_000),
    cancelledShownSince: new Date(Date.now() - 30 * 86_400_000),
  };
  for (const [name, f] of [
    ['fingerprint', () => content.fingerprint(scope)],
    ['appointments', () => content.appointments(scope)],
    ['token lookup', () => ds.query('SELECT 1')],
  ] as const) {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await f();
    console.error(`${name}: ${((performance.now() - t0) / 20).toFixed(2)} ms`);
  }
  const plan: { 'QUERY PLAN': string }[] = await ds.query(
    `EXPLAIN ANALYZE ${content.fingerprintSql('staff')}`,
    [clinicId, staffId, scope.from, scope.to, scope.cancelledShownSince],
  );
  console.error(plan.map((r) => r['QUERY PLAN']).join('\n'));
}

function ask<T>(child: ChildProcess, cmd: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', on);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    child.send({ cmd });
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  const child = fork(__filename, ['--serve', ...process.argv.slice(2)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (r: Ready) => resolve(r));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  try {
    const url = `http://127.0.0.1:${ready.port}${ready.path}`;
    const first = await fetch(url);
    const text = await first.text();
    const etag = first.headers.get('etag')!;
    const count = text.split('BEGIN:VEVENT').length - 1;
    if (first.status !== 200 || count !== ready.events) {
      throw new Error(`sanity check failed: HTTP ${first.status}, ${count} events`);
    }

    // Server time, sequential: unchanged feed (memory) and a feed changed before each request.
    await ask(child, 'take-ms', 'ms');
    for (let i = 0; i < 200; i++) await (await fetch(url)).arrayBuffer();
    const unchanged = await ask<number[]>(child, 'take-ms', 'ms');
    // Check on every request here, or the change would wait for FEED_RECHECK_MS.
    const recheckMs = await ask<number>(child, 'recheck=0', 'recheck');
    for (let i = 0; i < 100; i++) await (await fetch(url)).arrayBuffer();
    const checked = await ask<number[]>(child, 'take-ms', 'ms');
    for (let i = 0; i < 50; i++) {
      await ask(child, 'touch', 'touched');
      await (await fetch(url)).arrayBuffer();
    }
    const changed = await ask<number[]>(child, 'take-ms', 'ms');
    await ask(child, `recheck=${recheckMs}`, 'recheck');

    const current = (await fetch(url)).headers.get('etag')!;
    const run = (requests: { headers?: Record<string, string> }[], duration: number) =>
      autocannon({ url, connections: args.connections, duration, requests, timeout: 30 });
    const full = [{ headers: {} }];
    const cond = [{ headers: { 'if-none-match': current } }];
    await run([...full, ...cond], args.warmupS);
    await ask(child, 'take-ms', 'ms');

    console.log(`# Calendar feed HTTP benchmark (${new Date().toISOString()})\n`);
    console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}, ${m.code}`);
    console.log(`- load average at start (1/5/15 min): ${m.loadAverage}`);
    console.log(
      `- FEED_RECHECK_MS ${recheckMs} (0 while measuring "after a change"); ` +
        `database: ${ready.database}; one staff feed of ${ready.events} events ` +
        `(${text.length} bytes, ETag ${etag.slice(0, 12)}…); server ` +
        (__filename.endsWith('.ts') ? 'from source (@swc-node/register)' : 'compiled (tsc)'),
    );
    console.log(`\nServer time (request log \`ms\`), sequential requests:\n`);
    console.log('| case | requests | p50 ms | p90 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, xs] of [
      ['unchanged feed, full 200 body (FEED_RECHECK_MS default)', unchanged],
      ['unchanged feed, fingerprint query on every request', checked],
      ['after a change (fingerprint moved: read + render)', changed],
    ] as const) {
      console.log(`| ${name} | ${xs.length} | ${pct(xs, 50)} | ${pct(xs, 90)} | ${pct(xs, 99)} |`);
    }
    console.log(
      `\nThroughput with autocannon, ${args.connections} connections, ${args.durationS} s each ` +
        `(warm-up ${args.warmupS} s):\n`,
    );
    console.log(
      '| requests sent | total | req/s | 200 | 304 | other | p50 ms | p99 ms | server p50 ms |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, reqs] of [
      ['full (no validator)', full],
      ['If-None-Match (304)', cond],
      ['alternating full / 304', [...full, ...cond]],
    ] as const) {
      const r = await run([...reqs], args.durationS);
      const server = await ask<number[]>(child, 'take-ms', 'ms');
      const codes = r.statusCodeStats;
      const n = (c: string) => codes[c]?.count ?? 0;
      const other = r.requests.total - n('200') - n('304');
      console.log(
        `| ${name} | ${r.requests.total} | ${(r.requests.total / r.duration).toFixed(0)} | ` +
          `${n('200')} | ${n('304')} | ${other} | ${r.latency.p50} | ${r.latency.p99} | ${pct(server, 50)} |`,
      );
    }
    console.log(`\n- load average at the end: ${machine().loadAverage}`);
  } finally {
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
    if (args.pg) await dropDatabase(serverUrl(), BENCH_DB);
  }
}

if (process.argv.includes('--serve')) {
  serve(parseArgs(process.argv.slice(2).filter((a) => a !== '--serve'))).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
