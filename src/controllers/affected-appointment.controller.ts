import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AffectedListDto, AffectedListQueryDto } from '../dtos/affected-appointment.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { AffectedAppointments } from '../services/affected-appointments';

/**
 * The front desk's worklist: booked appointments (not over) that no longer fit the staff's
 * hours, time off and roles, the room's hours, time off and features, the clinic's closures
 * or the enrollment's pinned protocol version, with why and the repair request. Directors and
 * front desk; clinicians are refused.
 */
@ApiTags('appointments')
@ApiKeyProtected()
@Controller('v1/affected-appointments')
export class AffectedAppointmentController {
  constructor(private readonly service: AffectedAppointments) {}

  @Get()
  @Roles('frontdesk')
  @ApiOkResponse({ type: AffectedListDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: AffectedListQueryDto): Promise<AffectedListDto> {
    return this.service.list(actor, query);
  }
}
