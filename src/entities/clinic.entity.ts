import type { FeedPatientLabel } from '../domain/calendar/feed-events';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A tenant. Every other row belongs to exactly one clinic (column clinic_id). */
@Entity('clinic')
@Check('clinic_feed_patient_label_check', `"feed_patient_label" IN ('initials', 'pseudonym')`)
export class ClinicEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** IANA zone; every local date/time of this clinic is wall-clock in it. */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'integer', default: 15 })
  slotMinutes: number;

  /** Local dates (YYYY-MM-DD) on which nothing is scheduled, sorted. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  closures: string[];

  /** How staff, room and cohort calendar feeds name a patient: initials or pseudonym. */
  @Column({ type: 'varchar', length: 20, default: 'initials' })
  feedPatientLabel: FeedPatientLabel;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
