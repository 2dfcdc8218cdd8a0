import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from '../dtos/api-key.dto';
import { Auth } from '../infra/auth/auth.decorators';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { ApiKeyService } from '../services/api-key.service';

/** Director-only (no @Roles): manage the clinic's keys. */
@ApiTags('api-keys')
@ApiKeyProtected()
@Controller('v1/api-keys')
export class ApiKeyController {
  constructor(private readonly service: ApiKeyService) {}

  @Get()
  @ApiOkResponse({ type: ApiKeyDto, isArray: true })
  list(@Auth() actor: Actor): Promise<ApiKeyDto[]> {
    return this.service.list(actor);
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The secret is shown only here' })
  @ApiProblems(400)
  create(@Auth() actor: Actor, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.service.create(actor, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: ApiKeyDto, description: 'The revoked key' })
  @ApiProblems(404, 409)
  revoke(@Auth() actor: Actor, @IdParam() id: string): Promise<ApiKeyDto> {
    return this.service.revoke(actor, id);
  }
}
