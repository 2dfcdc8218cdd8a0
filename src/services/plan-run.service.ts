import { Inject, Injectable } from '@nestjs/common';
import { ServiceBusyError, ValidationError } from '../domain/errors';
import { buildPlanRunProblem, planRunRefusals } from '../domain/plan-runs/build-problem';
import { proposalOf, type RunNames } from '../domain/plan-runs/proposal';
import type { Problem, Solution } from '../domain/planning/format';
import { checkPlanLimits, PlanLimits } from '../domain/planning/limits/plan-limits';
import { checkPlannerSupport, checkProblem } from '../domain/planning/problem-check';
import { keysetAfter, Page, toPage } from '../dtos/page.dto';
import {
  CreatePlanRunDto,
  PLAN_RUN_DEFAULT_TIME_LIMIT_MS,
  PLAN_RUN_MAX_TIME_LIMIT_MS,
  PlanRunDto,
  PlanRunListQueryDto,
  toPlanRunDto,
  toPlanRunResult,
} from '../dtos/plan-run.dto';
import type { PlanRunEntity } from '../entities/plan-run.entity';
import { AppConfig } from '../infra/config/app-config';
import { APP_CONFIG } from '../infra/config/config.module';
import { PlanRunRepository } from '../repositories/plan-run.repository';
import { Actor } from './actor';
import { CLOCK, Clock } from './clock';
import { IdempotentWrites } from './idempotent-writes';
import { PlanRunInputs } from './plan-run-inputs';
import { PlanRunWorker } from './plan-run-worker';
import { snapshot } from './transactions';

/** The planner's limits for plan runs: as the stateless endpoint, with a longer time limit. */
export const PLAN_RUN_LIMITS: PlanLimits = {
  maxTimeLimitMs: PLAN_RUN_MAX_TIME_LIMIT_MS,
  defaultTimeLimitMs: PLAN_RUN_DEFAULT_TIME_LIMIT_MS,
  maxPatients: 500,
  maxHorizonDays: 366,
};

/**
 * Plan runs: a planning problem built from stored data (PlanRunInputs + build-problem.ts),
 * checked, stored with its fingerprint and queued for the workers (PlanRunWorker); reads
 * with names; the exact problem. Committing is PlanRunCommits.
 */
@Injectable()
export class PlanRunService {
  constructor(
    private readonly runs: PlanRunRepository,
    private readonly inputs: PlanRunInputs,
    private readonly writes: IdempotentWrites,
    private readonly worker: PlanRunWorker,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'planRunQueuePerClinic'>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreatePlanRunDto, key?: string): Promise<PlanRunDto> {
    const request = key ? { key, route: 'POST /v1/plan-runs', body: dto } : undefined;
    const run = await this.writes.write(actor, request, async ({ manager, audit }) => {
      const { clinicId } = actor;
      const ids = await this.inputs.enrollmentIds(clinicId, dto, manager);
      const repair = dto.repair ?? false;
      const timeLimitMs = dto.timeLimitMs ?? PLAN_RUN_DEFAULT_TIME_LIMIT_MS;
      const seed = dto.seed ?? null;
      const loaded = await this.inputs.load(
        clinicId,
        ids,
        { repair, timeLimitMs, seed, now: this.clock.now() },
        manager,
      );
      const refusals = planRunRefusals(loaded.input);
      if (refusals.length > 0) throw new ValidationError(refusals);
      const problem = this.checked(buildPlanRunProblem(loaded.input));
      const active = await this.runs.lockAndCountActive(clinicId, manager);
      if (active >= this.config.planRunQueuePerClinic) {
        throw new ServiceBusyError(
          `This clinic already has ${active} plan runs queued or running; retry when one finishes`,
          'PLANNER_BUSY',
          Math.min(60, Math.max(5, Math.ceil(timeLimitMs / 1000))),
        );
      }
      const row = await this.runs.insert(
        clinicId,
        {
          status: 'queued',
          request: {
            cohortId: dto.cohortId ?? null,
            enrollmentIds: ids,
            repair,
            timeLimitMs,
            seed,
          },
          problem,
          names: loaded.names,
          fingerprint: loaded.fingerprint,
          progress: null,
          solution: null,
          error: null,
          attempts: 0,
          leaseOwner: null,
          leaseUntil: null,
          startedAt: null,
          finishedAt: null,
          committedAt: null,
          createdByKeyId: actor.keyId,
        },
        manager,
      );
      const dtoOut = toPlanRunDto(row, null);
      await audit({
        action: 'create',
        entityType: 'plan_run',
        entityId: row.id,
        before: null,
        after: snapshot({ id: row.id, status: row.status, request: row.request }),
      });
      return dtoOut;
    });
    this.worker.wake();
    return run;
  }

  async list(actor: Actor, query: PlanRunListQueryDto): Promise<Page<PlanRunDto>> {
    const rows = await this.runs.page(actor.clinicId, {
      limit: query.limit + 1,
      after: keysetAfter(query.cursor),
      status: query.status,
    });
    return toPage(
      rows,
      query.limit,
      (r) => toPlanRunDto(r, null),
      (r) => [r.createdAt.toISOString(), r.id],
    );
  }

  async get(actor: Actor, id: string): Promise<PlanRunDto> {
    return this.view(await this.runs.get(actor.clinicId, id));
  }

  async problem(actor: Actor, id: string): Promise<Problem> {
    return (await this.runs.get(actor.clinicId, id)).problem as Problem;
  }

  /** The run as the API shows it: with the named proposal once it has a solution. */
  view(row: PlanRunEntity): PlanRunDto {
    if (!row.solution) return toPlanRunDto(row, null);
    const solution = row.solution as Solution;
    const proposal = proposalOf(row.problem as Problem, solution, row.names as RunNames);
    return toPlanRunDto(row, toPlanRunResult(solution, proposal));
  }

  /**
   * The problem as the planner will see it: valid (a bug otherwise: the builder made it), no
   * feature the planner cannot plan yet (422 NOT_SUPPORTED_BY_PLANNER), within the limits.
   */
  private checked(problem: Problem): Problem {
    const checked = checkProblem(problem);
    if (!checked.ok) throw new ValidationError(checked.errors, undefined, checked.code);
    const unsupported = checkPlannerSupport(checked.problem);
    if (unsupported.size > 0) {
      throw new ValidationError(unsupported.errors, undefined, 'NOT_SUPPORTED_BY_PLANNER');
    }
    const limits = checkPlanLimits(checked.problem, PLAN_RUN_LIMITS);
    if (limits.length > 0) throw new ValidationError(limits, undefined, 'PLAN_LIMIT_EXCEEDED');
    return problem;
  }
}
