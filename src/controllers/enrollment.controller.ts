import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EnrollmentChangeDto } from '../dtos/affected-appointment.dto';
import {
  CreateEnrollmentDto,
  EnrollmentDto,
  EnrollmentListQueryDto,
  EnrollmentPageDto,
  UpdateEnrollmentDto,
} from '../dtos/enrollment.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { EnrollmentService } from '../services/enrollment.service';

/** Front desk and directors write enrollments; a clinician key reads those of its sessions. */
@ApiTags('enrollments')
@ApiKeyProtected()
@Controller('v1/enrollments')
export class EnrollmentController {
  constructor(private readonly service: EnrollmentService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: EnrollmentPageDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: EnrollmentListQueryDto) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: EnrollmentDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<EnrollmentDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @Roles('frontdesk')
  @ApiCreatedResponse({ type: EnrollmentDto })
  @ApiProblems(400, 422)
  create(@Auth() actor: Actor, @Body() dto: CreateEnrollmentDto): Promise<EnrollmentDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @Roles('frontdesk')
  @ApiOkResponse({ type: EnrollmentChangeDto })
  @ApiProblems(400, 404, 422)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateEnrollmentDto,
  ): Promise<EnrollmentChangeDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @Roles('frontdesk')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (the audit log keeps its last state)' })
  @ApiProblems(404, 409)
  delete(@Auth() actor: Actor, @IdParam() id: string): Promise<void> {
    return this.service.delete(actor, id);
  }
}
