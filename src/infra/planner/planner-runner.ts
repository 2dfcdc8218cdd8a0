import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { MessageChannel } from 'node:worker_threads';
import { Logger } from 'pino';
import { SelfCheckFailedError, ServiceBusyError } from '../../domain/errors';
import type { Problem, Solution } from '../../domain/planning/format';
import { DEFAULT_TIME_LIMIT_MS, type SolveProgress } from '../../domain/planning/solve';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LOGGER } from '../logging/logger.module';
import { FairQueue } from './fair-queue';
import { PLANNER_POOL, type PlannerThreads } from './planner-pool';
import type { PlannerJob, PlannerJobResult } from './planner.worker';

/** Extra time a job gets beyond the solver's own deadline before its thread is stopped. */
export const GRACE_MS = 30_000;

/** Who asked: the queue is fair between clinics; the request id goes into log lines. */
export interface SolveCaller {
  clinicId: string;
  requestId: string | null;
}

export type PlannerQueueLimits = Pick<
  AppConfig,
  'plannerQueuePerClinic' | 'plannerQueueMax' | 'plannerQueueWaitMs'
>;

interface Waiting {
  job: PlannerJob;
  resolve: (result: PlannerJobResult) => void;
  reject: (error: unknown) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Runs solves on a persistent pool of planner threads (planner-pool.ts), so a 30-second
 * solve never blocks health checks or bookings on the HTTP event loop, and a small solve
 * does not pay for starting a thread. At most one job per thread runs; the rest wait in
 * a bounded queue per clinic, served fairly (fair-queue.ts), so one clinic flooding the
 * planner cannot starve another. A full queue, or a wait longer than
 * `plannerQueueWaitMs`, answers 503 PLANNER_BUSY with a Retry-After estimate. A running
 * job is stopped `GRACE_MS` after its own time limit. Every solution was checked by the
 * independent validator inside the thread; a rejected one becomes a 500
 * PLANNER_INVALID_SOLUTION and one log line (problem hash and rule codes, no data).
 */
@Injectable()
export class PlannerRunner implements OnModuleDestroy {
  private readonly queue: FairQueue<Waiting>;
  private running = 0;
  private closed = false;
  /** Moving average of recent job durations, for Retry-After. */
  private averageRunMs = 1_000;

  constructor(
    @Inject(PLANNER_POOL) private readonly pool: PlannerThreads,
    @Inject(APP_CONFIG) private readonly limits: PlannerQueueLimits,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new FairQueue({
      perKey: limits.plannerQueuePerClinic,
      total: limits.plannerQueueMax,
    });
  }

  /** `onProgress`: called on this thread with the solver's progress (plan runs). */
  async solve(
    caller: SolveCaller,
    problem: Problem,
    options: PlannerJob['options'],
    onProgress?: (progress: SolveProgress) => void,
  ): Promise<Solution> {
    let channel: MessageChannel | undefined;
    if (onProgress) {
      channel = new MessageChannel();
      channel.port1.on('message', (p: SolveProgress) => onProgress(p));
    }
    const result = await this.schedule(caller.clinicId, {
      problem,
      options,
      ...(channel && { progress: channel.port2 }),
    }).finally(() => channel?.port1.close());
    if (result.ok) return result.solution;
    this.logger.error(
      {
        clinicId: caller.clinicId,
        requestId: caller.requestId,
        problemSha256: result.problemSha256,
        violations: result.violationCodes,
        violationCount: result.violationCount,
      },
      'planner solution failed the independent validator; withheld (500)',
    );
    throw new SelfCheckFailedError(
      'The planner produced a schedule that breaks a rule, so none is returned. ' +
        'This is a defect on our side; quote the request id when reporting it.',
      'PLANNER_INVALID_SOLUTION',
    );
  }

  /** Jobs running and waiting, for tests and diagnostics. */
  load(clinicId?: string): { running: number; waiting: number } {
    if (clinicId === undefined) return { running: this.running, waiting: this.queue.waiting };
    return { running: this.queue.runningFor(clinicId), waiting: this.queue.waitingFor(clinicId) };
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (let next = this.queue.next(); next; next = this.queue.next()) {
      clearTimeout(next.item.timer);
      next.item.reject(this.busy('The planner is shutting down; retry shortly'));
    }
    await this.pool.close();
  }

  private schedule(clinicId: string, job: PlannerJob): Promise<PlannerJobResult> {
    if (this.closed) {
      return Promise.reject(this.busy('The planner is shutting down; retry shortly'));
    }
    if (this.running < this.pool.size && this.queue.waiting === 0) return this.start(clinicId, job);
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { job, resolve, reject };
      const refused = this.queue.push(clinicId, waiting);
      if (refused) {
        reject(
          this.busy(
            refused === 'key-full'
              ? `This clinic already has ${this.limits.plannerQueuePerClinic} solves waiting; retry later`
              : 'The planner is busy; retry later',
          ),
        );
        return;
      }
      waiting.timer = setTimeout(() => {
        if (this.queue.remove(clinicId, waiting)) {
          reject(
            this.busy('The planner is busy (the solve waited too long to start); retry later'),
          );
        }
      }, this.limits.plannerQueueWaitMs);
      // Only bounds the wait: never what keeps a process (a CLI, a jest worker) alive.
      waiting.timer.unref();
    });
  }

  private start(clinicId: string, job: PlannerJob): Promise<PlannerJobResult> {
    this.queue.started(clinicId);
    this.running += 1;
    const startedAt = Date.now();
    const timeLimitMs = job.options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    const killAfterMs = timeLimitMs + GRACE_MS;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), killAfterMs);
    timer.unref(); // the job's thread keeps the process alive while it runs, not this guard
    return this.pool
      .run(job, abort.signal)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) throw error;
        // The solve overran its own limit by the whole grace: the machine is overloaded or the
        // thread is stuck, which this side cannot tell apart. Its thread is stopped; the caller
        // may retry later, and the log line says which clinic's solve it was.
        this.logger.warn(
          { clinicId, timeLimitMs, killAfterMs },
          'planner job overran its time limit by the grace period; its thread was stopped',
        );
        throw this.busy(
          `The solve ran over ${killAfterMs} ms (its time limit plus ${GRACE_MS / 1000} s) and ` +
            'was stopped: the planner is overloaded or the solve is stuck; retry later',
        );
      })
      .finally(() => {
        clearTimeout(timer);
        this.running -= 1;
        this.queue.finished(clinicId);
        this.averageRunMs = 0.8 * this.averageRunMs + 0.2 * (Date.now() - startedAt);
        this.startWaiting();
      });
  }

  private startWaiting(): void {
    while (!this.closed && this.running < this.pool.size) {
      const next = this.queue.next();
      if (!next) return;
      clearTimeout(next.item.timer);
      this.start(next.key, next.item.job).then(next.item.resolve, next.item.reject);
    }
  }

  /** 503 PLANNER_BUSY, with a Retry-After from the recent job time and the queue length. */
  private busy(message: string): ServiceBusyError {
    const ahead = this.queue.waiting / this.pool.size + 1;
    const seconds = Math.ceil((this.averageRunMs * ahead) / 1000);
    return new ServiceBusyError(message, 'PLANNER_BUSY', Math.min(60, Math.max(1, seconds)));
  }
}
