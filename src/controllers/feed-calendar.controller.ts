import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { FeedCalendarQueryDto } from '../dtos/calendar-feed.dto';
import { Public } from '../infra/auth/auth.decorators';
import {
  CalendarHeaders,
  CalendarRequestHeaders,
  sendCalendar,
} from '../infra/http/calendar-response';
import { ApiProblems } from '../infra/openapi/api-problems.decorator';
import { FeedCalendarService } from '../services/feed-calendar.service';

/** The calendar itself: no API key, the token in the path is the credential. */
@ApiTags('feeds')
@Controller('feeds')
export class FeedCalendarController {
  constructor(private readonly service: FeedCalendarService) {}

  @Get(':file')
  @Public()
  @ApiParam({ name: 'file', description: '`<token>.ics`', example: 'kpf_Xq3...ics' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'iCalendar (RFC 5545); 304 when If-None-Match/If-Modified-Since match',
  })
  @ApiProblems(400, 404)
  async calendar(
    @Param('file') file: string,
    @Query() query: FeedCalendarQueryDto,
    @CalendarHeaders() headers: CalendarRequestHeaders,
    @Res() res: Response,
  ): Promise<void> {
    sendCalendar(res, await this.service.serve({ file, query, ...headers }));
  }
}
