import {
  Check,
  Column,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AppointmentEntity } from './appointment.entity';
import { ClinicEntity } from './clinic.entity';

export const RESOURCE_KINDS = ['room', 'staff', 'patient'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const LANE_CLAIMS = ['hold', 'block'] as const;
export type LaneClaim = (typeof LANE_CLAIMS)[number];

/**
 * The time an appointment takes from one resource, laid out in lanes so that two exclusion
 * constraints alone refuse every overbooking (docs/architecture.md, "Bookings and lanes";
 * src/domain/booking/lanes.ts):
 * - `hold` rows: no two overlap in time on a common lane of one resource;
 * - `block` rows ([capacity, ∞)): no hold overlaps them on a common lane (blocks may overlap).
 * A booking with capacity 1 holds [0, ∞); with capacity k > 1 it holds one lane l < k and
 * blocks [k, ∞). Rows live exactly while the appointment occupies the resource (booked or
 * completed); cancelling or a no-show deletes them in the same transaction.
 */
@Entity('resource_booking')
@Index(['appointmentId'])
@Exclusion(
  'resource_booking_hold_excl',
  `USING gist ("resource_id" WITH =, "lanes" WITH &&, "during" WITH &&) WHERE ("claim" = 'hold')`,
)
@Exclusion(
  'resource_booking_block_excl',
  `USING gist ("resource_id" WITH =, "lanes" WITH &&, "during" WITH &&, "claim" WITH <>)`,
)
@Check('resource_booking_kind_check', `"resource_kind" IN ('room', 'staff', 'patient')`)
@Check('resource_booking_claim_check', `"claim" IN ('hold', 'block')`)
@Check(
  'resource_booking_during_check',
  `NOT isempty("during") AND NOT lower_inf("during") AND NOT upper_inf("during")`,
)
@Check(
  'resource_booking_lanes_check',
  `lower("lanes") >= 0 AND "capacity" >= 1 AND CASE WHEN "claim" = 'block' THEN upper_inf("lanes") AND lower("lanes") = "capacity" WHEN "capacity" = 1 THEN lower("lanes") = 0 AND upper_inf("lanes") ELSE upper("lanes") = lower("lanes") + 1 AND lower("lanes") < "capacity" END`,
)
export class ResourceBookingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => ClinicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: ClinicEntity;

  @Column({ type: 'uuid' })
  appointmentId: string;

  @ManyToOne(() => AppointmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'appointment_id' })
  appointment?: AppointmentEntity;

  @Column({ type: 'varchar', length: 10 })
  resourceKind: ResourceKind;

  /** The room's, staff member's or patient's id. */
  @Column({ type: 'uuid' })
  resourceId: string;

  @Column({ type: 'varchar', length: 5 })
  claim: LaneClaim;

  /** Lanes held ([l, l+1), or [0, ∞) for capacity 1) or blocked ([capacity, ∞)). */
  @Column({ type: 'int4range' })
  lanes: string;

  /** How many bookings may share the resource with this one (room capacity, maxConcurrent). */
  @Column({ type: 'integer' })
  capacity: number;

  /** [start, end): patient = the session; room = the session plus turnover; staff = its own interval. */
  @Column({ type: 'tstzrange' })
  during: string;
}
