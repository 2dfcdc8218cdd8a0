import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Logger } from 'pino';
import { DomainError, ServiceBusyError } from '../domain/errors';
import type { Problem } from '../domain/planning/format';
import type { SolveProgress } from '../domain/planning/solve';
import { AppConfig } from '../infra/config/app-config';
import { APP_CONFIG } from '../infra/config/config.module';
import { LOGGER } from '../infra/logging/logger.module';
import { PlannerRunner } from '../infra/planner/planner-runner';
import { PlanRunRepository } from '../repositories/plan-run.repository';

type WorkerConfig = Pick<
  AppConfig,
  'planRunPollMs' | 'planRunLeaseMs' | 'planRunMaxAttempts' | 'plannerPoolSize'
>;

/**
 * The plan-run worker of this instance: claims queued runs from the `plan_run` table (fairly
 * across clinics, see PlanRunRepository.claim), solves each on the planner's thread pool (never
 * on the request thread), renews its lease every third of `planRunLeaseMs` while it runs
 * (storing the solver's progress), and stores the validated solution or the error. A run whose
 * instance dies keeps its lease until it runs out; then any instance claims it again (after
 * `planRunMaxAttempts` claims it is failed instead). Nothing a run does touches appointments:
 * only a commit does, in one transaction, so a dead run never leaves anything half-applied.
 *
 * It polls every `planRunPollMs` (0: this instance runs no plan runs) and wakes at once when
 * this instance queues a run. At most `plannerPoolSize` runs at a time per instance.
 */
@Injectable()
export class PlanRunWorker implements OnApplicationBootstrap, OnModuleDestroy {
  /** Identifies this process's claims (lease_owner). */
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private running = new Map<string, AbortController>();
  private polling = false;
  private stopped = true;

  constructor(
    private readonly runs: PlanRunRepository,
    private readonly runner: PlannerRunner,
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.planRunPollMs <= 0) return;
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.config.planRunPollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // Give running jobs back to the queue: another instance takes them at once.
    await Promise.all(
      [...this.running.keys()].map((id) =>
        this.runs.release(id, this.owner).catch(() => undefined),
      ),
    );
    for (const abort of this.running.values()) abort.abort();
  }

  /** Looks for work now (after this instance queued a run, or on the poll timer). */
  wake(): void {
    if (this.stopped || this.polling) return;
    this.polling = true;
    this.poll()
      .catch((error: unknown) => this.logger.error({ err: error }, 'plan-run poll failed'))
      .finally(() => {
        this.polling = false;
      });
  }

  /** Runs in flight on this instance (tests, diagnostics). */
  get busy(): number {
    return this.running.size;
  }

  private async poll(): Promise<void> {
    await this.runs.failExhausted(this.config.planRunMaxAttempts);
    while (!this.stopped && this.running.size < this.config.plannerPoolSize) {
      const id = await this.runs.claim(this.owner, this.config.planRunLeaseMs);
      if (!id) return;
      const abort = new AbortController();
      this.running.set(id, abort);
      void this.execute(id, abort).finally(() => this.running.delete(id));
    }
  }

  private async execute(id: string, abort: AbortController): Promise<void> {
    const row = await this.runs.byId(id);
    if (!row) return;
    const problem = row.problem as Problem;
    let progress: SolveProgress | undefined;
    const started = Date.now();
    const beat = setInterval(
      () => {
        this.runs
          .heartbeat(id, this.owner, this.config.planRunLeaseMs, progress)
          .then((held) => {
            if (!held) abort.abort();
          })
          .catch(() => undefined);
      },
      Math.max(100, Math.floor(this.config.planRunLeaseMs / 3)),
    );
    // The solve keeps the process alive, not its heartbeat; and a run given back (shutdown) or
    // whose lease was lost beats no more, even while its thread winds down.
    beat.unref();
    abort.signal.addEventListener('abort', () => clearInterval(beat), { once: true });
    try {
      const solution = await this.runner.solve(
        { clinicId: row.clinicId, requestId: null },
        problem,
        { timeLimitMs: problem.options?.timeLimitMs, seed: problem.options?.seed },
        (p) => {
          progress = p;
        },
      );
      if (abort.signal.aborted) return;
      const stored = await this.runs.finish(id, this.owner, { status: 'succeeded', solution });
      this.logger.info(
        { planRunId: id, clinicId: row.clinicId, ms: Date.now() - started, stored },
        'plan run solved',
      );
    } catch (error: unknown) {
      if (abort.signal.aborted) return;
      if (error instanceof ServiceBusyError) {
        // The pool is taken by stateless solves: give the run back; it is claimed again soon.
        await this.runs.release(id, this.owner);
        return;
      }
      const known = error instanceof DomainError;
      if (!known) this.logger.error({ err: error, planRunId: id }, 'plan run failed');
      await this.runs.finish(id, this.owner, {
        status: 'failed',
        error: {
          code: known ? error.code : 'INTERNAL_ERROR',
          message: known ? error.message : 'The plan run failed unexpectedly; quote its id',
        },
      });
    } finally {
      clearInterval(beat);
    }
  }
}
