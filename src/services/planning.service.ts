import { Injectable } from '@nestjs/common';
import { ValidationError } from '../domain/errors';
import type { Problem, Solution } from '../domain/planning/format';
import {
  checkPlanLimits,
  HTTP_PLAN_LIMITS,
  PlanLimits,
} from '../domain/planning/limits/plan-limits';
import { checkPlannerSupport, checkProblem } from '../domain/planning/problem-check';
import { PlannerRunner } from '../infra/planner/planner-runner';
import { Actor } from './actor';

/**
 * The planner as a use case: checks a planning-format document, enforces the service's size
 * and time limits, and solves it off the event loop. The stateless endpoint calls
 * `solveDocument`; plans built from stored data call `solve` with a problem they assembled.
 */
@Injectable()
export class PlanningService {
  private readonly limits: PlanLimits = HTTP_PLAN_LIMITS;

  constructor(private readonly runner: PlannerRunner) {}

  /**
   * `input` is untrusted JSON. Invalid documents: ValidationError (INVALID_PROBLEM) listing
   * every field; valid ones using a feature the planner cannot plan yet:
   * NOT_SUPPORTED_BY_PLANNER, naming each such field.
   */
  solveDocument(actor: Actor, input: unknown): Promise<Solution> {
    const checked = checkProblem(input);
    if (!checked.ok) {
      throw new ValidationError(checked.errors, undefined, checked.code);
    }
    return this.solve(actor, checked.problem);
  }

  /**
   * Queued fairly per clinic; the solution has passed the independent validator. A problem
   * using a feature the planner cannot plan yet is refused (NOT_SUPPORTED_BY_PLANNER) here
   * too, for callers that assemble problems themselves.
   */
  solve(actor: Actor, problem: Problem): Promise<Solution> {
    const unsupported = checkPlannerSupport(problem);
    if (unsupported.size > 0)
      throw new ValidationError(unsupported.errors, undefined, 'NOT_SUPPORTED_BY_PLANNER');
    const issues = checkPlanLimits(problem, this.limits);
    if (issues.length > 0) throw new ValidationError(issues, undefined, 'PLAN_LIMIT_EXCEEDED');
    const caller = { clinicId: actor.clinicId, requestId: actor.requestId };
    return this.runner.solve(caller, problem, {
      timeLimitMs: problem.options?.timeLimitMs ?? this.limits.defaultTimeLimitMs,
      seed: problem.options?.seed,
    });
  }
}
