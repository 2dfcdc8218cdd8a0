import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CohortRepinResultDto, RepinCohortDto } from '../dtos/cohort-repin.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey } from '../infra/http/idempotency-key';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { CohortRepin } from '../services/cohort-repin';

/** Bulk re-pin of a cohort's enrollments: directors and front desk (who re-pin enrollments). */
@ApiTags('cohorts')
@ApiKeyProtected()
@Controller('v1/cohorts')
export class CohortRepinController {
  constructor(private readonly service: CohortRepin) {}

  @Post(':id/repin')
  @Roles('frontdesk')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({
    type: CohortRepinResultDto,
    description: 'Every active member now follows the version; affected bookings are listed',
  })
  @ApiProblems(400, 404, 422)
  repin(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: RepinCohortDto,
    @IdempotencyKey() key?: string,
  ): Promise<CohortRepinResultDto> {
    return this.service.repin(actor, id, dto, key);
  }
}
