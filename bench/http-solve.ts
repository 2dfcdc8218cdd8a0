/**
 * HTTP benchmark of `POST /v1/plans/solve` (the planner's worker pool), with autocannon.
 *
 *   npm run bench:http [-- --example esketamine-8-weeks --connections 1,4 --duration 20 --warmup 5]
 *
 * Starts the app in a child process (so the load generator does not share its event loop)
 * on an in-memory PGlite and a free localhost port, creates a clinic with a director key as
 * the e2e harness does, checks one answer with the independent validator, warms the pool
 * up, then runs autocannon once per connection count and prints a markdown table.
 * The problem is a shared example (test/fixtures/examples) reduced to its first patient.
 * PLANNER_POOL_SIZE, LOG_LEVEL and the other app variables pass through to the server.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Problem, Solution } from '../src/domain/planning/format';
import { validateSolution } from '../src/domain/planning/solution-check';
import { loadConfig } from '../src/infra/config/app-config';
import { createApp } from '../src/infra/http/create-app';
import { createLogger } from '../src/infra/logging/logger';
import { operatorActor } from '../src/services/actor';
import { ApiKeyService } from '../src/services/api-key.service';
import { ClinicService } from '../src/services/clinic.service';
import { machine } from './report';

interface Args {
  example: string;
  connections: number[];
  durationS: number;
  warmupS: number;
}

interface Server {
  port: number;
  key: string;
  poolSize: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    example: 'esketamine-8-weeks',
    connections: [1, 4],
    durationS: 20,
    warmupS: 5,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--example') args.example = value();
    else if (a === '--connections') args.connections = value().split(',').map(Number);
    else if (a === '--duration') args.durationS = Number(value());
    else if (a === '--warmup') args.warmupS = Number(value());
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.connections.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error('--connections takes positive integers, e.g. 1,4');
  }
  return args;
}

/** Child process: the real app on PGlite in memory, one clinic, one director key. */
async function serve(): Promise<void> {
  const config = {
    ...loadConfig({ ...process.env, SEED_DEMO: 'false', OPENAPI_UI: 'false' }),
    databaseUrl: undefined,
    dataDir: 'memory://',
  };
  const app = await createApp(config, createLogger(config.logLevel));
  const clinic = await app
    .get(ClinicService)
    .create({ name: 'Bench clinic', timeZone: 'America/New_York' }, 'cli');
  const key = await app
    .get(ApiKeyService)
    .create(operatorActor(clinic.id, 'cli'), { name: 'bench director', role: 'director' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const server: Server = { port, key: key.secret, poolSize: config.plannerPoolSize };
  process.send?.(server);
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
}

function startServer(): Promise<{ child: ChildProcess; server: Server }> {
  const child = fork(__filename, ['--serve'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // request log lines: written, not shown
  });
  return new Promise((resolve, reject) => {
    child.once('message', (server: Server) => resolve({ child, server }));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

function onePatientProblem(example: string): Problem {
  const file = join(__dirname, '../test/fixtures/examples', `${example}.json`);
  const problem = JSON.parse(readFileSync(file, 'utf8')) as Problem;
  return { ...problem, patients: problem.patients.slice(0, 1) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const problem = onePatientProblem(args.example);
  const body = JSON.stringify(problem);
  const m = machine();
  const { child, server } = await startServer();
  try {
    const url = `http://127.0.0.1:${server.port}/v1/plans/solve`;
    const headers = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };

    const res = await fetch(url, { method: 'POST', headers, body });
    const solution = (await res.json()) as Solution;
    const violations = res.status === 200 ? validateSolution(problem, solution) : [];
    if (res.status !== 200 || violations.length > 0) {
      throw new Error(`sanity check failed: HTTP ${res.status}, ${violations.length} violations`);
    }

    const run = (connections: number, duration: number) =>
      autocannon({ url, method: 'POST', headers, body, connections, duration, timeout: 60 });
    await run(Math.max(...args.connections), args.warmupS);

    console.log(`# HTTP solve benchmark (${new Date().toISOString()})\n`);
    console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}, ${m.code}`);
    console.log(`- load average at start (1/5/15 min): ${m.loadAverage}`);
    console.log(
      `- problem: ${args.example} reduced to 1 patient (${body.length} bytes), ` +
        `answer ${solution.status}, ${solution.appointments.length} appointments, valid`,
    );
    console.log(
      `- planner pool: ${server.poolSize} threads; warm-up ${args.warmupS} s, ` +
        `then ${args.durationS} s per row\n`,
    );
    console.log('| connections | requests | req/s | p50 ms | p90 ms | p99 ms | non-2xx | errors |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const connections of args.connections) {
      const r = await run(connections, args.durationS);
      const perSecond = (r.requests.total / r.duration).toFixed(1);
      console.log(
        `| ${connections} | ${r.requests.total} | ${perSecond} | ${r.latency.p50} | ` +
          `${r.latency.p90} | ${r.latency.p99} | ${r.non2xx} | ${r.errors} |`,
      );
    }
  } finally {
    child.disconnect();
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
