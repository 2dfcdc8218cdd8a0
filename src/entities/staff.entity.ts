import { Check, Column, Entity, Index } from 'typeorm';
import type { AvailabilityWindow, LocalPeriod, StaffLimits } from '../domain/planning/format';
import { ArchivableClinicEntity } from './clinic-scoped.entity';

/**
 * A person who can fill session staff requirements. The row id is the planning id
 * (`staff[].id`). Nested shapes are stored as jsonb with the planning format's field names.
 * Staff are archived, never deleted: their history (bookings, audit) keeps pointing here.
 */
@Entity('staff')
@Index(['clinicId', 'name', 'id'])
@Check('staff_roles_check', `jsonb_typeof("roles") = 'array' AND jsonb_array_length("roles") >= 1`)
export class StaffEntity extends ArchivableClinicEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Role/credential slugs (`prescriber`, `rn`, `emdr-therapist`); at least one. */
  @Column({ type: 'jsonb' })
  roles: string[];

  /** Windows in which the person may work; none means never available. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  availability: AvailabilityWindow[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  timeOff: LocalPeriod[];

  /** Per-local-day limits; null: none. */
  @Column({ type: 'jsonb', nullable: true })
  limits: StaffLimits | null;
}
