/**
 * The naive booker and the planner on the shared example problems (test/fixtures/examples,
 * copies of the team's shared example set, which lives outside this
 * repository), compared with the reference scores of that set's README (a
 * naive first-fit booker written elsewhere), copied below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../src/domain/planning/format';
import { validateSolution } from '../src/domain/planning/solution-check';
import { solve } from '../src/domain/planning/solve';
import { performance } from 'node:perf_hooks';
import { firstFitBook } from '../src/domain/planning/first-fit/first-fit-booker';

const DIR = join(__dirname, '..', 'test', 'fixtures', 'examples');

/** The shared example set's reference table: scheduled, continuityBreaks, completionDays. */
export const README_REFERENCE: Record<
  string,
  { scheduled: string; continuityBreaks: number; completionDays: number }
> = {
  'iv-mwf-outpatient': { scheduled: '6/6', continuityBreaks: 0, completionDays: 87 },
  'kap-im-rolling': { scheduled: '8/8', continuityBreaks: 13, completionDays: 122 },
  'esketamine-8-weeks': { scheduled: '10/10', continuityBreaks: 7, completionDays: 531 },
  'emdr-intensive-4on-3off': { scheduled: '6/6', continuityBreaks: 0, completionDays: 60 },
  'retreat-3-day': { scheduled: '6/6', continuityBreaks: 0, completionDays: 12 },
  'infeasible-72h-tue-thu': { scheduled: '0/4', continuityBreaks: 0, completionDays: 0 },
  // The README gives the naive booker's kap-im-rolling schedule here (valid for this problem):
  // the booker itself finds 0.
  'kap-im-two-targets': { scheduled: '8/8', continuityBreaks: 13, completionDays: 122 },
  'emdr-intensive-wednesday': { scheduled: '1/1', continuityBreaks: 0, completionDays: 15 },
};

/** Solver time limit per example in the benchmark. */
const SOLVER_LIMIT_MS = 5000;

export interface SolvedExample {
  name: string;
  scheduled: string;
  continuityBreaks: number;
  completionDays: number;
  proof: string;
  ms: number;
  violations: number;
}

/** The planner on each example (5 s limit), timed, with its validator result. */
export function solveExamples(): SolvedExample[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const problem = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Problem;
      const t0 = performance.now();
      const s = solve(problem, { timeLimitMs: SOLVER_LIMIT_MS, seed: 1 });
      const ms = performance.now() - t0;
      return {
        name: f.replace(/\.json$/, ''),
        scheduled: `${s.score.scheduledPatients}/${problem.patients.length}`,
        continuityBreaks: s.score.continuityBreaks,
        completionDays: s.score.completionDays,
        proof: s.stats.proof,
        ms: Math.round(ms),
        violations: validateSolution(problem, s).length,
      };
    });
}

export interface ExampleRow {
  name: string;
  scheduled: string;
  continuityBreaks: number;
  completionDays: number;
  violations: number;
  matchesReference: boolean;
}

export function bookExamples(): ExampleRow[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.json$/, '');
      const problem = JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Problem;
      const s = firstFitBook(problem);
      const ref = README_REFERENCE[name];
      const scheduled = `${s.score.scheduledPatients}/${problem.patients.length}`;
      return {
        name,
        scheduled,
        continuityBreaks: s.score.continuityBreaks,
        completionDays: s.score.completionDays,
        violations: validateSolution(problem, s).length,
        matchesReference:
          !!ref &&
          ref.scheduled === scheduled &&
          ref.continuityBreaks === s.score.continuityBreaks &&
          ref.completionDays === s.score.completionDays,
      };
    });
}

export function examplesMarkdown(): string {
  const lines = [
    '| example | scheduled | continuityBreaks | completionDays | violations | README reference |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of bookExamples()) {
    const ref = README_REFERENCE[r.name];
    const refText = ref ? `${ref.scheduled}, ${ref.continuityBreaks}, ${ref.completionDays}` : '—';
    lines.push(
      `| ${r.name} | ${r.scheduled} | ${r.continuityBreaks} | ${r.completionDays} | ${r.violations} | ${refText}${r.matchesReference ? ' (same)' : ' (differs)'} |`,
    );
  }
  lines.push(
    '',
    `The planner on the same examples (${SOLVER_LIMIT_MS} ms limit, seed 1):`,
    '',
    '| example | scheduled | continuityBreaks | completionDays | proof | ms | violations |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of solveExamples())
    lines.push(
      `| ${r.name} | ${r.scheduled} | ${r.continuityBreaks} | ${r.completionDays} | ${r.proof} | ${r.ms} | ${r.violations} |`,
    );
  return lines.join('\n');
}
