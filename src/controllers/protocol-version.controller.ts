import { Body, Controller, Delete, Get, Post, Put, Query, HttpCode } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto } from '../dtos/page.dto';
import {
  CreateProtocolVersionDto,
  MAX_PROTOCOL_VERSION,
  ProtocolCheckDto,
  ProtocolVersionDto,
  ProtocolVersionPageDto,
  UpdateProtocolVersionDto,
} from '../dtos/protocol-version.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { IdParam, PositiveIntParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { ProtocolVersionService } from '../services/protocol-version.service';

/** `:v` as a version number 1..MAX_PROTOCOL_VERSION; anything else names no version (404). */
const VersionParam = () => PositiveIntParam('v', MAX_PROTOCOL_VERSION, 'Protocol version');
const ApiVersionParam = () =>
  ApiParam({
    name: 'v',
    schema: { type: 'integer', minimum: 1, maximum: MAX_PROTOCOL_VERSION },
    description: 'Version number; any other value answers 404',
  });

/** Versions: directors edit drafts and publish; anyone in the clinic reads and checks. */
@ApiTags('protocols')
@ApiKeyProtected()
@Controller('v1/protocols/:id/versions')
export class ProtocolVersionController {
  constructor(private readonly service: ProtocolVersionService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ProtocolVersionPageDto })
  @ApiProblems(400, 404)
  list(@Auth() actor: Actor, @IdParam() id: string, @Query() query: PageQueryDto) {
    return this.service.list(actor, id, query);
  }

  @Post()
  @ApiCreatedResponse({ type: ProtocolVersionDto, description: 'A new draft' })
  @ApiProblems(400, 404, 409, 422)
  createDraft(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: CreateProtocolVersionDto,
  ): Promise<ProtocolVersionDto> {
    return this.service.createDraft(actor, id, dto);
  }

  @Get(':v')
  @ApiVersionParam()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ProtocolVersionDto })
  @ApiProblems(404)
  get(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @VersionParam() v: number,
  ): Promise<ProtocolVersionDto> {
    return this.service.get(actor, id, v);
  }

  @Put(':v')
  @ApiVersionParam()
  @ApiOkResponse({ type: ProtocolVersionDto })
  @ApiProblems(400, 404, 409, 422)
  update(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @VersionParam() v: number,
    @Body() dto: UpdateProtocolVersionDto,
  ): Promise<ProtocolVersionDto> {
    return this.service.updateDraft(actor, id, v, dto);
  }

  @Delete(':v')
  @ApiVersionParam()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Draft discarded' })
  @ApiProblems(404, 409)
  deleteDraft(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @VersionParam() v: number,
  ): Promise<void> {
    return this.service.deleteDraft(actor, id, v);
  }

  @Post(':v/publish')
  @ApiVersionParam()
  @HttpCode(200)
  @ApiOkResponse({ type: ProtocolVersionDto, description: 'Published and frozen' })
  @ApiProblems(404, 409, 422)
  publish(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @VersionParam() v: number,
  ): Promise<ProtocolVersionDto> {
    return this.service.publish(actor, id, v);
  }

  @Post(':v/check')
  @ApiVersionParam()
  @Roles('frontdesk', 'clinician')
  @HttpCode(200)
  @ApiOkResponse({ type: ProtocolCheckDto })
  @ApiProblems(404)
  check(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @VersionParam() v: number,
  ): Promise<ProtocolCheckDto> {
    return this.service.check(actor, id, v);
  }
}
