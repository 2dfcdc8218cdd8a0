import { Body, Controller, Delete, Get, Patch, Post, Query, HttpCode } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreatePatientDto,
  PatientDto,
  PatientListQueryDto,
  PatientPageDto,
  UpdatePatientDto,
} from '../dtos/patient.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { PatientService } from '../services/patient.service';

/** Front desk and directors write patients; a clinician key reads those of its own sessions. */
@ApiTags('patients')
@ApiKeyProtected()
@Controller('v1/patients')
export class PatientController {
  constructor(private readonly service: PatientService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: PatientPageDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: PatientListQueryDto) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: PatientDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<PatientDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @Roles('frontdesk')
  @ApiCreatedResponse({ type: PatientDto })
  @ApiProblems(400, 409)
  create(@Auth() actor: Actor, @Body() dto: CreatePatientDto): Promise<PatientDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @Roles('frontdesk')
  @ApiOkResponse({ type: PatientDto })
  @ApiProblems(400, 404, 409)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdatePatientDto,
  ): Promise<PatientDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @Roles('frontdesk')
  @ApiOkResponse({ type: PatientDto, description: 'Archived (refused with active enrollments)' })
  @ApiProblems(404, 409)
  archive(@Auth() actor: Actor, @IdParam() id: string): Promise<PatientDto> {
    return this.service.archive(actor, id);
  }

  @Post(':id/restore')
  @Roles('frontdesk')
  @HttpCode(200)
  @ApiOkResponse({ type: PatientDto })
  @ApiProblems(404, 409)
  restore(@Auth() actor: Actor, @IdParam() id: string): Promise<PatientDto> {
    return this.service.restore(actor, id);
  }
}
