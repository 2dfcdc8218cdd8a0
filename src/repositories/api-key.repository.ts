import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKeyEntity } from '../entities/api-key.entity';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class ApiKeyRepository extends TenantRepository<ApiKeyEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ApiKeyEntity, 'API key');
  }

  /** The only lookup not scoped by clinic: it is how the clinic is learned. */
  findActiveByHash(secretHash: string): Promise<ApiKeyEntity | null> {
    return this.repo().findOneBy({ secretHash, revokedAt: IsNull() });
  }

  /**
   * Locks the clinic's active director keys (in id order, so concurrent callers queue rather
   * than deadlock) and returns their ids. A caller that waited sees the rows as committed:
   * a key revoked meanwhile no longer matches and is left out.
   */
  async lockActiveDirectorIds(clinicId: string, manager: EntityManager): Promise<string[]> {
    const rows = await this.repo(manager)
      .createQueryBuilder('k')
      .select('k.id', 'id')
      .where('k.clinicId = :clinicId', { clinicId })
      .andWhere("k.role = 'director'")
      .andWhere('k.revokedAt IS NULL')
      .orderBy('k.id')
      .setLock('pessimistic_write')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  list(clinicId: string, manager?: EntityManager): Promise<ApiKeyEntity[]> {
    return this.repo(manager).find({ where: { clinicId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
