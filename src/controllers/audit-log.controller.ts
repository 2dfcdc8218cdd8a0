import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuditLogPageDto } from '../dtos/audit-log.dto';
import { PageQueryDto } from '../dtos/page.dto';
import { Auth } from '../infra/auth/auth.decorators';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { AuditLogService } from '../services/audit-log.service';

/** Director-only: every write of the clinic, newest first. */
@ApiTags('audit-log')
@ApiKeyProtected()
@Controller('v1/audit-log')
export class AuditLogController {
  constructor(private readonly service: AuditLogService) {}

  @Get()
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiProblems(400, 422)
  page(@Auth() actor: Actor, @Query() query: PageQueryDto): Promise<AuditLogPageDto> {
    return this.service.page(actor, query);
  }
}
