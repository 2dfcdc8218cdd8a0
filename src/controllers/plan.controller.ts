import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Solution } from '../domain/planning/format';
import { PLAN_PROBLEM_SCHEMA, PLAN_SOLUTION_SCHEMA } from '../dtos/plan.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { PlanningService } from '../services/planning.service';

@ApiTags('planning')
@ApiKeyProtected()
@Controller('v1/plans')
export class PlanController {
  constructor(private readonly service: PlanningService) {}

  @Post('solve')
  @HttpCode(200)
  @Roles('director')
  @ApiOperation({
    summary: 'Solve a planning-format v1 problem (stateless what-if planning)',
    description:
      'Takes a problem document as described in docs/planning-format.md and returns the solution document. ' +
      'Nothing is stored. options.timeLimitMs is at most 30000 (default 10000); at most 500 patients and 366 horizon days. ' +
      'Solves wait in a bounded queue per clinic: when it is full, 503 PLANNER_BUSY with Retry-After. ' +
      'Every solution is re-checked by the independent validator; one that breaks a rule is never returned (500 PLANNER_INVALID_SOLUTION).',
  })
  @ApiBody({ schema: PLAN_PROBLEM_SCHEMA })
  @ApiOkResponse({ schema: PLAN_SOLUTION_SCHEMA })
  @ApiProblems(400, 413, 422, 500, 503)
  solve(@Auth() actor: Actor, @Body() problem: unknown): Promise<Solution> {
    return this.service.solveDocument(actor, problem);
  }
}
