import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Solution } from '../domain/planning/format';
import { validateSolution } from '../domain/planning/solution-check';
import { tinyProblem, tinySolution } from '../domain/planning/solution-check/tiny-problem.testing';
import { EXIT_INVALID_INPUT, EXIT_SOLVED, EXIT_UNEXPECTED, type PlanIo, runPlan } from './plan';

function fakeIo(files: Record<string, string>, solve?: PlanIo['solve']) {
  const written: Record<string, string> = {};
  const out: string[] = [];
  const err: string[] = [];
  const io: PlanIo = {
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
      return files[path];
    },
    writeFile: (path, text) => (written[path] = text),
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
