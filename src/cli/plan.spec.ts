import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Solution } from '../domain/planning/format';
import { validateSolution } from '../domain/planning/solution-check';
import { tinyProblem, tinySolution } from '../domain/planning/solution-check/tiny-problem.testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXIT_INVALID_INPUT,
  EXIT_SOLVED,
  EXIT_UNEXPECTED,
  type PlanIo,
  runPlan,
  unwritable,
} from './plan';

/** `files` may hold `-`: standard input; a path in `unwritableDirs` cannot be written. */
function fakeIo(
  files: Record<string, string>,
  solve?: PlanIo['solve'],
  unwritableDirs = ['/nope'],
) {
  const written: Record<string, string> = {};
  const out: string[] = [];
  const err: string[] = [];
  const io: PlanIo = {
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path];
    },
    readStdin: () => {
      if (!('-' in files)) throw new Error('nothing on standard input');
      return files['-'];
    },
    unwritable: (path) =>
      unwritableDirs.some((d) => path.startsWith(`${d}/`)) ? 'the directory does not exist' : null,
    writeFile: (path, text) => {
      if (unwritableDirs.some((d) => path.startsWith(`${d}/`))) {
        throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      }
      written[path] = text;
    },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    clock: () => 0,
    solve,
  };
  return { io, written, out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('runPlan', () => {
  it('plans a valid problem, prints the summary and writes a solution the validator accepts', async () => {
    const run = fakeIo({ 'p.json': JSON.stringify(tinyProblem()) });
    expect(
      await runPlan(['p.json', '--out', 's.json', '--time-limit', '2000', '--seed', '3'], run.io),
    ).toBe(EXIT_SOLVED);
    const solution = JSON.parse(run.written['s.json']) as Solution;
    expect(validateSolution(tinyProblem(), solution)).toEqual([]);
    expect(run.out()).toContain(`Status: ${solution.status}`);
    expect(run.out()).toContain('Solution written to s.json');
  });

  it('passes --time-limit and --seed to the planner', async () => {
    const seen: unknown[] = [];
    const run = fakeIo({ 'p.json': JSON.stringify(tinyProblem()) }, (_, options) => {
      seen.push({ timeLimitMs: options?.timeLimitMs, seed: options?.seed });
      return tinySolution();
    });
    expect(await runPlan(['p.json', '--time-limit', '1234', '--seed', '9'], run.io)).toBe(
      EXIT_SOLVED,
    );
    expect(seen).toEqual([{ timeLimitMs: 1234, seed: 9 }]);
  });

  it('exits 2 and prints pointer: message [code] for an invalid problem', async () => {
    const problem = { ...tinyProblem(), colour: 'red' };
    const run = fakeIo({ 'p.json': JSON.stringify(problem) });
    expect(await runPlan(['p.json'], run.io)).toBe(EXIT_INVALID_INPUT);
    expect(run.err()).toContain('/colour: "colour" is not a field here [UNKNOWN_FIELD]');
  });

  it.each([
    ['a missing file', ['nope.json'], /cannot read the problem: ENOENT/],
    ['malformed JSON', ['bad.json'], /cannot read the problem/],
    ['bad arguments', ['p.json', '--seed', 'x'], /--seed must be a whole number[\s\S]*Usage/],
  ])('exits 2 for %s', async (_, argv, message) => {
    const run = fakeIo({ 'bad.json': '{ "formatVersion": 1,', 'p.json': '{}' });
    expect(await runPlan(argv, run.io)).toBe(EXIT_INVALID_INPUT);
    expect(run.err()).toMatch(message);
  });

  it('exits 1 when the planner answers with a solution that breaks the rules', async () => {
    const broken = tinySolution();
    broken.appointments[1].room = 'inf-1';
    const run = fakeIo({ 'p.json': JSON.stringify(tinyProblem()) }, () => broken);
    expect(await runPlan(['p.json'], run.io)).toBe(EXIT_UNEXPECTED);
    expect(run.err()).toMatch(/breaks 1 rule\(s\)[\s\S]*\[ROOM_FEATURES\]/);
  });

  it('refuses an --out it cannot write before planning (exit 2), the solve not thrown away', async () => {
    let solves = 0;
    const run = fakeIo({ 'p.json': JSON.stringify(tinyProblem()) }, () => {
      solves++;
      return tinySolution();
    });
    expect(await runPlan(['p.json', '--out', '/nope/dir/x.json'], run.io)).toBe(EXIT_INVALID_INPUT);
    expect(run.err()).toBe(
      '--out /nope/dir/x.json: cannot write the solution there: the directory does not exist',
    );
    expect(solves).toBe(0);
    expect(await runPlan(['p.json', '--out', '-'], run.io)).toBe(EXIT_INVALID_INPUT);
    expect(solves).toBe(0);
  });

  it('prints the summary before writing; a write that fails after all is a message, exit 1', async () => {
    const run = fakeIo({ 'p.json': JSON.stringify(tinyProblem()) }, () => tinySolution());
    run.io.unwritable = () => null; // the directory went away during the solve
    expect(await runPlan(['p.json', '--out', '/nope/x.json'], run.io)).toBe(EXIT_UNEXPECTED);
    expect(run.out()).toContain('Status: ');
    expect(run.err()).toMatch(/^\nThe solution could not be written to \/nope\/x\.json: ENOENT/);
  });

  it('skips a UTF-8 byte order mark; - reads the problem from standard input', async () => {
    const bom = `\uFEFF${JSON.stringify(tinyProblem())}`;
    const run = fakeIo({ 'p.json': bom, '-': bom }, () => tinySolution());
    expect(await runPlan(['p.json'], run.io)).toBe(EXIT_SOLVED);
    expect(await runPlan(['-', '--out', 's.json'], run.io)).toBe(EXIT_SOLVED);
    expect(run.written['s.json']).toBeDefined();
    const bad = fakeIo({ '-': '{' });
    expect(await runPlan(['-'], bad.io)).toBe(EXIT_INVALID_INPUT);
    expect(bad.err()).toMatch(/^standard input: cannot read the problem/);
  });

  it('unwritable(): a missing directory, a directory, or null for a writable place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-out-'));
    expect(unwritable('/nonexistent/dir/x.json')).toBe(
      'the directory /nonexistent/dir does not exist',
    );
    expect(unwritable(dir)).toBe('it is a directory');
    expect(unwritable(join(dir, 'new.json'))).toBeNull();
    writeFileSync(join(dir, 'file'), '');
    expect(unwritable(join(dir, 'file', 'x.json'))).toMatch(/not a directory/);
    rmSync(dir, { recursive: true });
  });

  it('from the command line: a problem on standard input with a BOM; an unwritable --out is exit 2', async () => {
    const cli = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
        const child = execFile(
          process.execPath,
          ['-r', '@swc-node/register', 'src/cli/plan.ts', ...args],
          { cwd: `${__dirname}/../..` },
          (error, stdout, stderr) =>
            done({ code: error ? (error as { code: number }).code : 0, stdout, stderr }),
        );
        child.stdin!.end(stdin);
      });
    const problem = `\uFEFF${JSON.stringify(tinyProblem())}`;
    const bad = await cli(['-', '--out', '/nonexistent/dir/x.json'], problem);
    expect(bad).toMatchObject({ code: EXIT_INVALID_INPUT, stdout: '' });
    expect(bad.stderr).toContain(
      '--out /nonexistent/dir/x.json: cannot write the solution there: the directory /nonexistent/dir does not exist',
    );
    expect(bad.stderr).not.toContain('unexpected error');
    const ok = await cli(['-', '--time-limit', '2000'], problem);
    expect(ok).toMatchObject({ code: EXIT_SOLVED, stdout: expect.stringContaining('Status: ') });
  }, 60_000);

  it('sets the process exit code when run from the command line', async () => {
    const result = await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'src/cli/plan.ts', 'does-not-exist.json'],
      { cwd: `${__dirname}/../..` },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({
      code: EXIT_INVALID_INPUT,
      stderr: expect.stringMatching(/cannot read the problem/),
    });
  }, 60_000);
});
