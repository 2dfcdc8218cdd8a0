import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ArchivableListQueryDto } from '../dtos/archivable-list-query.dto';
import { CreateStaffDto, StaffDto, StaffPageDto, UpdateStaffDto } from '../dtos/staff.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { StaffService } from '../services/staff.service';
import { StaffChangeDto } from '../dtos/affected-appointment.dto';

/** Catalog: directors write; front desk and clinicians read. DELETE archives (kept for history). */
@ApiTags('staff')
@ApiKeyProtected()
@Controller('v1/staff')
export class StaffController {
  constructor(private readonly service: StaffService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({
    type: StaffPageDto,
    description: 'Archived ones only with includeArchived=true',
  })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: ArchivableListQueryDto): Promise<StaffPageDto> {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: StaffDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<StaffDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: StaffDto })
  @ApiProblems(400, 409, 422)
  create(@Auth() actor: Actor, @Body() dto: CreateStaffDto): Promise<StaffDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({
    type: StaffChangeDto,
    description: 'Saved; lists the booked appointments the change affects, with the repair request',
  })
  @ApiProblems(400, 404, 409, 422)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateStaffDto,
  ): Promise<StaffChangeDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: StaffDto, description: 'Archived (not deleted); refused while in use' })
  @ApiProblems(404, 409)
  archive(@Auth() actor: Actor, @IdParam() id: string): Promise<StaffDto> {
    return this.service.archive(actor, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: StaffDto, description: 'Un-archived' })
  @ApiProblems(404, 409)
  restore(@Auth() actor: Actor, @IdParam() id: string): Promise<StaffDto> {
    return this.service.restore(actor, id);
  }
}
