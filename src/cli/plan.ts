/**
 * `npm run plan -- problem.json [--out solution.json] [--time-limit MS] [--seed N]`
 *
 * Checks the problem (errors: exit 2), plans it with progress on stderr,
 * checks the answer with the independent validator, prints a summary in
 * clinic time and writes the solution JSON. Exit 0 when solved (whatever the
 * status), 2 for invalid input, 1 for anything unexpected (including a
 * solution the validator rejects).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { checkProblem } from '../domain/planning/problem-check';
import { validateSolution } from '../domain/planning/solution-check';
import { solveAsync } from '../domain/planning/solve-async';
import type { Solver } from '../domain/planning/solve-checked';
import { PLAN_USAGE, parsePlanArgs } from './plan-args';
import {
  formatProblemErrors,
  formatProgress,
  formatSummary,
  formatViolations,
  throttled,
} from './plan-output';

export const EXIT_SOLVED = 0;
export const EXIT_UNEXPECTED = 1;
export const EXIT_INVALID_INPUT = 2;

export interface PlanIo {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  out(text: string): void;
  err(text: string): void;
  clock(): number;
  /** The planner; replaceable in specs. */
  solve?: Solver;
}

export async function runPlan(argv: string[], io: PlanIo): Promise<number> {
  const parsed = parsePlanArgs(argv);
  if (!parsed.ok) {
    io.err(`${parsed.message}\n\n${PLAN_USAGE}`);
    return EXIT_INVALID_INPUT;
  }
  if (parsed.help) {
    io.out(PLAN_USAGE);
    return EXIT_SOLVED;
  }
  const { file, out, timeLimitMs, seed } = parsed.args;
  let input: unknown;
  try {
    input = JSON.parse(io.readFile(file));
  } catch (error) {
    io.err(`${file}: cannot read the problem: ${(error as Error).message}`);
    return EXIT_INVALID_INPUT;
  }
  const checked = checkProblem(input);
  if (!checked.ok) {
    io.err(`${file} is not a valid planning problem:\n${formatProblemErrors(checked.errors)}`);
    return EXIT_INVALID_INPUT;
  }
  const problem = checked.problem;
  const solution = await (io.solve ?? solveAsync)(problem, {
    ...(timeLimitMs !== undefined && { timeLimitMs }),
    ...(seed !== undefined && { seed }),
    onProgress: throttled(1000, io.clock, (p) => io.err(formatProgress(p))),
  });
  if (out !== undefined) io.writeFile(out, `${JSON.stringify(solution, null, 2)}\n`);
  io.out(formatSummary(problem, solution));
  if (out !== undefined) io.out(`\nSolution written to ${out}`);
  const violations = validateSolution(problem, solution);
  if (violations.length > 0) {
    io.err(
      `\nThe planner's solution breaks ${violations.length} rule(s) of the format:\n${formatViolations(violations)}`,
    );
    return EXIT_UNEXPECTED;
  }
  return EXIT_SOLVED;
}

if (require.main === module) {
  runPlan(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    writeFile: (path, text) => writeFileSync(path, text),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    clock: () => Date.now(),
  })
    .catch((error: unknown) => {
      process.stderr.write(`unexpected error: ${(error as Error).stack ?? String(error)}\n`);
      return EXIT_UNEXPECTED;
    })
    // CP-SAT's threads would keep the process alive: exit once the answer is written.
    .then((code) => process.exit(code));
}
