/**
 * HTTP benchmark of `POST /v1/plans/solve` (the planner's worker pool), with autocannon.
 *
 *   npm run bench:http [-- --example esketamine-8-weeks --connections 1,4 --duration 20 --warmup 5 --dist]
 *
 * Starts the app in a child process (so the load generator does not share its event loop)
 * on an in-memory PGlite and a free localhost port, creates a clinic with a director key as
 * the e2e harness does, checks one answer with the independent validator, warms the pool
 * up, then runs autocannon once per connection count and prints a markdown table.
 * The problem is a shared example (test/fixtures/examples) reduced to its first patient.
 * `--dist` runs the server from the compiled build (`npm run build` first), as `npm start`
 * does; without it the server runs from source through @swc-node/register.
 * PLANNER_POOL_SIZE, LOG_LEVEL and the other app variables pass through to the server.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Problem, Solution } from '../src/domain/planning/format';
import { validateSolution } from '../src/domain/planning/solution-check';
import { machine } from './report';

interface Args {
  example: string;
  connections: number[];
  durationS: number;
  warmupS: number;
  dist: boolean;
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
    dist: false,
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
    else if (a === '--dist') args.dist = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.connections.some((c) => !Number.isInteger(c) || c < 1)) {
    throw new Error('--connections takes positive integers, e.g. 1,4');
  }
  return args;
}

/** The app's modules, from source or from the compiled build. */
async function appModules(dist: boolean) {
  const from = <T>(path: string): Promise<T> =>
    import(join(__dirname, dist ? '../dist/src' : '../src', path)) as Promise<T>;
  return {
    ...(await from<typeof import('../src/infra/config/app-config')>('infra/config/app-config')),
    ...(await from<typeof import('../src/infra/http/create-app')>('infra/http/create-app')),
    ...(await from<typeof import('../src/infra/logging/logger')>('infra/logging/logger')),
    ...(await from<typeof import('../src/services/actor')>('services/actor')),
    ...(await from<typeof import('../src/services/api-key.service')>('services/api-key.service')),
    ...(await from<typeof import('../src/services/clinic.service')>('services/clinic.service')),
  };
}

/** Child process: the real app on PGlite in memory, one clinic, one director key. */
async function serve(dist: boolean): Promise<void> {
  const { loadConfig, createApp, createLogger, operatorActor, ApiKeyService, ClinicService } =
    await appModules(dist);
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

function startServer(dist: boolean): Promise<{ child: ChildProcess; server: Server }> {
  const child = fork(__filename, ['--serve', ...(dist ? ['--dist'] : [])], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'], // request log lines: written, not shown
  });
  return new Promise((resolve, reject) => {
    child.once('message', (server: Server) => resolve({ child, server }));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

/**
 * CPU time (ms, all threads) the server process has used so far, from /proc (Linux), or
 * undefined elsewhere. Per request it says what a solve costs, whatever else the machine runs.
 */
function serverCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    const perSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    return (ticks * 1000) / perSecond;
  } catch {
    return undefined;
  }
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
  const { child, server } = await startServer(args.dist);
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
      `- server from ${args.dist ? 'the compiled build (dist/)' : 'source (@swc-node/register)'}; ` +
        `planner pool: ${server.poolSize} threads; warm-up ${args.warmupS} s, ` +
        `then ${args.durationS} s per row\n`,
    );
    console.log(
      '| connections | requests | req/s | p50 ms | p90 ms | p99 ms | non-2xx | errors | server CPU ms/request |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const connections of args.connections) {
      const cpuBefore = serverCpuMs(child.pid);
      const r = await run(connections, args.durationS);
      const cpuAfter = serverCpuMs(child.pid);
      const perSecond = (r.requests.total / r.duration).toFixed(1);
      const cpu =
        cpuBefore === undefined || cpuAfter === undefined || r.requests.total === 0
          ? '—'
          : ((cpuAfter - cpuBefore) / r.requests.total).toFixed(1);
      console.log(
        `| ${connections} | ${r.requests.total} | ${perSecond} | ${r.latency.p50} | ` +
          `${r.latency.p90} | ${r.latency.p99} | ${r.non2xx} | ${r.errors} | ${cpu} |`,
      );
    }
    console.log(`\n- load average at the end: ${machine().loadAverage}`);
  } finally {
    child.disconnect();
  }
}

if (process.argv.includes('--serve')) {
  serve(process.argv.includes('--dist')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
