import { Injectable } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ServiceBusyError } from '../../domain/errors';
import type { Problem, Solution } from '../../domain/planning/format';
import type { PlannerJob } from './planner.worker';

/** Extra time a worker gets beyond the solver's own deadline before it is stopped. */
const GRACE_MS = 5_000;

/**
 * Runs the planner in a worker thread per solve, so a 30-second solve never blocks health
 * checks or bookings on the HTTP event loop. At most one solve per core runs at once; a few
 * more wait; beyond that callers are told to retry (503 PLANNER_BUSY) instead of piling up.
 * Under ts (jest, swc-node) the worker source is TypeScript, so it is loaded through the
 * same @swc-node/register hook the CLI uses; compiled builds load the .js file directly.
 */
@Injectable()
export class PlannerRunner {
  private readonly maxRunning = Math.max(1, availableParallelism());
  private readonly maxWaiting = 4 * this.maxRunning;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  async solve(problem: Problem, options: PlannerJob['options']): Promise<Solution> {
    await this.acquire();
    try {
      return await this.runWorker({ problem, options }, (options.timeLimitMs ?? 0) + GRACE_MS);
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.maxRunning) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(
        new ServiceBusyError('The planner is busy; retry shortly', 'PLANNER_BUSY'),
      );
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  private runWorker(job: PlannerJob, killAfterMs: number): Promise<Solution> {
    const source = extname(__filename) === '.ts';
    const worker = new Worker(join(__dirname, `planner.worker${source ? '.ts' : '.js'}`), {
      execArgv: source ? [...process.execArgv, '-r', '@swc-node/register'] : process.execArgv,
    });
    return new Promise<Solution>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`planner worker exceeded ${killAfterMs} ms`));
      }, killAfterMs);
      worker.once(
        'message',
        (result: { ok: true; solution: Solution } | { ok: false; message: string }) => {
          clearTimeout(timer);
          void worker.terminate();
          if (result.ok) resolve(result.solution);
          else reject(new Error(`planner failed: ${result.message}`));
        },
      );
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      worker.postMessage(job);
    });
  }
}
