import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AddCohortMemberDto,
  CohortDto,
  CohortPageDto,
  CreateCohortDto,
  UpdateCohortDto,
} from '../dtos/cohort.dto';
import { PageQueryDto } from '../dtos/page.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { CohortService } from '../services/cohort.service';

/**
 * Directors create, change and delete cohorts (a cohort is a planned program, like a
 * protocol); front desk adds and removes members (an enrollment's cohort, as when enrolling);
 * everyone in the clinic reads them (a clinician key: only the members of its own sessions).
 */
@ApiTags('cohorts')
@ApiKeyProtected()
@Controller('v1/cohorts')
export class CohortController {
  constructor(private readonly service: CohortService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: CohortPageDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: PageQueryDto) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<CohortDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: CohortDto })
  @ApiProblems(400, 422)
  create(@Auth() actor: Actor, @Body() dto: CreateCohortDto): Promise<CohortDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateCohortDto,
  ): Promise<CohortDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; refused (409 IN_USE) while it has members' })
  @ApiProblems(404, 409)
  delete(@Auth() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.service.delete(actor, id);
  }

  @Post(':id/members')
  @Roles('frontdesk')
  @HttpCode(200)
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(400, 404, 409, 422)
  addMember(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: AddCohortMemberDto,
  ): Promise<CohortDto> {
    return this.service.addMember(actor, id, dto);
  }

  @Delete(':id/members/:enrollmentId')
  @Roles('frontdesk')
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(404)
  removeMember(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @IdParam('enrollmentId') enrollmentId: string,
  ): Promise<CohortDto> {
    return this.service.removeMember(actor, id, enrollmentId);
  }
}
