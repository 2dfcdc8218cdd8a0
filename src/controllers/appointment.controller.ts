import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  MoveAppointmentDto,
  MoveOptionsDto,
  MoveOptionsQueryDto,
} from '../dtos/appointment-move.dto';
import {
  AppointmentDto,
  AppointmentListQueryDto,
  AppointmentPageDto,
  AppointmentStatusChangeDto,
  CreateAppointmentDto,
} from '../dtos/appointment.dto';
import { Auth, Roles } from '../infra/auth/auth.decorators';
import { ApiIdempotencyKey, IdempotencyKey } from '../infra/http/idempotency-key';
import { IdParam } from '../infra/http/id-param';
import { VersionETagInterceptor } from '../infra/http/version-etag.interceptor';
import { ApiKeyProtected, ApiProblems } from '../infra/openapi/api-problems.decorator';
import { Actor } from '../services/actor';
import { AppointmentMoves } from '../services/appointment-moves';
import { AppointmentService } from '../services/appointment.service';

/**
 * The front desk (and directors) book, cancel, complete and mark no-shows; a clinician key
 * reads its own staff member's appointments. Single appointments carry `ETag: "<version>"`.
 */
@ApiTags('appointments')
@ApiKeyProtected()
@UseInterceptors(VersionETagInterceptor)
@Controller('v1/appointments')
export class AppointmentController {
  constructor(
    private readonly service: AppointmentService,
    private readonly moves: AppointmentMoves,
  ) {}

  @Get()
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: AppointmentPageDto })
  @ApiProblems(400)
  list(@Auth() actor: Actor, @Query() query: AppointmentListQueryDto) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @Roles('frontdesk', 'clinician')
  @ApiOkResponse({ type: AppointmentDto, description: 'With ETag: "<version>"' })
  @ApiProblems(404)
  get(@Auth() actor: Actor, @IdParam() id: string): Promise<AppointmentDto> {
    return this.service.get(actor, id);
  }

  @Get(':id/options')
  @Roles('frontdesk')
  @ApiOkResponse({
    type: MoveOptionsDto,
    description: 'Valid places to move the session to, closest to its start first',
  })
  @ApiProblems(400, 404, 409, 422)
  options(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Query() query: MoveOptionsQueryDto,
  ): Promise<MoveOptionsDto> {
    return this.moves.options(actor, id, query);
  }

  @Patch(':id')
  @Roles('frontdesk')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag, e.g. "3"' })
  @ApiOkResponse({ type: AppointmentDto, description: 'Moved; with the new ETag' })
  @ApiProblems(400, 403, 404, 409, 412, 422, 428)
  move(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: MoveAppointmentDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<AppointmentDto> {
    return this.moves.move(actor, id, dto, ifMatch);
  }

  @Post()
  @Roles('frontdesk')
  @ApiIdempotencyKey()
  @ApiCreatedResponse({ type: AppointmentDto })
  @ApiProblems(400, 409, 422)
  create(
    @Auth() actor: Actor,
    @Body() dto: CreateAppointmentDto,
    @IdempotencyKey() key?: string,
  ): Promise<AppointmentDto> {
    return this.service.create(actor, dto, key);
  }

  @Post(':id/cancel')
  @Roles('frontdesk')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AppointmentDto, description: 'Cancelled; its time is released' })
  @ApiProblems(400, 404, 409, 422)
  cancel(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: AppointmentStatusChangeDto,
    @IdempotencyKey() key?: string,
  ): Promise<AppointmentDto> {
    return this.service.changeStatus(actor, id, 'cancel', dto, key);
  }

  @Post(':id/complete')
  @Roles('frontdesk')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AppointmentDto, description: 'Completed (once started)' })
  @ApiProblems(400, 404, 409, 422)
  complete(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: AppointmentStatusChangeDto,
    @IdempotencyKey() key?: string,
  ): Promise<AppointmentDto> {
    return this.service.changeStatus(actor, id, 'complete', dto, key);
  }

  @Post(':id/no-show')
  @Roles('frontdesk')
  @HttpCode(200)
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AppointmentDto, description: 'Missed (status `missed`); time released' })
  @ApiProblems(400, 404, 409, 422)
  noShow(
    @Auth() actor: Actor,
    @IdParam() id: string,
    @Body() dto: AppointmentStatusChangeDto,
    @IdempotencyKey() key?: string,
  ): Promise<AppointmentDto> {
    return this.service.changeStatus(actor, id, 'no-show', dto, key);
  }
}
