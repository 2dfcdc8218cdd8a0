/** Markdown report of a benchmark run: machine, results table, targets with PASS/FAIL. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { BookerResult, ScenarioResult } from './measure';

export interface Machine {
  cpus: number;
  model: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverage: string;
  /** The code measured: a commit, and whether src/ had uncommitted changes. */
  code: string;
}

function codeVersion(): string {
  if (process.env.BENCH_COMMIT) return `commit ${process.env.BENCH_COMMIT} (exported snapshot)`;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', 'src'], { encoding: 'utf8' }).trim() !== '';
    return `commit ${head}${dirty ? ' plus uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown';
  }
}

export function machine(): Machine {
  let model = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1].trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpus: os.availableParallelism(),
    model,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / '),
    code: codeVersion(),
  };
}

export interface Target {
  name: string;
  pass: boolean | null;
  detail: string;
}

/** The solver used (nearly) all of its time limit. */
export function hitLimit(r: ScenarioResult): boolean {
  return !!r.solver && r.solver.medianMs >= 0.95 * r.timeLimitMs;
}

function byName(results: ScenarioResult[], name: string): ScenarioResult | undefined {
  return results.find((r) => r.scenario === name);
}

export function targets(results: ScenarioResult[]): Target[] {
  const out: Target[] = [];
  const single = byName(results, 'single-6w');
  if (single)
    out.push({
      name: 'one patient on a 6-week protocol < 20 ms in process',
      pass: !!single.solver && single.solver.scheduled === 1 && single.solver.medianMs < 20,
      detail: single.solver
        ? `${single.solver.medianMs} ms, ${single.solver.scheduled}/1 scheduled (placed after ${single.solver.firstCompleteMs ?? '—'} ms)`
        : 'solver failed',
    });
  const retreat = byName(results, 'retreat-8');
  if (retreat)
    out.push({
      name: 'the 8-patient retreat complete in < 1 s',
      pass:
        !!retreat.solver &&
        retreat.solver.scheduled === retreat.patients &&
        retreat.solver.medianMs < 1000,
      detail: retreat.solver
        ? `returned in ${retreat.solver.medianMs} ms, ${retreat.solver.scheduled}/${retreat.patients}; ` +
          `every patient placed after ${retreat.solver.firstCompleteMs ?? '—'} ms (the rest of the time limit goes to improving the score)`
        : 'solver failed',
    });
  const c200 = byName(results, 'clinic-200');
  const c50 = byName(results, 'clinic-50');
  if (c200)
    out.push({
      name: '200 patients complete in < 30 s (memory noted)',
      pass:
        !!c200.solver && c200.solver.scheduled === c200.patients && c200.solver.medianMs < 30000,
      detail: c200.solver
        ? `${c200.solver.medianMs} ms, ${c200.solver.scheduled}/${c200.patients} (every patient placed after ${c200.solver.firstCompleteMs ?? '—'} ms), heap ${c200.heapUsedMb} MB, peak RSS ${c200.peakRssMb} MB`
        : 'solver failed',
    });
  if (c200?.solver && c50?.solver) {
    // The cost of a clinic is the time to a complete plan: the solver then
    // spends the rest of its time limit improving the score.
    const big = c200.solver.firstCompleteMs;
    const small = c50.solver.firstCompleteMs;
    const ratio = big != null && small != null ? big / Math.max(small, 0.001) : null;
    const incomplete = [c50, c200].filter((r) => r.solver?.firstCompleteMs == null);
    out.push({
      name: '4× the patients costs ≤ 5× the time (clinic-200 / clinic-50)',
      pass: ratio === null ? null : ratio <= 5,
      detail:
        ratio === null
          ? `not measurable: ${incomplete.map((r) => r.scenario).join(' and ')} never had every patient placed`
          : `every patient placed after ${big} / ${small} ms = ${ratio.toFixed(2)}× ` +
            `(returned after ${c200.solver.medianMs} / ${c50.solver.medianMs} ms, the rest improving the score)`,
    });
  }
  const withSolver = results.filter((r) => r.solver);
  if (withSolver.length) {
    const fewer = withSolver.filter(
      (r) => (r.solver as BookerResult).scheduled < r.naive.scheduled,
    );
    out.push({
      name: 'never fewer patients than the naive booker',
      pass: fewer.length === 0 && withSolver.length === results.length,
      detail: fewer.length
        ? `fewer on ${fewer.map((r) => r.scenario).join(', ')}`
        : `${withSolver.length} scenarios`,
    });
    const tight = withSolver.filter((r) => r.tight);
    const notMore = tight.filter((r) => (r.solver as BookerResult).scheduled <= r.naive.scheduled);
    if (tight.length)
      out.push({
        name: 'more patients than the naive booker on tight instances',
        pass: notMore.length === 0,
        detail: tight
          .map(
            (r) => `${r.scenario} ${(r.solver as BookerResult).scheduled} vs ${r.naive.scheduled}`,
          )
          .join('; '),
      });
  }
  const bad = results.filter(
    (r) =>
      r.naive.violations > 0 || (r.solver && r.solver.violations > 0) || r.problemErrors.length,
  );
  out.push({
    name: 'every problem passes checkProblem; every solution has 0 validator violations',
    pass: bad.length === 0,
    detail: bad.length ? `problems on ${bad.map((r) => r.scenario).join(', ')}` : 'all clean',
  });
  return out;
}

function scoreCell(b: BookerResult): string {
  const s = b.score;
  return `${s.movedAppointments} / ${s.continuityBreaks} / ${s.completionDays}${b.scoreAgrees ? '' : ' ⚠'}`;
}

export function resultsMarkdown(
  results: ScenarioResult[],
  m: Machine,
  when: Date,
  argv: string,
): string {
  const lines: string[] = [];
  lines.push(
    `Run ${when.toISOString().replace(/\.\d+Z$/, 'Z')} with \`${process.env.BENCH_COMMIT ? 'bench/run-at-head.sh' : 'npm run bench --'} ${argv}\` on ${m.code}.`,
  );
  lines.push('');
  lines.push(
    `Machine: ${m.cpus} CPUs (${m.model}), ${m.memoryGb} GB RAM, Node ${m.node}, ${m.platform}; ` +
      `load average at start ${m.loadAverage} (the machine is shared: timings under load are pessimistic).`,
  );
  lines.push('');
  lines.push(
    '| scenario | patients / staff / rooms | booker | median ms (runs) | scheduled | moved / breaks / days | proof | violations | heap / peak RSS MB |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const rows: [string, BookerResult | null][] = [
      ['naive', r.naive],
      ['solver', r.solver],
    ];
    if (r.planted) rows.push(['planted', r.planted]);
    for (const [label, b] of rows) {
      const head = label === 'naive' ? `${r.scenario}${r.tight ? ' (tight)' : ''}` : '';
      const size = label === 'naive' ? `${r.patients} / ${r.staff} / ${r.rooms}` : '';
      const mem = label === 'solver' ? `${r.heapUsedMb} / ${r.peakRssMb}` : '';
      if (!b) {
        lines.push(
          `| ${head} | ${size} | ${label} | error: ${r.solverError ?? '?'} | | | | | ${mem} |`,
        );
        continue;
      }
      lines.push(
        `| ${head} | ${size} | ${label} | ${label === 'planted' ? '— (not timed)' : `${b.medianMs}${label === 'solver' && hitLimit(r) ? ' ⏱' : ''} (${b.timesMs.join(', ')})`} | ${b.scheduled}/${r.patients} | ${scoreCell(b)} | ${b.proof} | ${b.violations} | ${mem} |`,
      );
    }
  }
  lines.push('');
  lines.push(
    'Score columns as in the format: fewer moved appointments, continuity breaks, completion days is better ' +
      '(⚠ would mark a score that differs from the validator’s `computeScore`; ⏱ marks a solver that ran into its time limit). ' +
      'Solver time limit per scenario: ' +
      results.map((r) => `${r.scenario} ${r.timeLimitMs} ms`).join(', ') +
      '. "planted" rows: the complete solution a planted scenario was built around (first-fit in the planted order), as a reference. ' +
      'Peak RSS is the peak of the child process that ran the scenario (naive and solver), as `/usr/bin/time -v` reports it.',
  );
  lines.push('');
  lines.push('Targets:');
  lines.push('');
  for (const t of targets(results))
    lines.push(`- ${t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'FAIL'} — ${t.name}: ${t.detail}`);
  const problems = results.flatMap((r) => [
    ...r.problemErrors.map((e) => `${r.scenario}: problem error ${e}`),
    ...r.naive.firstViolations.map((v) => `${r.scenario} naive: ${v}`),
    ...(r.solver?.firstViolations ?? []).map((v) => `${r.scenario} solver: ${v}`),
  ]);
  if (problems.length) {
    lines.push('');
    lines.push('Problems found:');
    lines.push('');
    for (const p of problems) lines.push(`- ${p}`);
  }
  return lines.join('\n');
}
