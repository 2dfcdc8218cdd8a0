import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AFFECTED_CODES, type AffectedCode, type AffectedWhy } from '../domain/booking/affected';
import type { AppointmentEntity } from '../entities/appointment.entity';
import { zonedInstant } from './appointment.dto';
import { ClinicDto } from './clinic.dto';
import { EnrollmentDto } from './enrollment.dto';
import { RoomDto } from './room.dto';
import { StaffDto } from './staff.dto';
import { defineConstraint, IsInstant, parseInstant } from './validators';

const INSTANT_EXAMPLE = '2027-03-08T09:00:00-05:00';

export class AffectedWhyDto {
  @ApiProperty({ enum: AFFECTED_CODES, example: 'STAFF_TIME_OFF' })
  code: AffectedCode;
  @ApiProperty({ enum: ['staff', 'room', 'clinic', 'protocol', 'enrollment'] })
  resource: AffectedWhy['resource'];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The staff member, room or enrollment; null for the clinic and the protocol',
  })
  resourceId: string | null;
  @ApiProperty({ example: 'Dr. A is on time off 2027-03-10T00:00–2027-03-11T00:00, over …' })
  message: string;
}

export class AffectedPatientDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'EK' })
  initials: string;
  @ApiProperty({ type: String, nullable: true, example: 'MRN-20417', description: 'The code' })
  externalRef: string | null;
  @ApiProperty({ example: 'Erin K.' })
  displayName: string;
}

export class AffectedSessionTypeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'ketamine-iv' })
  code: string;
  @ApiProperty({ example: 'IV ketamine' })
  name: string;
}

/** A booked appointment that no longer fits, and why. */
export class AffectedAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;
  @ApiProperty({ example: INSTANT_EXAMPLE })
  start: string;
  @ApiProperty({ example: '2027-03-08T11:00:00-05:00' })
  end: string;
  @ApiProperty({ type: AffectedPatientDto })
  patient: AffectedPatientDto;
  @ApiProperty({ example: 'dose' })
  series: string;
  @ApiProperty({ example: 2 })
  index: number;
  @ApiProperty({ type: AffectedSessionTypeDto })
  sessionType: AffectedSessionTypeDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  roomId: string | null;
  @ApiProperty({ type: [String], description: 'Staff ids working in it' })
  staffIds: string[];
  @ApiProperty({ type: [AffectedWhyDto], description: 'Every reason it no longer fits' })
  why: AffectedWhyDto[];
}

export class RepairBodyDto {
  @ApiProperty({
    type: [String],
    description: 'The one enrollment this repair run re-plans',
    minItems: 1,
    maxItems: 1,
  })
  enrollmentIds: string[];
  @ApiProperty({ enum: [true] })
  repair: true;
}

/** The request that re-plans one affected enrollment (plan runs, repair mode). */
export class RepairHintDto {
  @ApiProperty({ enum: ['POST'] })
  method: 'POST';
  @ApiProperty({ example: '/v1/plan-runs' })
  path: string;
  @ApiProperty({ type: RepairBodyDto })
  body: RepairBodyDto;
}

export class AffectedListDto {
  @ApiProperty({ type: [AffectedAppointmentDto] })
  affectedAppointments: AffectedAppointmentDto[];
  @ApiProperty({
    type: RepairHintDto,
    nullable: true,
    description: 'The first of `repairs`; null when nothing is affected',
  })
  repair: RepairHintDto | null;
  @ApiProperty({
    type: [RepairHintDto],
    description:
      'One repair run request per affected enrollment (a repair run re-plans one), by enrollment id',
  })
  repairs: RepairHintDto[];
}

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

export class AffectedListQueryDto {
  @ApiPropertyOptional({
    example: INSTANT_EXAMPLE,
    description: 'Appointments not over at this instant (default: now)',
  })
  @IsInstant()
  @IsOptional()
  from?: string;

