import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ArchivableListQueryDto } from '../dtos/archivable-list-query.dto';
import {
  CreateSessionTypeDto,
  SessionTypeDto,
  SessionTypePageDto,
  UpdateSessionTypeDto,
} from '../dtos/session-type.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { SessionTypeService } from '../services/session-type.service';

/** Catalog: directors write; front desk and clinicians read. DELETE archives (kept for history). */
@ApiTags('session-types')
@ApiKeyProtected()
@Controller('v1/session-types')
export class SessionTypeController {
  constructor(private readonly service: SessionTypeService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({
    type: SessionTypePageDto,
    description: 'Archived ones only with includeArchived=true',
  })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: ArchivableListQueryDto): Promise<SessionTypePageDto> {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: SessionTypeDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<SessionTypeDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: SessionTypeDto })
  @ApiProblems(400, 409, 422)
  create(@Auth() actor: Actor, @Body() dto: CreateSessionTypeDto): Promise<SessionTypeDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SessionTypeDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateSessionTypeDto,
  ): Promise<SessionTypeDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({
    type: SessionTypeDto,
    description: 'Archived (not deleted); refused while in use',
  })
  @ApiProblems(404, 409)
  archive(@Auth() actor: Actor, @IdParam() id: string): Promise<SessionTypeDto> {
    return this.service.archive(actor, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionTypeDto, description: 'Un-archived' })
  @ApiProblems(404, 409)
  restore(@Auth() actor: Actor, @IdParam() id: string): Promise<SessionTypeDto> {
    return this.service.restore(actor, id);
  }
}
