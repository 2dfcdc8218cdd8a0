import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '../domain/errors';
import { ClinicEntity } from '../entities/clinic.entity';

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
