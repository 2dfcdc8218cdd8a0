/**
 * The planner benchmark: naive first-fit booker vs solver, side by side.
 *
 *   npm run bench [-- --scenario clinic-200 --time-limit 30000 --repeat 3 --repeat-small 9 --write]
 *
 * Each scenario runs in its own child process (so peak RSS is per scenario);
 * both bookers are warmed up once and timed over `--repeat` runs (median).
 * `--write` puts the results into docs/benchmarks.md between its markers.
 * `--json file` saves the raw results (unscheduled reason codes, every run's time).
 * `--examples` also books the example problems of test/fixtures/examples with
 * the naive booker and compares with their reference scores (bench/examples.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureScenario, type ScenarioResult } from './measure';
import { examplesMarkdown } from './examples';
import { machine, resultsMarkdown, targets } from './report';
import { SCENARIOS, scenarioByName } from './scenarios';

interface Args {
  scenarios: string[];
  repeat: number;
  /** Timed runs for scenarios of at most 10 patients (cheap, and noisier on a shared machine). */
  repeatSmall?: number;
  timeLimitMs?: number;
  seed?: number;
  write: boolean;
  examples: boolean;
  json?: string;
  child?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scenarios: [], repeat: 3, write: false, examples: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scenario') args.scenarios.push(...value().split(','));
    else if (a === '--repeat') args.repeat = Math.max(1, Number(value()));
    else if (a === '--repeat-small') args.repeatSmall = Math.max(1, Number(value()));
    else if (a === '--time-limit') args.timeLimitMs = Number(value());
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--write') args.write = true;
    else if (a === '--examples') args.examples = true;
    else if (a === '--json') args.json = value();
    else if (a === '--child') args.child = value();
    else throw new Error(`unknown argument ${a}`);
  }
  for (const s of args.scenarios) scenarioByName(s);
  if (args.scenarios.length === 0) args.scenarios = SCENARIOS.map((s) => s.name);
  return args;
}

function runChild(name: string, args: Args): ScenarioResult {
  const childArgs = [
    '-r',
    '@swc-node/register',
    __filename,
    '--child',
    name,
    '--repeat',
    String(
      scenarioByName(name).patients <= 10 && args.repeatSmall ? args.repeatSmall : args.repeat,
    ),
  ];
  if (args.timeLimitMs !== undefined) childArgs.push('--time-limit', String(args.timeLimitMs));
  if (args.seed !== undefined) childArgs.push('--seed', String(args.seed));
  const r = spawnSync(process.execPath, childArgs, {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{"scenario"'));
  if (r.status !== 0 || !line)
    throw new Error(`scenario ${name} failed (exit ${r.status}): ${r.stdout}`);
  return JSON.parse(line) as ScenarioResult;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';
const EX_START = '<!-- bench:examples:start -->';
const EX_END = '<!-- bench:examples:end -->';

function replaceBetween(doc: string, start: string, end: string, body: string): string {
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/benchmarks.md lacks the markers ${start} … ${end}`);
  return `${doc.slice(0, a + start.length)}\n${body}\n${doc.slice(b)}`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    const result = measureScenario(args.child, {
      repeat: args.repeat,
      timeLimitMs: args.timeLimitMs,
      seed: args.seed,
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const m = machine();
  const when = new Date();
  const results: ScenarioResult[] = [];
  for (const name of args.scenarios) {
    process.stderr.write(`bench: ${name} …\n`);
    const r = runChild(name, args);
    process.stderr.write(
      `bench: ${name}: naive ${r.naive.scheduled}/${r.patients} in ${r.naive.medianMs} ms; ` +
        (r.solver
          ? `solver ${r.solver.scheduled}/${r.patients} in ${r.solver.medianMs} ms`
          : `solver error ${r.solverError}`) +
        '\n',
    );
    results.push(r);
  }
  if (args.json) writeFileSync(args.json, JSON.stringify({ machine: m, when, results }, null, 2));
  const argv = process.argv.slice(2).join(' ') || '(defaults)';
  const md = resultsMarkdown(results, m, when, argv);
  console.log(md);
  let examples = '';
  if (args.examples) {
    examples = examplesMarkdown();
    console.log(`\n${examples}`);
  }
  if (args.write) {
    const file = join(__dirname, '..', 'docs', 'benchmarks.md');
    if (!existsSync(file)) throw new Error(`${file} is missing`);
    let doc = readFileSync(file, 'utf8');
    doc = replaceBetween(doc, START, END, md);
    if (examples) doc = replaceBetween(doc, EX_START, EX_END, examples);
    writeFileSync(file, doc);
    // Keep the file as the repository's formatter wants it (tables aligned).
    spawnSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', file], {
      stdio: 'ignore',
    });
    process.stderr.write(`bench: wrote ${file}\n`);
  }
  if (targets(results).some((t) => t.pass === false)) process.exitCode = 1;
}

main();
