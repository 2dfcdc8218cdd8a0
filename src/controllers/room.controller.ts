import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ArchivableListQueryDto } from '../dtos/archivable-list-query.dto';
import { CreateRoomDto, RoomDto, RoomPageDto, UpdateRoomDto } from '../dtos/room.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { RoomService } from '../services/room.service';
import { RoomChangeDto } from '../dtos/affected-appointment.dto';

/** Catalog: directors write; front desk and clinicians read. DELETE archives (kept for history). */
@ApiTags('rooms')
@ApiKeyProtected()
@Controller('v1/rooms')
export class RoomController {
  constructor(private readonly service: RoomService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: RoomPageDto, description: 'Archived ones only with includeArchived=true' })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: ArchivableListQueryDto): Promise<RoomPageDto> {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: RoomDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<RoomDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: RoomDto })
  @ApiProblems(400, 409, 422)
  create(@Auth() actor: Actor, @Body() dto: CreateRoomDto): Promise<RoomDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({
    type: RoomChangeDto,
    description: 'Saved; lists the booked appointments the change affects, with the repair request',
  })
  @ApiProblems(400, 404, 409, 422)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateRoomDto,
  ): Promise<RoomChangeDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: RoomDto, description: 'Archived (not deleted); refused while in use' })
  @ApiProblems(404, 409)
  archive(@Auth() actor: Actor, @IdParam() id: string): Promise<RoomDto> {
    return this.service.archive(actor, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: RoomDto, description: 'Un-archived' })
  @ApiProblems(404, 409)
  restore(@Auth() actor: Actor, @IdParam() id: string): Promise<RoomDto> {
    return this.service.restore(actor, id);
  }
}
