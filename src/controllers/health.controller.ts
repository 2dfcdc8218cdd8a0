import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthDto } from '../dtos/health.dto';
import { Public } from '../infra/auth/auth.decorators';
import { IgnoresQuery } from '../infra/http/query-params.interceptor';
import { HealthService } from '../services/health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  @Get()
  @IgnoresQuery()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'The database does not answer' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const health = await this.service.check();
    if (health.status !== 'ok') res.status(503);
    return health;
  }
}
