/**
 * Booking throughput under load: `POST /v1/appointments` with autocannon on localhost.
 *
 *   npm run bench:booking [-- --patients 300 --connections 1,8 --duration 15 --warmup 3]
 *
 * Starts the app in a child process on an in-memory PGlite (or DATABASE_URL), seeds the demo
 * clinic (src/seed) and enrolls `patients` more patients in its protocol, then fires intake
 * bookings over HTTP: request i books enrollment i's intake (mod the count) at a slot
 * spread over the cohort's weekdays (08:00–16:00) in one of the two therapy rooms with one
 * of the two prescribers. Many requests contend for the same room, person or index, so the
 * answers mix 201, 409 (overlap, already booked) and 422 (hours, day limits, with options):
 * the table reports each, and the intakes booked in the end.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { bootDemoApp } from './app-processes';
import { processCpuMs } from './cpu';
import { machine } from './report';

interface Args {
  patients: number;
  connections: number[];
  durationS: number;
  warmupS: number;
}

interface Server {
  port: number;
  key: string;
  enrollments: string[];
  rooms: string[];
  prescribers: string[];
  database: string;
}

const NOW = new Date('2027-03-01T12:00:00Z');

function parseArgs(argv: string[]): Args {
  const args: Args = { patients: 300, connections: [1, 8], durationS: 15, warmupS: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--patients') args.patients = Number(v);
    else if (a === '--connections') args.connections = v.split(',').map(Number);
    else if (a === '--duration') args.durationS = Number(v);
    else if (a === '--warmup') args.warmupS = Number(v);
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

/** Child process: the app, the demo clinic and `patients` more enrollments. */
async function serve(patients: number): Promise<void> {
  const { operatorActor } = await import('../src/services/actor');
  const { ApiKeyService } = await import('../src/services/api-key.service');
  const { PatientService } = await import('../src/services/patient.service');
  const { EnrollmentService } = await import('../src/services/enrollment.service');
  const { StaffService } = await import('../src/services/staff.service');
  const { RoomService } = await import('../src/services/room.service');
  const { app, clinicId } = await bootDemoApp(NOW);
  const director = operatorActor(clinicId, 'seed');
  const key = await app
    .get(ApiKeyService)
    .create(director, { name: 'bench desk', role: 'frontdesk' });
  const first = await app.get(EnrollmentService).list(director, { limit: 1 } as never);
  const protocolId = first.items[0].protocolId;
  const enrollments: string[] = [];
  for (let i = 0; i < patients; i++) {
    const p = await app
      .get(PatientService)
      .create(director, { displayName: `Bench ${i}`, initials: 'BP', externalRef: `B-${i}` });
    const e = await app.get(EnrollmentService).create(director, {
      patientId: p.id,
      protocolId,
      version: 1,
      earliestStart: '2027-03-08',
      latestEnd: '2027-03-26',
    });
    enrollments.push(e.id);
  }
  const staff = await app.get(StaffService).list(director, { limit: 200 } as never);
  const rooms = await app.get(RoomService).list(director, { limit: 200 } as never);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.send?.({
    port,
    key: key.secret,
    enrollments,
    rooms: rooms.items.filter((r) => r.features.includes('therapy')).map((r) => r.id),
    prescribers: staff.items.filter((s) => s.roles.includes('prescriber')).map((s) => s.id),
    database: process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in memory',
  } satisfies Server);
  process.once('disconnect', () => void app.close().then(() => process.exit(0)));
}

function startServer(patients: number): Promise<{ child: ChildProcess; server: Server }> {
  const child = fork(__filename, ['--serve', String(patients)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (server: Server) => resolve({ child, server }));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

/** Weekday slots of the cohort (local 08:00–16:00 every 30 min), as instants with offset. */
function slots(): string[] {
  const out: string[] = [];
  for (let day = 8; day <= 26; day++) {
    const date = `2027-03-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const offset = day >= 14 ? '-04:00' : '-05:00';
    for (let m = 8 * 60; m <= 16 * 60; m += 30) {
      const hh = String(Math.floor(m / 60)).padStart(2, '0');
      const mm = String(m % 60).padStart(2, '0');
      out.push(`${date}T${hh}:${mm}:00${offset}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const m = machine();
  const { child, server } = await startServer(args.patients);
  const times = slots();
  let n = 0;
  const body = () => {
    const i = n++;
    return JSON.stringify({
      enrollmentId: server.enrollments[i % server.enrollments.length],
      series: 'intake',
      index: 1,
      start: times[(i * 37) % times.length],
      roomId: server.rooms[i % server.rooms.length],
      staff: [
        { staffId: server.prescribers[(i >> 1) % server.prescribers.length], role: 'prescriber' },
      ],
    });
  };
  const url = `http://127.0.0.1:${server.port}/v1/appointments`;
  const headers = { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' };
  const run = (connections: number, duration: number) =>
    autocannon({
      url,
      connections,
      duration,
      timeout: 60,
      requests: [
        { method: 'POST', headers, setupRequest: (req: object) => ({ ...req, body: body() }) },
      ],
    } as never);
  try {
    await run(Math.max(...args.connections), args.warmupS);
    console.log(`# Booking throughput benchmark (${new Date().toISOString()})\n`);
    console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}, ${m.code}`);
    console.log(`- load average at start (1/5/15 min): ${m.loadAverage}`);
    console.log(
      `- demo clinic + ${args.patients} enrollments, ${server.database}; intake bookings over ` +
        `${times.length} slots, 2 rooms, 2 prescribers; warm-up ${args.warmupS} s, then ` +
        `${args.durationS} s per row\n`,
    );
    console.log(
      '| connections | requests | req/s | p50 ms | p99 ms | 201 | 409 | 422 | other | server CPU ms/request |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const connections of args.connections) {
      const cpuBefore = processCpuMs(child.pid);
      const r = await run(connections, args.durationS);
      const cpuAfter = processCpuMs(child.pid);
      const codes = r.statusCodeStats;
      const c = (s: string) => codes[s]?.count ?? 0;
      const other = r.requests.total - c('201') - c('409') - c('422');
      const cpu =
        cpuBefore === undefined || cpuAfter === undefined || r.requests.total === 0
          ? '—'
          : ((cpuAfter - cpuBefore) / r.requests.total).toFixed(1);
      console.log(
        `| ${connections} | ${r.requests.total} | ${(r.requests.total / r.duration).toFixed(1)} | ` +
          `${r.latency.p50} | ${r.latency.p99} | ${c('201')} | ${c('409')} | ${c('422')} | ` +
          `${other + r.errors} | ${cpu} |`,
      );
    }
    const list = await fetch(`${url}?limit=200&from=2027-03-01T00:00:00-05:00`, { headers });
    const booked = ((await list.json()) as { items: unknown[] }).items.length;
    console.log(`\n- intakes booked in all (first page, ≤ 200): ${booked}`);
    console.log(`- load average at the end: ${machine().loadAverage}`);
  } finally {
    child.disconnect();
  }
}

if (process.argv.includes('--serve')) {
  serve(Number(process.argv[process.argv.indexOf('--serve') + 1])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
