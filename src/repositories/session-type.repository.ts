import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { SessionTypeEntity } from '../entities/session-type.entity';
import { ArchivableCatalogRepository, CatalogUsage } from './archivable-catalog.repository';

interface ProtocolUseRow {
  id: string;
  code: string;
  name: string;
  versions: number[];
}

/**
 * Protocols (not archived) with at least one version whose `definition.series[].sessionType`
 * names the code. jsonb containment is safe on any stored shape (a non-array `series` simply
 * does not match) and can use a GIN index on `definition` if one is ever needed.
 */
const PROTOCOLS_USING_CODE = `
  SELECT p.id, p.code, p.name, array_agg(v.version ORDER BY v.version) AS versions
    FROM protocol_version v
    JOIN protocol p ON p.id = v.protocol_id AND p.clinic_id = v.clinic_id
   WHERE v.clinic_id = $1
     AND p.archived_at IS NULL
     AND v.definition @> jsonb_build_object(
           'series', jsonb_build_array(jsonb_build_object('sessionType', $2::text)))
   GROUP BY p.id, p.code, p.name
   ORDER BY p.code`;

@Injectable()
export class SessionTypeRepository extends ArchivableCatalogRepository<SessionTypeEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, SessionTypeEntity, 'Session type', 'code');
  }

  findByCode(clinicId: string, code: string, manager?: EntityManager) {
    return this.repo(manager).findOneBy({ clinicId, code });
  }

  findByCodes(clinicId: string, codes: readonly string[], manager?: EntityManager) {
    if (codes.length === 0) return Promise.resolve([]);
    return this.repo(manager).findBy({ clinicId, code: In([...codes]) });
  }

  /**
   * A session type is in use while a protocol that is not archived has a version (draft or
   * published) with a series of it. Versions of archived protocols do not count: they can no
   * longer be changed, so they would pin the session type forever.
   */
  async usages(row: SessionTypeEntity, manager: EntityManager): Promise<CatalogUsage[]> {
    const rows: ProtocolUseRow[] = await manager.query(PROTOCOLS_USING_CODE, [
      row.clinicId,
      row.code,
    ]);
    return rows.map((p) => ({
      kind: 'protocol',
      id: p.id,
      label: `${p.code} "${p.name}" (version ${p.versions.join(', ')})`,
    }));
  }
}