  @ApiPropertyOptional({ example: '2027-04-08T00:00:00-04:00', description: 'Starting before' })
  @IsInstantAfter('from')
  @IsInstant()
  @IsOptional()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only appointments this person works in' })
  @IsUUID()
  @IsOptional()
  staffId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only appointments in this room' })
  @IsUUID()
  @IsOptional()
  roomId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  enrollmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only enrollments of this cohort' })
  @IsUUID()
  @IsOptional()
  cohortId?: string;
}

/**
 * One repair run request per enrollment, by id. A repair run re-plans exactly one enrollment
 * (POST /v1/plan-runs refuses more): with several, a patient the planner leaves out keeps their
 * bookings while the others may have been planned into the same places.
 */
export function repairHints(enrollmentIds: readonly string[]): RepairHintDto[] {
  return [...new Set(enrollmentIds)].sort().map((id) => ({
    method: 'POST',
    path: '/v1/plan-runs',
    body: { enrollmentIds: [id], repair: true },
  }));
}

/** The list and its repair requests (one per enrollment of the listed appointments). */
export function toAffectedList(items: AffectedAppointmentDto[]): AffectedListDto {
  const repairs = repairHints(items.map((i) => i.enrollmentId));
  return { affectedAppointments: items, repair: repairs[0] ?? null, repairs };
}

export function toAffectedAppointmentDto(
  a: AppointmentEntity,
  staffIds: string[],
  why: AffectedWhy[],
  zone: string,
): AffectedAppointmentDto {
  return {
    id: a.id,
    enrollmentId: a.enrollmentId,
    start: zonedInstant(a.startsAt, zone),
    end: zonedInstant(a.endsAt, zone),
    patient: {
      id: a.patient!.id,
      initials: a.patient!.initials,
      externalRef: a.patient!.externalRef,
      displayName: a.patient!.displayName,
    },
    series: a.seriesId,
    index: a.index,
    sessionType: { id: a.sessionType!.id, code: a.sessionType!.code, name: a.sessionType!.name },
    roomId: a.roomId,
    staffIds,
    why: why.map((w) => ({ ...w })),
  };
}

/** PATCH /v1/staff/{id}: the saved record, and the booked appointments the change affects. */
export class StaffChangeDto extends IntersectionType(StaffDto, AffectedListDto) {}

/** PATCH /v1/rooms/{id}: the saved record, and the booked appointments the change affects. */
export class RoomChangeDto extends IntersectionType(RoomDto, AffectedListDto) {}

/** PATCH /v1/clinic: the saved clinic, and the booked appointments new closures affect. */
export class ClinicChangeDto extends IntersectionType(ClinicDto, AffectedListDto) {}

/** A booked session cancelled by the change (an enrollment withdrawn or completed). */
export class CancelledAppointmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'dose' })
  series: string;
  @ApiProperty({ example: 2 })
  index: number;
  @ApiProperty({ example: INSTANT_EXAMPLE })
  start: string;
  @ApiProperty({ example: '2027-03-08T11:00:00-05:00' })
  end: string;
}

/**
 * PATCH /v1/enrollments/{id}: the saved enrollment, the booked appointments the change
 * affects, and those it cancelled (withdrawn or completed: its sessions not started yet).
 */
export class EnrollmentChangeDto extends IntersectionType(EnrollmentDto, AffectedListDto) {
  @ApiProperty({
    type: [CancelledAppointmentDto],
    description:
      'Booked sessions not started yet, cancelled as the enrollment stopped being active',
  })
  cancelledAppointments: CancelledAppointmentDto[];
}

export function toCancelledAppointmentDto(
  a: AppointmentEntity,
  zone: string,
): CancelledAppointmentDto {
  return {
    id: a.id,
    series: a.seriesId,
    index: a.index,
    start: zonedInstant(a.startsAt, zone),
    end: zonedInstant(a.endsAt, zone),
  };
}
