import { Body, Controller, Delete, Get, Patch, Post, Query, HttpCode } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateProtocolDto,
  ProtocolDto,
  ProtocolListQueryDto,
  ProtocolPageDto,
  UpdateProtocolDto,
} from '../dtos/protocol.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { ProtocolService } from '../services/protocol.service';

/** Directors write protocols; front desk and clinicians read them. */
@ApiTags('protocols')
@ApiKeyProtected()
@Controller('v1/protocols')
export class ProtocolController {
  constructor(private readonly service: ProtocolService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ProtocolPageDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: ProtocolListQueryDto) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ProtocolDto })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<ProtocolDto> {
    return this.service.get(actor, id);
  }

  @Post()
  @ApiCreatedResponse({ type: ProtocolDto, description: 'Created with version 1 as a draft' })
  @ApiProblems(400, 409, 422)
  create(@Auth() actor: Actor, @Body() dto: CreateProtocolDto): Promise<ProtocolDto> {
    return this.service.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProtocolDto })
  @ApiProblems(400, 404, 409)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdateProtocolDto,
  ): Promise<ProtocolDto> {
    return this.service.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: ProtocolDto, description: 'Archived (refused while in use)' })
  @ApiProblems(404, 409)
  archive(@Auth() actor: Actor, @IdParam() id: string): Promise<ProtocolDto> {
    return this.service.archive(actor, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: ProtocolDto })
  @ApiProblems(404, 409)
  restore(@Auth() actor: Actor, @IdParam() id: string): Promise<ProtocolDto> {
    return this.service.restore(actor, id);
  }
}
