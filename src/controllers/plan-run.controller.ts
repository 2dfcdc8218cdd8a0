import { Body, Controller, Get, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Problem } from '../domain/planning/format';
import { PLAN_PROBLEM_SCHEMA } from '../dtos/plan.dto';
import {
  CreatePlanRunDto,
  PlanRunCommitDto,
  PlanRunDto,
  PlanRunListQueryDto,
  PlanRunPageDto,
} from '../dtos/plan-run.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey } from '../infra/http/idempotency-key';
import { IdParam } from '../infra/http/id-param';
import { LocationInterceptor } from '../infra/http/location.interceptor';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { PlanRunCommits } from '../services/plan-run-commit';
import { PlanRunService } from '../services/plan-run.service';

/**
 * Plan runs: a cohort's (or some enrollments') plan built from stored data and solved in the
 * background, then committed as appointments. Directors and the front desk; not clinicians.
 */
@ApiTags('plan runs')
@ApiKeyProtected()
@Controller('v1/plan-runs')
export class PlanRunController {
  constructor(
    private readonly service: PlanRunService,
    private readonly commits: PlanRunCommits,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('frontdesk')
  @UseInterceptors(LocationInterceptor)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Start a plan run (202, Location: the run)',
    description:
      'Builds a planning-format 1.1 problem from stored data and queues it; a worker solves it. ' +
      '503 PLANNER_BUSY with Retry-After when the clinic has too many runs queued or running.',
  })
  @ApiAcceptedResponse({ type: PlanRunDto })
  @ApiProblems(400, 409, 422, 503)
  create(@Auth() actor: Actor, @Body() dto: CreatePlanRunDto, @IdempotencyKey() key?: string) {
    return this.service.create(actor, dto, key);
  }

  @Get()
  @Roles('frontdesk')
  @ApiOkResponse({ type: PlanRunPageDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: PlanRunListQueryDto) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk')
  @ApiOkResponse({ type: PlanRunDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<PlanRunDto> {
    return this.service.get(actor, id);
  }

  @Get(':id/problem')
  @Roles('frontdesk')
  @ApiOperation({ summary: 'The exact planning problem the run solves (docs/planning-format.md)' })
  @ApiOkResponse({ schema: PLAN_PROBLEM_SCHEMA })
  @ApiProblems(404)
  problem(@Auth() actor: Actor, @IdParam() id: string): Promise<Problem> {
    return this.service.problem(actor, id);
  }

  @Post(':id/commit')
  @HttpCode(200)
  @Roles('frontdesk')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Book the run’s proposal (all or nothing)',
    description:
      '409 PLAN_RUN_STALE naming what changed since the run (the run becomes stale); 409 PLAN_RUN_NOT_READY unless succeeded.',
  })
  @ApiOkResponse({ type: PlanRunCommitDto })
  @ApiProblems(404, 409, 422)
  commit(@Auth() actor: Actor, @IdParam() id: string, @IdempotencyKey() key?: string) {
    return this.commits.commit(actor, id, key);
  }
}
