import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { MoveOption } from '../domain/booking/move-options';
import { STAFF_MODES, type StaffMode } from '../entities/appointment-staff.entity';
import { StaffPickDto, zonedInstant } from './appointment.dto';
import { IsInstant, IsQueryInteger, MaxItems } from './validators';

const INSTANT_EXAMPLE = '2027-03-10T09:00:00-05:00';

/** `{ reason }` of a director's override of protocol rules. */
export class MoveOverrideDto {
  @ApiProperty({ example: 'Patient travels Friday; 40 h gap approved by Dr. Okafor' })
  @MaxLength(500)
  @MinLength(1)
  @IsString()
  @IsDefined()
  reason: string;
}

/** PATCH /v1/appointments/{id}: what changes (at least one of start, roomId, staff). */
export class MoveAppointmentDto {
  @ApiPropertyOptional({ example: INSTANT_EXAMPLE, description: 'New start, with its offset' })
  @IsInstant()
  @IsOptional()
  start?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Another room (absent: keep the room)',
  })
  @IsUUID()
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  roomId?: string | null;

  @ApiPropertyOptional({
    type: [StaffPickDto],
    description: 'The whole staff list (absent: keep the people)',
  })
  @Type(() => StaffPickDto)
  @ValidateNested({ each: true })
  @MaxItems(50, { noun: 'staff assignment' })
  @IsArray()
  @IsOptional()
  staff?: StaffPickDto[];

  @ApiPropertyOptional({ example: 'Patient asked for the afternoon', maxLength: 500 })
  @MaxLength(500)
  @MinLength(1)
  @IsString()
  @IsOptional()
  reason?: string;

  @ApiPropertyOptional({
    type: MoveOverrideDto,
    description:
      'Director only: accept the move although it breaks protocol rules (never overlaps, capacity, availability, time off, closures or staff limits)',
  })
  @Type(() => MoveOverrideDto)
  @ValidateNested()
  @IsOptional()
  override?: MoveOverrideDto;
}

export class MoveOptionsQueryDto {
  @ApiPropertyOptional({
    example: '2027-03-08T00:00:00-05:00',
    description: 'Earliest start (default: 7 days before the current start, not before now)',
  })
  @IsInstant()
  @IsOptional()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-03-15T00:00:00-04:00',
    description:
      'Starts before this (default: 7 days after the current start); at most 31 days after from',
  })
  @IsInstant()
  @IsOptional()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsQueryInteger()
  @Min(1)
  @Max(50)
  limit: number = 10;
}

export class MoveOptionStaffDto {
  @ApiProperty({ format: 'uuid' })
  staffId: string;
  @ApiProperty({ example: 'rn' })
  role: string;
  @ApiProperty({ example: 'Sam Ortiz, RN' })
  name: string;
  @ApiProperty({ example: INSTANT_EXAMPLE })
  start: string;
  @ApiProperty({ example: '2027-03-10T11:00:00-05:00' })
  end: string;
  @ApiProperty({ enum: STAFF_MODES, description: 'Send it back in the PATCH’s staff entry' })
  mode: StaffMode;
}

export class MoveOptionDto {
  @ApiProperty({ example: INSTANT_EXAMPLE })
  start: string;
  @ApiProperty({ example: '2027-03-10T11:00:00-05:00' })
  end: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  roomId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Infusion bay B' })
  roomName: string | null;
  @ApiProperty({ type: [MoveOptionStaffDto] })
  staff: MoveOptionStaffDto[];
  @ApiProperty({ example: 120, description: 'Minutes from the current (or requested) start' })
  shiftMinutes: number;
}

export class MoveOptionsDto {
  @ApiProperty({ type: [MoveOptionDto], description: 'Closest to the current start first' })
  items: MoveOptionDto[];
  @ApiProperty({ example: '2027-03-01T07:00:00-05:00', description: 'The window searched' })
  from: string;
  @ApiProperty({ example: '2027-03-15T09:00:00-04:00' })
  to: string;
}

export function toMoveOptionDto(
  o: MoveOption,
  reference: number,
  zone: string,
  names: { staff: ReadonlyMap<string, string>; rooms: ReadonlyMap<string, string> },
): MoveOptionDto {
  const at = (ms: number) => zonedInstant(new Date(ms), zone);
  return {
    start: at(o.start),
    end: at(o.end),
    roomId: o.roomId,
    roomName: o.roomId === null ? null : (names.rooms.get(o.roomId) ?? null),
    staff: o.staff.map((s) => ({
      staffId: s.staffId,
      role: s.role,
      name: names.staff.get(s.staffId) ?? '',
      start: at(s.start),
      end: at(s.end),
      mode: s.mode,
    })),
    shiftMinutes: Math.round((o.start - reference) / 60_000),
  };
}
