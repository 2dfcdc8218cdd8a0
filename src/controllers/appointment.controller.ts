import { Body, Controller, Get, HttpCode, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  constructor(private readonly service: AppointmentService) {}

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
