import { Check, Column, Entity, Index } from 'typeorm';
import type { AvailabilityWindow, LocalPeriod } from '../domain/planning/format';
import { ArchivableClinicEntity } from './clinic-scoped.entity';

/**
 * A room (or a bay group: `capacity` sessions at once). The row id is the planning id
 * (`rooms[].id`). Rooms are archived, never deleted.
 */
@Entity('room')
@Index(['clinicId', 'name', 'id'])
@Check('room_capacity_check', `"capacity" >= 1`)
export class RoomEntity extends ArchivableClinicEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Feature slugs (`infusion`, `monitoring`) that session types may require. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  features: string[];

  @Column({ type: 'integer', default: 1 })
  capacity: number;

  /**
   * null: absent in the planning format (open across the horizon). An empty list is kept as
   * an empty list, so the stored value round-trips to the format unchanged.
   */
  @Column({ type: 'jsonb', nullable: true })
  availability: AvailabilityWindow[] | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  timeOff: LocalPeriod[];
}
