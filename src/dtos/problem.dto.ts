import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoveOptionDto } from './appointment-move.dto';

export class FieldIssueDto {
  @ApiProperty({ example: '/availability/0/rrule', description: 'RFC 6901 JSON pointer' })
  pointer: string;
  @ApiProperty({ example: 'INVALID_RRULE' })
  code: string;
  @ApiProperty()
  message: string;
}

/** An appointment in the way of a refused change (409 SESSION_TYPE_BOOKED, SLOT_GRID_BOOKED, TIME_ZONE_BOOKED). */
export class BlockingAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;
  @ApiProperty({ format: 'uuid' })
  patientId: string;
  @ApiProperty({ example: 'dose' })
  series: string;
  @ApiProperty({ example: 1 })
  index: number;
  @ApiProperty({ enum: ['booked', 'completed'] })
  status: string;
  @ApiProperty({ example: '2027-03-08T09:15:00-05:00', description: "In the clinic's offset" })
  start: string;
  @ApiProperty({ example: '2027-03-08T11:15:00-05:00', description: "In the clinic's offset" })
  end: string;
}

/** RFC 9457 problem details (content type application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:kps:problem:not-found' })
  type: string;
  @ApiProperty({ example: 'Not Found' })
  title: string;
  @ApiProperty({ example: 404 })
  status: number;
  @ApiProperty()
  detail: string;
  @ApiProperty({ example: '/v1/clinics/0d5e...' })
  instance: string;
  @ApiProperty({ example: 'NOT_FOUND', description: 'Stable machine-readable code' })
  code: string;
  @ApiProperty()
  requestId: string;
  @ApiPropertyOptional({ type: FieldIssueDto, isArray: true })
  errors?: FieldIssueDto[];
  @ApiPropertyOptional({
    type: MoveOptionDto,
    isArray: true,
    description: 'POST /v1/appointments, 422 RULE_VIOLATED: the nearest valid places (up to 3)',
  })
  options?: MoveOptionDto[];
  @ApiPropertyOptional({
    type: BlockingAppointmentDto,
    isArray: true,
    description:
      '409 SESSION_TYPE_BOOKED (PATCH /v1/session-types/{id}) and SLOT_GRID_BOOKED, TIME_ZONE_BOOKED (PATCH /v1/clinic): every appointment in the way; nothing was changed',
  })
  appointments?: BlockingAppointmentDto[];
}
