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
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { checkRace, raceRequests, runRace, setUpRace } from '../test/factories/booking-race';
import {
  client,
  type Instance,
  makeClinic,
  ROOT,
  scratchDatabase,
  startInstance,
} from './app-processes';
import { machine } from './report';
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

/** A Monday at least two weeks ahead, in the clinic's zone. */
function raceDate(): string {
  const soon = DateTime.now().setZone(ZONE).plus({ days: 14 });
  return soon.plus({ days: (8 - soon.weekday) % 7 }).toISODate()!;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
  const { url, name } = await scratchDatabase('race');
  const keys = await makeClinic(url, 'Race clinic', ZONE);
  const instances: Instance[] = [];
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
