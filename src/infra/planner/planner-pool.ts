import { extname, join } from 'node:path';
import Piscina from 'piscina';
import type { PlannerJob, PlannerJobResult } from './planner.worker';

/** Injection token of the threads the PlannerRunner hands jobs to. */
export const PLANNER_POOL = Symbol('PLANNER_POOL');

/** Runs planner jobs on `size` threads; the runner never gives it more than `size` at once. */
export interface PlannerThreads {
  readonly size: number;
  run(job: PlannerJob, signal: AbortSignal): Promise<PlannerJobResult>;
  close(): Promise<void>;
}

/** The worker the service runs: compiled .js in dist, the .ts source under jest / swc-node. */
export const PLANNER_WORKER_FILE = join(
  __dirname,
  `planner.worker${extname(__filename) === '.ts' ? '.ts' : '.js'}`,
);

/**
 * A persistent piscina pool of planner threads, started on the first job (so booting the
 * app, e.g. in tests, costs no threads) and kept until `close()`. A TypeScript worker file
 * (jest, `node -r @swc-node/register`) is loaded through the same @swc-node/register hook
 * the CLI uses; compiled builds load the .js file directly. Aborting a job's signal stops
 * its thread; piscina starts a fresh one in its place.
 */
export class PiscinaPlannerPool implements PlannerThreads {
  private pool?: Piscina<PlannerJob, PlannerJobResult>;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly workerFile: string = PLANNER_WORKER_FILE,
  ) {}

  run(job: PlannerJob, signal: AbortSignal): Promise<PlannerJobResult> {
    if (this.closed) return Promise.reject(new Error('the planner pool is closed'));
    this.pool ??= new Piscina<PlannerJob, PlannerJobResult>({
      filename: this.workerFile,
      minThreads: this.size,
      maxThreads: this.size,
      execArgv: this.workerFile.endsWith('.ts')
        ? [...process.execArgv, '-r', '@swc-node/register']
        : process.execArgv,
    });
    return this.pool.run(job, {
      signal,
      ...(job.progress && { transferList: [job.progress] }),
    });
  }

  /** Lets running jobs finish (piscina's closeTimeout, 30 s), then stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }
}
