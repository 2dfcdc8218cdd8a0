import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { zonedIsoOf } from '../domain/time/zoned-format';
import {
  APPOINTMENT_STATUSES,
  AppointmentEntity,
  type AppointmentStatus,
} from '../entities/appointment.entity';
import {
  AppointmentStaffEntity,
  STAFF_MODES,
  type StaffMode,
} from '../entities/appointment-staff.entity';
import { PageDto, PageQueryDto } from './page.dto';
import { PROTOCOL_ID_PATTERN } from './shapes/protocol-parts.dto';
import { timestampsOf } from './timestamps';
import { defineConstraint, IsInstant, IsSlug, MaxItems, parseInstant } from './validators';

const INSTANT_EXAMPLE = '2027-03-08T09:00:00-05:00';

export class AppointmentStaffDto {
  @ApiProperty({ format: 'uuid' })
  staffId: string;
  @ApiProperty({ example: 'prescriber' })
  role: string;
  @ApiProperty({ example: INSTANT_EXAMPLE, description: 'This person’s own interval' })
  start: string;
  @ApiProperty({ example: '2027-03-08T09:45:00-05:00' })
  end: string;
  @ApiProperty({ enum: STAFF_MODES })
  mode: StaffMode;
}

export class AppointmentOverrideDto {
  @ApiProperty({ example: 'Patient travels Friday; Dr. Okafor approved a 40 h gap' })
  reason: string;
  @ApiProperty({ type: [String], example: ['GAP_HOURS'], description: 'Protocol rules broken' })
  rules: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorKeyId: string | null;
  @ApiProperty({ example: '2027-03-01T12:00:00.000Z' })
  at: string;
}

export class AppointmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;
  @ApiProperty({ format: 'uuid' })
  patientId: string;
  @ApiProperty({ example: 'dose', description: 'Series id of the pinned protocol version' })
  series: string;
  @ApiProperty({ example: 3, description: '1..count within the series' })
  index: number;
  @ApiProperty({ format: 'uuid' })
  sessionTypeId: string;
  @ApiProperty({ example: INSTANT_EXAMPLE, description: 'In the clinic’s zone offset' })
  start: string;
  @ApiProperty({ example: '2027-03-08T11:00:00-05:00' })
  end: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  roomId: string | null;
  @ApiProperty({ type: [AppointmentStaffDto] })
  staff: AppointmentStaffDto[];
  @ApiProperty({ enum: APPOINTMENT_STATUSES })
  status: AppointmentStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Reason of the last status change' })
  statusReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Group sessions' })
  occurrenceId: string | null;
  @ApiProperty({
    type: AppointmentOverrideDto,
    nullable: true,
    description: 'A director’s override of protocol rules on the last move',
  })
  override: AppointmentOverrideDto | null;
  @ApiProperty({ example: 1, description: 'Bumped on every change; sent as the ETag' })
  version: number;
  @ApiProperty({ example: 0, description: 'Calendar SEQUENCE (time, room, staff, status)' })
  sequence: number;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class AppointmentPageDto extends PageDto(AppointmentDto) {}

/** Strictly after the sibling instant `other` (skipped when either is missing or invalid). */
const IsInstantAfter = (other: string) =>
  defineConstraint(
    'isAfter',
    `$property must be after ${other}`,
    (v, args) => {
      const a = parseInstant(v);
      const b = parseInstant((args.object as Record<string, unknown>)[other]);
      return a === null || b === null || a.getTime() > b.getTime();
    },
    undefined,
    [other],
  );

export class AppointmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'Appointments ending after' })
  @IsInstant()
  @IsOptional()
  from?: string;

  @ApiPropertyOptional({ example: '2027-04-08T00:00:00-04:00', description: 'Starting before' })
  @IsInstantAfter('from')
  @IsInstant()
  @IsOptional()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  staffId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  roomId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  enrollmentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  cohortId?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsIn(APPOINTMENT_STATUSES)
  @IsOptional()
  status?: AppointmentStatus;
}

export class StaffPickDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  @IsDefined()
  staffId: string;

  @ApiProperty({ example: 'prescriber', description: 'The requirement’s role this person fills' })
  @IsSlug()
  @MaxLength(100)
  @IsString()
  @IsDefined()
  role: string;

  @ApiPropertyOptional({
    enum: STAFF_MODES,
    description:
      'Which requirement of the role: `occupied` or `present` (absent: the first open one of the role, in the session type’s order). One person may fill a present requirement besides another.',
  })
  @IsIn(STAFF_MODES)
  @IsOptional()
  mode?: StaffMode;
}

/** Books one session by hand. Validators run bottom-up; presence and type checks sit nearest. */
export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  @IsDefined()
  enrollmentId: string;

  @ApiProperty({ example: 'dose', description: 'A series of the enrollment’s protocol version' })
  @Matches(PROTOCOL_ID_PATTERN, { message: '$property must be a series id such as dose' })
  @IsString()
  @IsDefined()
  series: string;

  @ApiProperty({ example: 3, minimum: 1 })
  @Max(1000)
  @Min(1)
  @IsInt()
  @IsDefined()
  index: number;

  @ApiProperty({ example: INSTANT_EXAMPLE, description: 'Start instant, with its offset' })
  @IsInstant()
  @IsDefined()
  start: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Required when the session type needs a room; absent or null otherwise',
  })
  @IsUUID()
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  roomId?: string | null;

  @ApiProperty({
    type: [StaffPickDto],
    description:
      'One entry per person per requirement (a person on an occupied and a present requirement is listed twice)',
  })
  @Type(() => StaffPickDto)
  @ValidateNested({ each: true })
  @MaxItems(50, { noun: 'staff assignment' })
  @IsArray()
  @IsDefined()
  staff: StaffPickDto[];
}

/** `{ reason }` of cancel, complete and no-show (recorded on the appointment and the audit log). */
export class AppointmentStatusChangeDto {
  @ApiProperty({ example: 'Patient called: flu', minLength: 1, maxLength: 500 })
  @MaxLength(500)
  @MinLength(1)
  @IsString()
  @IsDefined()
  reason: string;
}

/** ISO instant in the clinic's zone offset (`2027-03-08T09:00:00-05:00`). */
export function zonedInstant(at: Date, zone: string): string {
  return zonedIsoOf(at.getTime(), zone);
}

export function instantOf(value: string): Date {
  const parsed = parseInstant(value);
  if (!parsed) throw new Error(`not an instant: ${value}`);
  return parsed;
}

export function toAppointmentDto(
  a: AppointmentEntity,
  staff: readonly AppointmentStaffEntity[],
  zone: string,
): AppointmentDto {
  return {
    id: a.id,
    enrollmentId: a.enrollmentId,
    patientId: a.patientId,
    series: a.seriesId,
    index: a.index,
    sessionTypeId: a.sessionTypeId,
    start: zonedInstant(a.startsAt, zone),
    end: zonedInstant(a.endsAt, zone),
    roomId: a.roomId,
    staff: staff
      .filter((s) => s.appointmentId === a.id)
      .map((s) => ({
        staffId: s.staffId,
        role: s.role,
        start: zonedInstant(s.startsAt, zone),
        end: zonedInstant(s.endsAt, zone),
        mode: s.mode,
      })),
    status: a.status,
    statusReason: a.statusReason,
    occurrenceId: a.occurrenceId,
    override: a.override ?? null,
    version: a.version,
    sequence: a.sequence,
    ...timestampsOf(a),
  };
}
