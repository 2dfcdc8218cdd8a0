/**
 * A plan run survives the death of the instance running it, and a 200-patient run commits.
 * Two app processes (`node dist/src/main.js`) share one PostgreSQL database with a short
 * plan-run lease; a clinic-sized problem (bench/scenarios, default clinic-200: 200 patients,
 * 60 staff, 6 weeks) is imported over the API and a plan run started. When the run is
 * running (and has reported progress), the process holding it is killed with SIGKILL; the
 * other process must claim it once the lease runs out and finish it. Then the run is
 * committed (all appointments in one transaction) and the commit timed.
 *
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     npm run bench:takeover [-- --scenario clinic-200 --lease-ms 2000 --time-limit 30000 --commit true]
 *
 * Uses (drops and re-creates) the database `<name>_takeover`. Exit code 0 when the other
 * instance finished the run and the commit booked every proposed appointment, 1 otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  client,
  type Instance,
  makeClinic,
  ROOT,
  scratchDatabase,
  startInstance,
} from './app-processes';
import { importProblem } from './import-problem';
import { machine } from './report';
import { scenarioByName } from './scenarios';

interface Args {
  scenario: string;
  leaseMs: number;
  timeLimit: number;
  commit: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scenario: 'clinic-200', leaseMs: 2000, timeLimit: 30_000, commit: true };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--scenario') args.scenario = value;
    else if (flag === '--lease-ms') args.leaseMs = Number(value);
    else if (flag === '--time-limit') args.timeLimit = Number(value);
    else if (flag === '--commit') args.commit = value !== 'false';
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
  const problem = scenarioByName(args.scenario).build();
  const { url, name } = await scratchDatabase('takeover');
  const keys = await makeClinic(url, 'Takeover clinic', problem.clinic.timeZone);
  const env = {
    PLAN_RUN_LEASE_MS: String(args.leaseMs),
    PLAN_RUN_POLL_MS: '200',
    PLANNER_POOL_SIZE: '1',
  };
  const instances: Instance[] = [];
  const sql = new Client({ connectionString: url });
  const problems: string[] = [];
  const lines: string[] = [];
  try {
    instances.push(await startInstance(url, env), await startInstance(url, env));
    await sql.connect();
    const director = client(instances[0].port, keys.director);
    const desk0 = client(instances[0].port, keys.desk);
    let started = Date.now();
    const { enrollmentIds } = await importProblem(director, desk0, problem);
    lines.push(
      `- imported ${args.scenario} (${enrollmentIds.length} patients, ${problem.staff.length} staff) in ${Date.now() - started} ms`,
    );
    const created = await desk0('POST', '/v1/plan-runs', {
      enrollmentIds,
      timeLimitMs: args.timeLimit,
      seed: 1,
    });
    if (created.status !== 202)
      throw new Error(`POST /v1/plan-runs -> ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    started = Date.now();

    // Wait until a process holds the run and has reported progress, then kill that process.
    let owner: { pid: number; progress: unknown } | undefined;
    for (let waited = 0; waited < 120_000 && !owner; waited += 100) {
      const [row] = (
        await sql.query(`SELECT status, lease_owner, progress FROM plan_run WHERE id = $1`, [id])
      ).rows as { status: string; lease_owner: string | null; progress: unknown }[];
      if (row.status === 'running' && row.lease_owner && row.progress) {
        owner = { pid: Number(row.lease_owner.split('-')[0]), progress: row.progress };
      } else if (row.status !== 'queued' && row.status !== 'running') {
        throw new Error(
          `the run ended (${row.status}) before it could be interrupted; raise --time-limit`,
        );
      }
      await sleep(100);
    }
    if (!owner) throw new Error('no instance reported progress on the run within 120 s');
    const victim = instances.find((i) => i.child.pid === owner!.pid);
    if (!victim) throw new Error(`lease owner pid ${owner.pid} is none of the instances`);
    const survivor = instances.find((i) => i !== victim)!;
    victim.child.kill('SIGKILL');
    lines.push(
      `- run ${id} running on pid ${owner.pid} after ${Date.now() - started} ms with progress ${JSON.stringify(owner.progress)}; that process killed (SIGKILL)`,
    );
    const killedAt = Date.now();

    const desk = client(survivor.port, keys.desk);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the run's JSON, read field by field
    let run: Record<string, any> = {};
    for (let waited = 0; waited < 300_000; waited += 250) {
      run = (await desk('GET', `/v1/plan-runs/${id}`)).body;
      if (run.status !== 'queued' && run.status !== 'running') break;
      await sleep(250);
    }
    const [row] = (await sql.query(`SELECT attempts FROM plan_run WHERE id = $1`, [id])).rows as {
      attempts: number;
    }[];
    lines.push(
      `- the other process (pid ${survivor.child.pid}) finished it ${Date.now() - killedAt} ms after the kill: status ${run.status}, attempts ${row.attempts}, ` +
        `${run.result?.score?.scheduledPatients ?? '?'}/${enrollmentIds.length} patients, ${run.result?.counts?.added ?? '?'} appointments proposed`,
    );
    if (run.status !== 'succeeded')
      problems.push(`the run ended ${run.status}: ${JSON.stringify(run.error)}`);
    if (row.attempts !== 2)
      problems.push(`expected 2 attempts (claim, take-over), got ${row.attempts}`);

    if (run.status === 'succeeded' && args.commit) {
      const t0 = Date.now();
      const commit = await desk('POST', `/v1/plan-runs/${id}/commit`);
      const ms = Date.now() - t0;
      const booked = (commit.body.booked as string[] | undefined)?.length ?? 0;
      const [count] = (
        await sql.query(`SELECT count(*)::int AS n FROM appointment WHERE status = 'booked'`)
      ).rows as { n: number }[];
      lines.push(
        `- commit: ${commit.status} in ${ms} ms, ${booked} appointments booked in one transaction (${count.n} in the database)`,
      );
      if (commit.status !== 200)
        problems.push(`commit -> ${commit.status} ${JSON.stringify(commit.body).slice(0, 500)}`);
      if (booked !== run.result.counts.added || count.n !== booked)
        problems.push(
          `booked ${booked}, proposed ${run.result.counts.added}, in the database ${count.n}`,
        );
    }
    const m = machine();
    console.log(`# Plan-run take-over and commit (${new Date().toISOString()})\n`);
    console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}; load ${m.loadAverage}`);
    console.log(
      `- 2 app processes on PostgreSQL database ${name}, lease ${args.leaseMs} ms, time limit ${args.timeLimit} ms`,
    );
    console.log(lines.join('\n'));
    console.log(
      problems.length === 0
        ? '- check: taken over, finished, committed'
        : `- PROBLEMS:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    process.exitCode = problems.length === 0 ? 0 : 1;
  } finally {
    await sql.end().catch(() => undefined);
    for (const i of instances) i.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
