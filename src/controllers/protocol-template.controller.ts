import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CopiedProtocolTemplateDto,
  CopyProtocolTemplateDto,
  ProtocolTemplateDto,
  ProtocolTemplateListDto,
} from '../dtos/protocol-template.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { ProtocolTemplateService } from '../services/protocol-template.service';

/** Starter protocols: anyone reads them; a director copies one into the clinic. */
@ApiTags('protocol-templates')
@ApiKeyProtected()
@Controller('v1/protocol-templates')
export class ProtocolTemplateController {
  constructor(private readonly service: ProtocolTemplateService) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ProtocolTemplateListDto })
  list(): ProtocolTemplateListDto {
    return this.service.list();
  }

  @Get(':templateId')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: ProtocolTemplateDto })
  @ApiProblems(404)
  get(@Param('templateId') id: string): ProtocolTemplateDto {
    return this.service.get(id);
  }

  @Post(':templateId/copy')
  @ApiCreatedResponse({ type: CopiedProtocolTemplateDto })
  @ApiProblems(400, 404, 409, 422)
  copy(
    @Auth() actor: Actor,
    @Param('templateId') id: string,
    @Body() dto: CopyProtocolTemplateDto,
  ): Promise<CopiedProtocolTemplateDto> {
    return this.service.copy(actor, id, dto);
  }
}
