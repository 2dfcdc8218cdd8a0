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

  list(clinicId: string, manager?: EntityManager): Promise<ApiKeyEntity[]> {
    return this.repo(manager).find({ where: { clinicId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
