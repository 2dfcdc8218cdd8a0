/**
 * The commit of a large plan run, timed on its own: a clinic-sized problem (bench/scenarios,
 * default clinic-200) is imported over the API into `<db>_commit_base`, a plan run of every
 * enrollment solved there by one app process, and that database kept as a template. Each
 * measurement copies the template into `<db>_commit` (the run still `succeeded`), starts an
 * app process on it and times `POST /v1/plan-runs/{id}/commit`. The solve is not repeated:
 * `--reuse true` (default) measures again on the kept template.
 *
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
 *     npm run bench:commit [-- --scenario clinic-200 --time-limit 30000 --repeat 1 --reuse true]
 *
 * Exit code 0 when every commit booked every proposed appointment, 1 otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { client, makeClinic, ROOT, scratchDatabase, startInstance } from './app-processes';
import { importProblem } from './import-problem';
import { machine } from './report';
import { scenarioByName } from './scenarios';

interface Args {
  scenario: string;
  timeLimit: number;
  repeat: number;
  reuse: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scenario: 'clinic-200', timeLimit: 30_000, repeat: 1, reuse: true };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--scenario') args.scenario = value;
    else if (flag === '--time-limit') args.timeLimit = Number(value);
    else if (flag === '--repeat') args.repeat = Number(value);
    else if (flag === '--reuse') args.reuse = value !== 'false';
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ENV = { PLAN_RUN_POLL_MS: '200', PLANNER_POOL_SIZE: '1' };

interface Prepared {
  runId: string;
  desk: string;
  proposed: number;
  patients: string;
}

/** `postgres://…/<name>` for another database on the same server. */
function urlOf(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(base: string, work: (sql: Client) => Promise<T>): Promise<T> {
  const sql = new Client({ connectionString: urlOf(base, 'postgres') });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

async function prepare(args: Args, base: string, template: string): Promise<void> {
  const problem = scenarioByName(args.scenario).build();
  const { url } = await scratchDatabase('commit_base');
  const keys = await makeClinic(url, 'Commit clinic', problem.clinic.timeZone);
  const instance = await startInstance(url, ENV);
  try {
    const director = client(instance.port, keys.director);
    const desk = client(instance.port, keys.desk);
    const { enrollmentIds } = await importProblem(director, desk, problem);
    const created = await desk('POST', '/v1/plan-runs', {
      enrollmentIds,
      timeLimitMs: args.timeLimit,
      seed: 1,
    });
    if (created.status !== 202) throw new Error(`POST /v1/plan-runs -> ${created.status}`);
    const id = created.body.id as string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the run's JSON
    let run: Record<string, any> = {};
    for (let waited = 0; waited < 600_000; waited += 500) {
      run = (await desk('GET', `/v1/plan-runs/${id}`)).body;
      if (run.status !== 'queued' && run.status !== 'running') break;
      await sleep(500);
    }
    if (run.status !== 'succeeded') throw new Error(`the run ended ${run.status}`);
    const sql = new Client({ connectionString: url });
    await sql.connect();
    await sql.query(`CREATE TABLE IF NOT EXISTS bench_commit (data jsonb)`);
    await sql.query(`INSERT INTO bench_commit VALUES ($1)`, [
      JSON.stringify({
        runId: id,
        desk: keys.desk,
        proposed: run.result.counts.added,
        patients: `${run.result.score.scheduledPatients}/${enrollmentIds.length}`,
      } satisfies Prepared),
    ]);
    await sql.end();
  } finally {
    instance.child.kill('SIGTERM');
    await new Promise((r) => instance.child.once('exit', r));
  }
  await admin(base, async (sql) => {
    await sql.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await sql.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} RENAME TO ${template}`);
  });
}

async function measure(base: string, template: string, work: string): Promise<string[]> {
  await admin(base, async (sql) => {
    await sql.query(`DROP DATABASE IF EXISTS ${work} WITH (FORCE)`);
    await sql.query(`CREATE DATABASE ${work} TEMPLATE ${template}`);
  });
  const url = urlOf(base, work);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const instance = await startInstance(url, { ...ENV, PLAN_RUN_POLL_MS: '0' });
  try {
    const { rows } = await sql.query(`SELECT data FROM bench_commit`);
    const prepared = rows[0].data as Prepared;
    const desk = client(instance.port, prepared.desk);
    const t0 = Date.now();
    const commit = await desk('POST', `/v1/plan-runs/${prepared.runId}/commit`);
    const ms = Date.now() - t0;
    const booked = (commit.body.booked as string[] | undefined)?.length ?? 0;
    const [count] = (
      await sql.query(`SELECT count(*)::int AS n FROM appointment WHERE status = 'booked'`)
    ).rows as { n: number }[];
    const ok = commit.status === 200 && booked === prepared.proposed && count.n === booked;
    return [
      `- commit of ${prepared.patients} patients: ${commit.status} in ${ms} ms, ${booked} of ${prepared.proposed} proposed appointments booked (${count.n} in the database), load ${machine().loadAverage}`,
      ...(ok ? [] : [`- PROBLEM: ${JSON.stringify(commit.body).slice(0, 2000)}`]),
    ];
  } finally {
    await sql.end();
    instance.child.kill('SIGTERM');
    await new Promise((r) => instance.child.once('exit', r));
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/src/main.js'))) throw new Error('run `npm run build` first');
  const base = process.env.DATABASE_URL?.trim();
  if (!base?.startsWith('postgres')) throw new Error('set DATABASE_URL=postgres://...');
  const db = new URL(base).pathname
    .slice(1)
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase();
  const template = `${db}_commit_tpl_${args.scenario.replace(/[^a-z0-9]/gi, '_')}`;
  const exists = await admin(
    base,
    async (sql) =>
      (await sql.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rowCount,
  );
  if (!exists || !args.reuse) await prepare(args, base, template);
  const m = machine();
  console.log(`# Plan-run commit (${new Date().toISOString()})\n`);
  console.log(`- machine: ${m.cpus} CPUs, ${m.model}, node ${m.node}; load ${m.loadAverage}`);
  const lines: string[] = [];
  for (let i = 0; i < args.repeat; i++)
    lines.push(...(await measure(base, template, `${db}_commit`)));
  console.log(lines.join('\n'));
  process.exitCode = lines.some((l) => l.includes('PROBLEM')) ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
