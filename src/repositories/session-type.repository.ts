import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { SessionTypeEntity } from '../entities/session-type.entity';
import { ArchivableCatalogRepository, CatalogUsage } from './archivable-catalog.repository';

/** An appointment that plans re-read with its session type's current shape. */
export interface ShapeUseRow {
  id: string;
  enrollmentId: string;
  patientId: string;
  series: string;
  index: number;
  status: 'booked' | 'completed';
  startsAt: Date;
  endsAt: Date;
}

/**
 * Appointments that plans re-read with the session type's current shape: every booked one
 * (pinned or kept in a run), and completed ones of active enrollments (done history).
 */
const SHAPE_USES = `
  SELECT a.id, a.enrollment_id AS "enrollmentId", a.patient_id AS "patientId",
         a.series_id AS series, a.index, a.status, a.starts_at AS "startsAt", a.ends_at AS "endsAt"
    FROM appointment a
    JOIN enrollment e ON e.id = a.enrollment_id
   WHERE a.clinic_id = $1 AND a.session_type_id = $2
     AND (a.status = 'booked' OR (a.status = 'completed' AND e.status = 'active'))
   ORDER BY a.starts_at, a.id`;

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

  /**
   * `share`: FOR SHARE (bookings), so a change of the session type's shape waits for them and
   * sees what they booked (see `shapeUses`).
   */
  findByCode(clinicId: string, code: string, manager?: EntityManager, share = false) {
    return this.repo(manager).findOne({
      where: { clinicId, code },
      ...(share && { lock: { mode: 'pessimistic_read' as const } }),
    });
  }

  findByCodes(clinicId: string, codes: readonly string[], manager?: EntityManager, share = false) {
    if (codes.length === 0) return Promise.resolve([]);
    return this.repo(manager).find({
      where: { clinicId, code: In([...codes]) },
      order: { code: 'ASC' },
      ...(share && { lock: { mode: 'pessimistic_read' as const } }),
    });
  }

  /** The appointments plans re-read with this session type's shape (see SHAPE_USES). */
  async shapeUses(clinicId: string, id: string, manager: EntityManager): Promise<ShapeUseRow[]> {
    const rows: ShapeUseRow[] = await manager.query(SHAPE_USES, [clinicId, id]);
    return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
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
