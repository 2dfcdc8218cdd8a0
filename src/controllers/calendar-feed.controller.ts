import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateFeedDto,
  FeedDto,
  FeedFetchListDto,
  FeedListDto,
  FeedWithUrlDto,
} from '../dtos/calendar-feed.dto';
import { PageQueryDto } from '../dtos/page.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { RequestHost } from '../infra/http/calendar-response';
import { IdParam } from '../infra/http/id-param';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { CalendarFeedService } from '../services/calendar-feed.service';

/**
 * Calendar subscription feeds: a director manages any; a clinician key linked to a staff
 * member manages its own staff feed. The URL (with its secret token) is shown only by create
 * and rotate.
 */
@ApiTags('feeds')
@ApiKeyProtected()
@Controller('v1/feeds')
export class CalendarFeedController {
  constructor(private readonly service: CalendarFeedService) {}

  @Get()
  @Roles('clinician')
  @ApiOkResponse({ type: FeedListDto, description: 'A clinician key: its own staff feeds' })
  list(@Auth() actor: Actor): Promise<FeedListDto> {
    return this.service.list(actor);
  }

  @Post()
  @Roles('clinician')
  @ApiCreatedResponse({ type: FeedWithUrlDto, description: 'The URLs are shown only here' })
  @ApiProblems(400, 422)
  create(
    @Auth() actor: Actor,
    @Body() dto: CreateFeedDto,
    @RequestHost() host: string | undefined,
  ): Promise<FeedWithUrlDto> {
    return this.service.create(actor, dto, host);
  }

  @Post(':id/rotate')
  @Roles('clinician')
  @ApiCreatedResponse({ type: FeedWithUrlDto, description: 'New URLs; the old one goes empty' })
  @ApiProblems(400, 404, 409)
  rotate(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @RequestHost() host: string | undefined,
  ): Promise<FeedWithUrlDto> {
    return this.service.rotate(actor, id, host);
  }

  @Delete(':id')
  @Roles('clinician')
  @ApiOkResponse({ type: FeedDto, description: 'Revoked: the URL goes empty, then 404' })
  @ApiProblems(404, 409)
  revoke(@Auth() actor: Actor, @IdParam() id: string): Promise<FeedDto> {
    return this.service.revoke(actor, id);
  }

  @Get(':id/fetches')
  @ApiOkResponse({ type: FeedFetchListDto, description: 'Latest fetches first (directors)' })
  @ApiProblems(400, 404)
  fetches(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Query() query: PageQueryDto,
  ): Promise<FeedFetchListDto> {
    return this.service.fetches(actor, id, query.limit);
  }
}
