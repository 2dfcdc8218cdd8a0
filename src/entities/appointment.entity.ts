import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ClinicScopedEntity } from './clinic-scoped.entity';
import { EnrollmentEntity } from './enrollment.entity';
import { PatientEntity } from './patient.entity';
import { RoomEntity } from './room.entity';
import { SessionTypeEntity } from './session-type.entity';

/** A director's override of protocol rules, recorded with the move that needed it. */
export interface AppointmentOverride {
  reason: string;
  /** The protocol rules the move breaks (`errors[].code` values, e.g. GAP_HOURS). */
  rules: string[];
  /** The overriding API key's id (null for operator actions). */
  actorKeyId: string | null;
  /** ISO instant of the move. */
  at: string;
}

export const APPOINTMENT_STATUSES = ['booked', 'completed', 'missed', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Statuses whose session counts as the patient's (series, index): booked or done. */
export const HOLDING_STATUSES: readonly AppointmentStatus[] = ['booked', 'completed'];

/**
 * One session of an enrollment's course: series + index of the pinned protocol version, at
 * [startsAt, endsAt), in a room, with staff (appointment_staff). While `booked` (and once
 * `completed`) its room, staff and patient time is held by resource_booking rows, which the
 * database's exclusion constraints keep free of double bookings. `missed` and `cancelled`
 * release them.
 */
@Entity('appointment')
@Index(['clinicId', 'startsAt', 'id'])
@Index(['enrollmentId', 'startsAt'])
@Index(['patientId', 'startsAt'])
@Index(['roomId', 'startsAt'])
@Index('appointment_one_per_index', ['enrollmentId', 'seriesId', 'index'], {
  unique: true,
  where: `"status" IN ('booked', 'completed')`,
})
@Check('appointment_status_check', `"status" IN ('booked', 'completed', 'missed', 'cancelled')`)
@Check('appointment_times_check', `"ends_at" > "starts_at"`)
@Check('appointment_index_check', `"index" >= 1`)
export class AppointmentEntity extends ClinicScopedEntity {
  @Column({ type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => EnrollmentEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'enrollment_id' })
  enrollment?: EnrollmentEntity;

  /** The enrollment's patient (copied: the patient's lane and filters use it). */
  @Column({ type: 'uuid' })
  patientId: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'patient_id' })
  patient?: PatientEntity;

  /** Series id in the pinned protocol version's definition (`dose`). */
  @Column({ type: 'varchar', length: 64 })
  seriesId: string;

  /** 1..count within the series. */
  @Column({ type: 'integer' })
  index: number;

  @Column({ type: 'uuid' })
  sessionTypeId: string;

  @ManyToOne(() => SessionTypeEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'session_type_id' })
  sessionType?: SessionTypeEntity;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** null: the session type takes no room. */
  @Column({ type: 'uuid', nullable: true })
  roomId: string | null;

  @ManyToOne(() => RoomEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'room_id' })
  room?: RoomEntity;

  @Column({ type: 'varchar', length: 20, default: 'booked' })
  status: AppointmentStatus;

  /** The reason given with the last status change (cancel, complete, no-show). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  statusReason: string | null;

  /** Group sessions (later): the occurrence every participant's appointment shares. */
  @Column({ type: 'uuid', nullable: true })
  occurrenceId: string | null;

  /** The override of the last move that broke protocol rules; cleared by a move within them. */
  @Column({ type: 'jsonb', nullable: true })
  override: AppointmentOverride | null;

  /** Bumped on every change; the ETag. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** Calendar SEQUENCE: bumped when time, room, staff or status change. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  /** Random calendar UID, never derived from patient data. */
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  @Generated('uuid')
  uid: string;
}
