import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { NotFoundError } from '../domain/errors';
import { ProtocolVersionEntity } from '../entities/protocol-version.entity';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class ProtocolVersionRepository extends TenantRepository<ProtocolVersionEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ProtocolVersionEntity, 'Protocol version');
  }

  /** Versions of one protocol in order, after `afterVersion`. */
  page(clinicId: string, protocolId: string, limit: number, afterVersion = 0) {
    return this.repo().find({
      where: { clinicId, protocolId, version: MoreThan(afterVersion) },
      order: { version: 'ASC' },
      take: limit,
    });
  }

  findByNumber(
    clinicId: string,
    protocolId: string,
    version: number,
    manager?: EntityManager,
    lock = false,
  ): Promise<ProtocolVersionEntity | null> {
    return this.repo(manager).findOne({
      where: { clinicId, protocolId, version },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async getByNumber(
    clinicId: string,
    protocolId: string,
    version: number,
    manager?: EntityManager,
    lock = false,
  ): Promise<ProtocolVersionEntity> {
    const row = await this.findByNumber(clinicId, protocolId, version, manager, lock);
    if (!row) throw new NotFoundError('Protocol version', String(version));
    return row;
  }

  latest(clinicId: string, protocolId: string, manager?: EntityManager) {
    return this.repo(manager).findOne({
      where: { clinicId, protocolId },
      order: { version: 'DESC' },
    });
  }

  draftOf(clinicId: string, protocolId: string, manager?: EntityManager) {
    return this.repo(manager).findOneBy({ clinicId, protocolId, status: 'draft' });
  }

  /** Every version of the given protocols (for list summaries). */
  ofProtocols(
    clinicId: string,
    protocolIds: string[],
    manager?: EntityManager,
  ): Promise<ProtocolVersionEntity[]> {
    if (protocolIds.length === 0) return Promise.resolve([]);
    return this.repo(manager).find({
      where: { clinicId, protocolId: In(protocolIds) },
      order: { version: 'ASC' },
    });
  }

  async enrollmentCount(clinicId: string, versionId: string, manager?: EntityManager) {
    const rows: { n: string }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT count(*) AS n FROM enrollment WHERE clinic_id = $1 AND protocol_version_id = $2`,
      [clinicId, versionId],
    );
    return Number(rows[0].n);
  }
}
