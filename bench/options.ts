/**
 * Latency of `GET /v1/appointments/{id}/options` (the front desk's move options) on the demo
 * clinic, over HTTP on localhost.
 *
 *   npm run bench:options [-- --requests 400 --warmup 40 --limit 10]
 *
 * Starts the app in a child process on an in-memory PGlite (or DATABASE_URL), seeds the demo
 * clinic (src/seed: 7 staff, 4 rooms, the IV M/W/F protocol, 4 patients in the March 2027
 * cohort), then books every patient's whole course (intake + 6 infusions) through the
 * service, each session at the first valid option nearest a naive guess (so the calendar is
 * as full as the demo gets: 28 appointments). The client then asks the options of every
 * booked appointment in turn (default window: 7 days either side, `limit`), sequentially
 * over one connection, and reports p50/p90/p99/max in ms. The server's clock is set to
 * 2027-03-01 so the cohort lies ahead.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { bootDemoApp } from './app-processes';
import { processCpuMs } from './cpu';
import { machine } from './report';

interface Args {
  requests: number;
  warmup: number;
  limit: number;
}

interface Server {
  port: number;
  key: string;
  appointments: string[];
  database: string;
}

const NOW = new Date('2027-03-01T12:00:00Z');

function parseArgs(argv: string[]): Args {
  const args: Args = { requests: 400, warmup: 40, limit: 10 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = Number(argv[++i]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number`);
    if (a === '--requests') args.requests = v;
    else if (a === '--warmup') args.warmup = v;
    else if (a === '--limit') args.limit = v;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** Child process: the app with the demo clinic and its cohort's courses booked. */
async function serve(): Promise<void> {
  const { operatorActor } = await import('../src/services/actor');
  const { EnrollmentService } = await import('../src/services/enrollment.service');
  const { AppointmentService } = await import('../src/services/appointment.service');
  const { AppointmentMoves } = await import('../src/services/appointment-moves');
  const { EnrollmentRepository } = await import('../src/repositories/enrollment.repository');
  const { effectiveCounts } = await import('../src/domain/catalog/enrollment-rules');
  const { app, clinicId, secret } = await bootDemoApp(NOW);
  const actor = { ...operatorActor(clinicId, 'seed'), role: 'frontdesk' as const };
  const page = await app.get(EnrollmentService).list(actor, { limit: 50 } as never);
  const booked: string[] = [];
  for (const [p, e] of page.items.entries()) {
    const full = await app.get(EnrollmentRepository).getFull(clinicId, e.id);
    const definition = full.protocolVersion!.definition;
    const counts = effectiveCounts(full.counts, definition);
    // Naive guesses: intake on the cohort's first Friday, infusions from the Monday after.
    let guess = Date.parse('2027-03-05T09:00:00-05:00') + p * 60 * 60_000;
    for (const series of definition.series) {
      for (let index = 1; index <= counts[series.id]; index++) {
        guess += series.id === 'intake' ? 0 : 48 * 3600_000;
        const input = {
          enrollmentId: e.id,
          series: series.id,
          index,
          start: new Date(guess).toISOString(),
          roomId: null,
          staff: [],
        };
        const [option] = await app.get(AppointmentMoves).nearestForBooking(actor, input);
        if (!option) throw new Error(`no option for ${series.id} ${index} of enrollment ${e.id}`);
        const made = await app.get(AppointmentService).create(actor, {
          ...input,
          start: option.start,
          roomId: option.roomId,
          staff: option.staff.map(({ staffId, role }) => ({ staffId, role })),
        });
        booked.push(made.id);
        guess = Date.parse(option.start) + (series.id === 'intake' ? 72 * 3600_000 : 0);
      }
    }
  }
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const database = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in memory';
  process.send?.({ port, key: secret, appointments: booked, database } satisfies Server);
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
}

function startServer(): Promise<{ child: ChildProcess; server: Server }> {
  const child = fork(__filename, ['--serve'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (server: Server) => resolve({ child, server }));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  const { child, server } = await startServer();
  try {
    const headers = { authorization: `Bearer ${server.key}` };
    const ask = async (i: number) => {
      const id = server.appointments[i % server.appointments.length];
      const url = `http://127.0.0.1:${server.port}/v1/appointments/${id}/options?limit=${args.limit}`;
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      const body = (await res.json()) as { items?: unknown[] };
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
      return { ms, options: body.items!.length };
    };
    for (let i = 0; i < args.warmup; i++) await ask(i);
    const times: number[] = [];
    let options = 0;
    const cpuBefore = processCpuMs(child.pid);
    for (let i = 0; i < args.requests; i++) {
      const r = await ask(i);
      times.push(r.ms);
      options += r.options;
    }
    const cpuAfter = processCpuMs(child.pid);
    const cpu =
      cpuBefore === undefined || cpuAfter === undefined
        ? '—'
        : ((cpuAfter - cpuBefore) / args.requests).toFixed(1);
    times.sort((a, b) => a - b);
    const f = (x: number) => x.toFixed(1);
    console.log(`# Move options benchmark (${new Date().toISOString()})\n`);
    console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}, ${m.code}`);
    console.log(`- load average at start (1/5/15 min): ${m.loadAverage}`);
    console.log(
      `- demo clinic, ${server.appointments.length} appointments booked, ${server.database}; ` +
        `${args.requests} sequential requests (after ${args.warmup} warm-up), limit ${args.limit}, ` +
        `${f(options / args.requests)} options per answer on average\n`,
    );
    console.log('| requests | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/request |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
    console.log(
      `| ${args.requests} | ${f(quantile(times, 0.5))} | ${f(quantile(times, 0.9))} | ` +
        `${f(quantile(times, 0.99))} | ${f(times[times.length - 1])} | ${cpu} |`,
    );
    console.log(`\n- load average at the end: ${machine().loadAverage}`);
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
