/**
 * App instances as separate processes (`node dist/src/main.js`) on one PostgreSQL database,
 * for the multi-process scripts (bench/booking-race.ts, bench/plan-run-takeover.ts). Needs
 * `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** A JSON request with a key: status and parsed body. */
export type Http = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: Record<string, unknown> }>;

export interface Instance {
  child: ChildProcess;
  port: number;
}

export function freePort(): Promise<number> {
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
export async function makeClinic(
  databaseUrl: string,
  name: string,
  timeZone: string,
): Promise<{ id: string; director: string; desk: string }> {
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
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    PLAN_RUN_POLL_MS: '0',
  });
  const app = await createApp(config, createLogger('warn'));
  try {
    const clinic = await app.get(ClinicService).create({ name, timeZone }, 'cli');
    const actor = operatorActor(clinic.id, 'cli');
    const keys = app.get(ApiKeyService);
    const director = await keys.create(actor, { name: 'bench director', role: 'director' });
    const desk = await keys.create(actor, { name: 'bench desk', role: 'frontdesk' });
    return { id: clinic.id, director: director.secret, desk: desk.secret };
  } finally {
    await app.close();
  }
}

export async function startInstance(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Instance> {
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
      ...env,
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

/**
 * JSON requests to an instance with a key, over node:http with no client timeout (a commit of
 * thousands of appointments may take minutes on a loaded machine; fetch gives up after 300 s).
 */
export function client(port: number, key: string): Http {
  return (method, path, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          headers: {
            authorization: `Bearer ${key}`,
            'content-type': 'application/json',
            ...(payload !== undefined && { 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** `<db>_<suffix>` next to DATABASE_URL's database, dropped and re-created. */
export async function scratchDatabase(suffix: string): Promise<{ url: string; name: string }> {
  const base = process.env.DATABASE_URL?.trim();
  if (!base?.startsWith('postgres'))
    throw new Error('set DATABASE_URL=postgres://... (PostgreSQL)');
  const { recreateDatabase } = await import('../src/infra/database/postgres-admin');
  const name = `${new URL(base).pathname
    .slice(1)
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase()}_${suffix}`;
  return { url: await recreateDatabase(base, name), name };
}

/**
 * In a benchmark's child process: the app with its clock frozen at `now`, on the DATABASE_URL
 * PostgreSQL or else PGlite in memory, and the demo clinic seeded. Modules load lazily so the
 * parent process stays light.
 */
export async function bootDemoApp(now: Date) {
  const { loadConfig } = await import('../src/infra/config/app-config');
  const { createApp } = await import('../src/infra/http/create-app');
  const { createLogger } = await import('../src/infra/logging/logger');
  const { CLOCK } = await import('../src/services/clock');
  const { SeedService } = await import('../src/seed/seed.service');
  const env = { ...process.env, SEED_DEMO: 'false', OPENAPI_UI: 'false' };
  const base = loadConfig(env);
  const config = process.env.DATABASE_URL
    ? base
    : { ...base, databaseUrl: undefined, dataDir: 'memory://' };
  const app = await createApp(config, createLogger(config.logLevel), {
    providers: [{ provide: CLOCK, useValue: { now: () => now } }],
  });
  const seeded = await app.get(SeedService).seedDemo();
  return { app, config, ...seeded };
}
