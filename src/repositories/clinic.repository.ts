import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../domain/errors';
import { ClinicEntity } from '../entities/clinic.entity';

/** A booked appointment, as a refused change of the clinic's settings names it. */
export interface BookedRow {
  id: string;
  enrollmentId: string;
  patientId: string;
  series: string;
  index: number;
  status: 'booked';
  startsAt: Date;
  endsAt: Date;
}

const BOOKED_FROM = `
  SELECT a.id, a.enrollment_id AS "enrollmentId", a.patient_id AS "patientId",
         a.series_id AS series, a.index, a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt"
    FROM appointment a
   WHERE a.clinic_id = $1 AND a.status = 'booked' AND a.starts_at >= $2
   ORDER BY a.starts_at, a.id`;

/** The clinic table is the tenant itself: its id is the clinic id. */
@Injectable()
export class ClinicRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ClinicEntity);
  }

  async get(clinicId: string, manager?: EntityManager): Promise<ClinicEntity> {
    const clinic = await this.repo(manager).findOneBy({ id: clinicId });
    if (!clinic) throw new NotFoundError('Clinic', clinicId);
    return clinic;
  }

  async getForUpdate(clinicId: string, manager: EntityManager): Promise<ClinicEntity> {
    const clinic = await this.repo(manager).findOne({
      where: { id: clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!clinic) throw new NotFoundError('Clinic', clinicId);
    return clinic;
  }

  /**
   * Reads the clinic `FOR SHARE` (bookings, moves, plan-run commits): a change of its booking
   * settings (`PATCH /v1/clinic` locks it `FOR UPDATE`) waits for them and sees what they
   * booked, and they book with the settings in force once it has committed.
   */
  async getForShare(clinicId: string, manager: EntityManager): Promise<ClinicEntity> {
    const clinic = await this.repo(manager).findOne({
      where: { id: clinicId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!clinic) throw new NotFoundError('Clinic', clinicId);
    return clinic;
  }

  /** The clinic's booked appointments starting at or after `from`, in start order. */
  async bookedFrom(clinicId: string, from: Date, manager: EntityManager): Promise<BookedRow[]> {
    const rows: BookedRow[] = await manager.query(BOOKED_FROM, [clinicId, from]);
    return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
  }

  /** Operator use only (CLI, seed): a new tenant. */
  create(values: Omit<ClinicEntity, 'id' | 'createdAt' | 'updatedAt'>, manager?: EntityManager) {
    const repo = this.repo(manager);
    return repo.save(repo.create(values));
  }

  save(clinic: ClinicEntity, manager?: EntityManager): Promise<ClinicEntity> {
    return this.repo(manager).save(clinic);
  }

  /** Operator use only: find a clinic by exact name (CLI `--clinic <name>`). */
  findByName(name: string): Promise<ClinicEntity[]> {
    return this.repo().findBy({ name });
  }

  /** Operator use only: every clinic's id and name (CLI hints for a mistyped name). */
  listNames(): Promise<Pick<ClinicEntity, 'id' | 'name'>[]> {
    return this.repo().find({ select: { id: true, name: true }, order: { name: 'ASC' } });
  }

  count(): Promise<number> {
    return this.repo().count();
  }
}
