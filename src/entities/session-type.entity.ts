import { Check, Column, Entity, Index } from 'typeorm';
import type { GroupSize, RoomNeed, StaffRequirement } from '../domain/planning/format';
import { ArchivableClinicEntity } from './clinic-scoped.entity';

/**
 * A kind of session (`ketamine-iv`, `emdr-90`). `code` is its planning id
 * (`sessionTypes[].id`, referenced by protocol series), unique per clinic and immutable;
 * archived rows keep their code so old protocol versions still resolve.
 */
@Entity('session_type')
@Index(['clinicId', 'code'], { unique: true })
@Check('session_type_duration_check', `"duration_minutes" >= 1`)
export class SessionTypeEntity extends ArchivableClinicEntity {
  @Column({ type: 'varchar', length: 100 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'integer' })
  durationMinutes: number;

  /** null: the session needs no room. */
  @Column({ type: 'jsonb', nullable: true })
  room: RoomNeed | null;

  /** Everyone the session needs (may be empty); format 1.1 requirements may carry `mode`. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  staff: StaffRequirement[];

  /** Planning format 1.1 group sessions (`{ min, max }` patients per occurrence); null: none. */
  @Column({ type: 'jsonb', nullable: true })
  group: GroupSize | null;
}
