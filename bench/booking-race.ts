/**
 * The booking race across processes: three app instances (`node dist/src/main.js`) on one
 * PostgreSQL database, many concurrent hand bookings over the same staff, rooms (capacity 1
 * and 2) and patients spread over them, some retried with an Idempotency-Key, then the
 * outcome checked against the database (test/factories/booking-race.ts): only 201 and 409,
 * no overbooked resource, no 409 that would have fitted, one booking per retried request.
 *
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_rules \
 *     npm run bench:race [-- --requests 200 --processes 3 --seed 1 --retried 10 --days 3]
 *
 * Uses (drops and re-creates) the database `<name>_race` next to DATABASE_URL's.
 * Exit code 0 when the race went right, 1 otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import {
  checkRace,
  type Http,
  raceRequests,
  runRace,
  setUpRace,
} from '../test/factories/booking-race';
import { machine } from './report';

const ROOT = join(__dirname, '..');
const ZONE = 'America/New_York';

interface Args {
  requests: number;
  processes: number;
  seed: number;
  retried: number;
  days: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { requests: 200, processes: 3, seed: 1, retried: 10, days: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], Number(argv[i + 1])];
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number`);
    if (flag === '--requests') args.requests = value;
    else if (flag === '--processes') args.processes = value;
    else if (flag === '--seed') args.seed = value;
    else if (flag === '--retried') args.retried = value;
    else if (flag === '--days') args.days = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (args.days < 1 || args.days > 5) throw new Error('--days takes 1 to 5 (weekdays)');
  if (args.processes < 1) throw new Error('--processes takes at least 1');
  return args;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A clinic with a director and a front-desk key, made by the compiled app (which migrates). */
async function makeClinic(databaseUrl: string) {
  const from = <T>(path: string): Promise<T> => import(join(ROOT, 'dist/src', path)) as Promise<T>;
  const { loadConfig } =
    await from<typeof import('../src/infra/config/app-config')>('infra/config/app-config');
  const { createApp } =
    await from<typeof import('../src/infra/http/create-app')>('infra/http/create-app');
  const { createLogger } =
    await from<typeof import('../src/infra/logging/logger')>('infra/logging/logger');
  const { operatorActor } = await from<typeof import('../src/services/actor')>('services/actor');
  const { ApiKeyService } = await from<typeof import('../src/services/api-key.service')>(
    'services/api-key.service',
  );
  const { ClinicService } =
    await from<typeof import('../src/services/clinic.service')>('services/clinic.service');
  const config = loadConfig({ DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'warn' });
  const app = await createApp(config, createLogger('warn'));
  try {
    const clinic = await app
      .get(ClinicService)
      .create({ name: 'Race clinic', timeZone: ZONE }, 'cli');
    const actor = operatorActor(clinic.id, 'cli');
    const keys = app.get(ApiKeyService);
    const director = await keys.create(actor, { name: 'race director', role: 'director' });
    const desk = await keys.create(actor, { name: 'race desk', role: 'frontdesk' });
    return { director: director.secret, desk: desk.secret };
  } finally {
    await app.close();
  }
}

async function startInstance(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      OPENAPI_UI: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (child.exitCode !== null)
      throw new Error(`instance on port ${port} exited (${child.exitCode})`);
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, port };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error(`instance on port ${port} did not answer /health within 60 s`);
}

function client(port: number, key: string): Http {
  return async (method, path, body, headers = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

/** A Monday at least two weeks ahead, in the clinic's zone. */
function raceDate(): string {
  const soon = DateTime.now().setZone(ZONE).plus({ days: 14 });
  return soon.plus({ days: (8 - soon.weekday) % 7 }).toISODate()!;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const base = process.env.DATABASE_URL?.trim();
  if (!base?.startsWith('postgres'))
    throw new Error('set DATABASE_URL=postgres://... (PostgreSQL)');
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
  const { recreateDatabase } = await import('../src/infra/database/postgres-admin');
  const name = `${new URL(base).pathname
    .slice(1)
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase()}_race`;
  const url = await recreateDatabase(base, name);
  const keys = await makeClinic(url);
  const instances: { child: ChildProcess; port: number }[] = [];
  const sql = new Client({ connectionString: url });
  try {
    for (let i = 0; i < args.processes; i++) instances.push(await startInstance(url));
    const date = raceDate();
    const cat = await setUpRace(client(instances[0].port, keys.director), ZONE, date, 12);
    const requests = raceRequests(cat, date, args.requests, args.seed, args.retried, args.days);
    const desks = instances.map((i) => client(i.port, keys.desk));
    const started = Date.now();
    const replies = await runRace(requests, (slot, r) =>
      desks[slot % desks.length](
        'POST',
        '/v1/appointments',
        r.body,
        r.key ? { 'Idempotency-Key': r.key } : {},
      ),
    );
    const ms = Date.now() - started;
    await sql.connect();
    const report = await checkRace(
      async (text, params) => (await sql.query(text, params)).rows as Record<string, unknown>[],
      cat,
      requests,
      replies,
    );
    const m = machine();
    console.log(`# Booking race (${new Date().toISOString()})\n`);
    console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}; load ${m.loadAverage}`);
    console.log(
      `- ${args.processes} app processes on PostgreSQL database ${name}; sessions on ${args.days} days from ${date}`,
    );
    console.log(
      `- ${report.requests} requests (${args.retried} sent 3 times with one Idempotency-Key): ` +
        `${report.sent} HTTP calls in ${ms} ms; statuses ${JSON.stringify(report.statuses)}`,
    );
    console.log(`- booked ${report.created}, refused ${report.refused}`);
    console.log(
      report.problems.length === 0
        ? '- check: every answer 201 or 409, nothing overbooked, every 409 a real conflict, one booking per retried request'
        : `- PROBLEMS:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exitCode = report.problems.length === 0 ? 0 : 1;
  } finally {
    await sql.end().catch(() => undefined);
    for (const i of instances) i.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
