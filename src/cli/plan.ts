/**
 * `npm run plan -- problem.json [--out solution.json] [--time-limit MS] [--seed N]`
 *
 * Checks that `--out` can be written and the problem (errors: exit 2), plans it with
 * progress on stderr, prints a summary in clinic time, writes the solution JSON and checks
 * it with the independent validator. `-` reads the problem from standard input; a leading
 * UTF-8 byte order mark is skipped. Exit 0 when solved (whatever the status), 2 for invalid
 * input, 1 for anything unexpected (including a solution the validator rejects, or one that
 * could not be written after all).
 */
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  /** The whole of standard input (the problem file `-`). */
  readStdin(): string;
  /** Why `path` cannot be written (a missing directory, a directory, no permission), or null. */
  unwritable(path: string): string | null;
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
  // Before any work: a solve must not be thrown away because its file cannot be written.
  const cannotWrite =
    out === '-'
      ? 'standard output holds the summary; give a file name'
      : out !== undefined && io.unwritable(out);
  if (cannotWrite) {
    io.err(`--out ${out}: cannot write the solution there: ${cannotWrite}`);
    return EXIT_INVALID_INPUT;
  }
  const source = file === '-' ? 'standard input' : file;
  let input: unknown;
  try {
    const text = file === '-' ? io.readStdin() : io.readFile(file);
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    io.err(`${source}: cannot read the problem: ${(error as Error).message}`);
    return EXIT_INVALID_INPUT;
  }
  const checked = checkProblem(input);
  if (!checked.ok) {
    io.err(`${source} is not a valid planning problem:\n${formatProblemErrors(checked.errors)}`);
    return EXIT_INVALID_INPUT;
  }
  const problem = checked.problem;
  const solution = await (io.solve ?? solveAsync)(problem, {
    ...(timeLimitMs !== undefined && { timeLimitMs }),
    ...(seed !== undefined && { seed }),
    onProgress: throttled(1000, io.clock, (p) => io.err(formatProgress(p))),
  });
  io.out(formatSummary(problem, solution));
  if (out !== undefined) {
    try {
      io.writeFile(out, `${JSON.stringify(solution, null, 2)}\n`);
    } catch (error) {
      io.err(`\nThe solution could not be written to ${out}: ${(error as Error).message}`);
      return EXIT_UNEXPECTED;
    }
    io.out(`\nSolution written to ${out}`);
  }
  const violations = validateSolution(problem, solution);
  if (violations.length > 0) {
    io.err(
      `\nThe planner's solution breaks ${violations.length} rule(s) of the format:\n${formatViolations(violations)}`,
    );
    return EXIT_UNEXPECTED;
  }
  return EXIT_SOLVED;
}

/** Why the file at `path` cannot be written, or null (it or its directory is writable). */
export function unwritable(path: string): string | null {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return 'it is a directory';
    if (stat) {
      accessSync(path, constants.W_OK);
      return null;
    }
    const dir = dirname(resolve(path));
    const parent = statSync(dir, { throwIfNoEntry: false });
    if (!parent) return `the directory ${dir} does not exist`;
    if (!parent.isDirectory()) return `${dir} is not a directory`;
    accessSync(dir, constants.W_OK);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

if (require.main === module) {
  runPlan(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    readStdin: () => readFileSync(0, 'utf8'),
    unwritable,
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
