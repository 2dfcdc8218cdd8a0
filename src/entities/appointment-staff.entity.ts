import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AppointmentEntity } from './appointment.entity';
import { ClinicEntity } from './clinic.entity';
import { StaffEntity } from './staff.entity';

export const STAFF_MODES = ['occupied', 'present'] as const;
export type StaffMode = (typeof STAFF_MODES)[number];

/**
 * A person filling one staff requirement of an appointment, over the requirement's own
 * interval. `occupied` assignments hold the person's lanes (resource_booking); `present`
 * ones (planning format 1.1 cover) hold nothing. A person fills at most one occupied
 * requirement of an appointment (the partial unique index) and may besides hold present ones,
 * each its own row.
 */
@Entity('appointment_staff')
@Index(['appointmentId', 'staffId'])
@Index(['appointmentId', 'staffId'], { unique: true, where: `"mode" = 'occupied'` })
@Index(['staffId', 'startsAt'])
@Check('appointment_staff_mode_check', `"mode" IN ('occupied', 'present')`)
@Check('appointment_staff_times_check', `"ends_at" > "starts_at"`)
export class AppointmentStaffEntity {
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

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => StaffEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'staff_id' })
  staff?: StaffEntity;

  @Column({ type: 'varchar', length: 100 })
  role: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'occupied' })
  mode: StaffMode;
}
