import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ClinicDto, UpdateClinicDto } from '../dtos/clinic.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { ClinicService } from '../services/clinic.service';
import { ClinicChangeDto } from '../dtos/affected-appointment.dto';

@ApiTags('clinics')
@ApiKeyProtected()
@Controller('v1')
export class ClinicController {
  constructor(private readonly service: ClinicService) {}

  @Get('clinic')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ClinicDto, description: 'The clinic of the calling API key' })
  getMine(@Auth() actor: Actor): Promise<ClinicDto> {
    return this.service.getMine(actor);
  }

  @Get('clinics/:id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ClinicDto })
  @ApiProblems(404)
  getById(@Auth() actor: Actor, @IdParam() id: string): Promise<ClinicDto> {
    return this.service.getById(actor, id);
  }

  @Patch('clinic')
  @ApiOkResponse({
    type: ClinicChangeDto,
    description: 'Saved; lists the booked appointments the change affects, with the repair request',
  })
  @ApiProblems(400, 409)
  update(@Auth() actor: Actor, @Body() dto: UpdateClinicDto): Promise<ClinicChangeDto> {
    return this.service.update(actor, dto);
  }
}
