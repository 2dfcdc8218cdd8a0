import { Writable } from 'node:stream';
import { SelfCheckFailedError, ServiceBusyError } from '../../domain/errors';
import type { Problem, Solution } from '../../domain/planning/format';
import { createLogger } from '../logging/logger';
import type { PlannerThreads } from './planner-pool';
import { GRACE_MS, PlannerRunner, type PlannerQueueLimits } from './planner-runner';
import type { PlannerJob, PlannerJobResult } from './planner.worker';

/** A job the fake threads hold until the test settles it. */
interface HeldJob {
  name: string;
  settled: boolean;
  signal: AbortSignal;
  settle(result: PlannerJobResult): void;
  fail(error: Error): void;
}

/** Threads that never solve: each job is held, in start order, until the test settles it. */
class FakeThreads implements PlannerThreads {
  readonly started: HeldJob[] = [];
  closed = false;
  constructor(readonly size: number) {}

  run(job: PlannerJob, signal: AbortSignal): Promise<PlannerJobResult> {
    return new Promise((resolve, reject) => {
      const held: HeldJob = {
        name: job.problem.patients[0].id,
        settled: false,
        signal,
        settle: (result) => ((held.settled = true), resolve(result)),
        fail: (error) => ((held.settled = true), reject(error)),
      };
      signal.addEventListener('abort', () => held.fail(new Error('aborted')));
      this.started.push(held);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Settles the running job called `name` with a valid (empty) solution. */
  finish(name: string): void {
    const job = this.started.find((j) => j.name === name);
    if (!job) throw new Error(`${name} has not started`);
    job.settle({ ok: true, solution: solutionFor(name) });
  }

  names(): string[] {
    return this.started.map((j) => j.name);
  }

  /** Settles every job still held, and those it lets start, so no timer outlives a test. */
  async drain(): Promise<void> {
    for (let held = this.unsettled(); held.length > 0; held = this.unsettled()) {
      for (const job of held) job.settle({ ok: true, solution: solutionFor(job.name) });
      await flush();
    }
  }

  private unsettled(): HeldJob[] {
    return this.started.filter((j) => !j.settled);
  }
}

const cleanups: (() => Promise<void>)[] = [];

const problemFor = (name: string) => ({ patients: [{ id: name }] }) as unknown as Problem;
const solutionFor = (name: string) =>
  ({ status: 'none', appointments: [], name }) as unknown as Solution;
const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(size: number, limits: Partial<PlannerQueueLimits> = {}) {
  const threads = new FakeThreads(size);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const runner = new PlannerRunner(
    threads,
    { plannerQueuePerClinic: 10, plannerQueueMax: 100, plannerQueueWaitMs: 60_000, ...limits },
    createLogger('info', sink),
  );
  const solve = (clinicId: string, name: string, timeLimitMs = 1000) => {
    const answer = runner.solve({ clinicId, requestId: `req-${name}` }, problemFor(name), {
      timeLimitMs,
    });
    answer.catch(() => undefined); // tests that care await it; the rest must not leak
    return answer;
  };
  cleanups.push(async () => {
    jest.useRealTimers();
    await threads.drain();
    await runner.onModuleDestroy();
  });
  return { threads, runner, logs, solve };
}

describe('PlannerRunner', () => {
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('runs one job per thread and starts waiting jobs as threads free up', async () => {
    const { threads, runner, solve } = setup(2);
    const answers = ['a', 'b', 'c'].map((name) => solve('A', name));
    await flush();
    expect(threads.names()).toEqual(['a', 'b']);
    expect(runner.load()).toEqual({ running: 2, waiting: 1 });
    threads.finish('a');
    await expect(answers[0]).resolves.toMatchObject({ name: 'a' });
    expect(threads.names()).toEqual(['a', 'b', 'c']);
    threads.finish('b');
    threads.finish('c');
    await expect(Promise.all(answers)).resolves.toHaveLength(3);
    expect(runner.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('gives a second clinic the next free thread while the first one floods', async () => {
    const { threads, solve } = setup(1);
    const flood = ['a1', 'a2', 'a3', 'a4'].map((name) => solve('A', name));
    const small = solve('B', 'b1');
    await flush();
    for (const name of ['a1', 'b1', 'a2', 'a3', 'a4']) {
      expect(threads.names().at(-1)).toBe(name);
      threads.finish(name);
      await flush();
    }
    await expect(small).resolves.toMatchObject({ name: 'b1' });
    await expect(Promise.all(flood)).resolves.toHaveLength(4);
  });

  it('answers PLANNER_BUSY with Retry-After beyond the per-clinic bound, not for others', async () => {
    const { threads, solve } = setup(1, { plannerQueuePerClinic: 2 });
    const accepted = ['a1', 'a2', 'a3'].map((name) => solve('A', name));
    const refused = solve('A', 'a4');
    await expect(refused).rejects.toBeInstanceOf(ServiceBusyError);
    await expect(refused).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
    const error = (await refused.catch((e: unknown) => e)) as ServiceBusyError;
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const other = solve('B', 'b1');
    for (const name of ['a1', 'b1', 'a2', 'a3']) {
      await flush();
      threads.finish(name);
    }
    await expect(other).resolves.toMatchObject({ name: 'b1' });
    await expect(Promise.all(accepted)).resolves.toHaveLength(3);
    expect(threads.names()).not.toContain('a4');
  });

  it('answers PLANNER_BUSY beyond the global bound', async () => {
    const { solve } = setup(1, { plannerQueueMax: 1 });
    void solve('A', 'a1');
    void solve('B', 'b1');
    await expect(solve('C', 'c1')).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
  });

  it('refuses a job that waited in the queue too long, and never starts it', async () => {
    jest.useFakeTimers();
    const { threads, runner, solve } = setup(1, { plannerQueueWaitMs: 500 });
    void solve('A', 'a1');
    const late = solve('B', 'b1');
    jest.advanceTimersByTime(499);
    expect(runner.load('B')).toEqual({ running: 0, waiting: 1 });
    jest.advanceTimersByTime(1);
    await expect(late).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
    threads.finish('a1');
    await Promise.resolve();
    expect(threads.names()).toEqual(['a1']);
  });

  it('stops a job that outlives its time limit plus the grace period (503, retry later)', async () => {
    jest.useFakeTimers();
    const { threads, runner, logs, solve } = setup(1);
    const answer = solve('A', 'slow', 2000);
    jest.advanceTimersByTime(2000 + GRACE_MS - 1);
    expect(threads.started[0].signal.aborted).toBe(false);
    jest.advanceTimersByTime(1);
    expect(threads.started[0].signal.aborted).toBe(true);
    await expect(answer).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
    await expect(answer).rejects.toThrow(`ran over ${2000 + GRACE_MS} ms`);
    await expect(answer).rejects.toThrow('overloaded or the solve is stuck');
    expect(runner.load()).toEqual({ running: 0, waiting: 0 });
    const line = logs.find((l) => l.killAfterMs === 2000 + GRACE_MS);
    expect(line).toMatchObject({ clinicId: 'A', timeLimitMs: 2000, level: 40 });
    expect(JSON.stringify(line)).not.toContain('slow');
  });

  it('turns a solution the validator rejected into PLANNER_INVALID_SOLUTION and one log line', async () => {
    const { threads, logs, solve } = setup(1);
    const answer = solve('A', 'p-secret');
    await flush();
    threads.started[0].settle({
      ok: false,
      problemSha256: 'ab'.repeat(32),
      violationCodes: ['PATIENT_OVERLAP'],
      violationCount: 2,
    });
    await expect(answer).rejects.toBeInstanceOf(SelfCheckFailedError);
    await expect(answer).rejects.toMatchObject({ code: 'PLANNER_INVALID_SOLUTION' });
    const line = logs.find((l) => l.problemSha256 === 'ab'.repeat(32));
    expect(line).toMatchObject({
      level: 50, // pino's "error"
      clinicId: 'A',
      requestId: 'req-p-secret',
      violations: ['PATIENT_OVERLAP'],
      violationCount: 2,
    });
    expect(JSON.stringify(logs)).not.toContain('"p-secret"');
  });

  it('passes a failing job error through and keeps serving', async () => {
    const { threads, solve } = setup(1);
    const broken = solve('A', 'a1');
    const next = solve('A', 'a2');
    await flush();
    threads.started[0].fail(new Error('solver crashed'));
    await expect(broken).rejects.toThrow('solver crashed');
    await flush();
    threads.finish('a2');
    await expect(next).resolves.toMatchObject({ name: 'a2' });
  });

  it('refuses waiting and new jobs on shutdown and closes the threads', async () => {
    const { threads, runner, solve } = setup(1);
    void solve('A', 'a1');
    const waiting = solve('A', 'a2');
    await runner.onModuleDestroy();
    await expect(waiting).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
    await expect(solve('B', 'b1')).rejects.toMatchObject({ code: 'PLANNER_BUSY' });
    expect(threads.closed).toBe(true);
  });
});
