import { EntityManager } from 'typeorm';
import { zonedIsoOf } from '../domain/time/zoned-format';
import type { CatalogUsage } from './archivable-catalog.repository';

/**
 * Booked appointments (not yet over) that hold a room or a person: what stops archiving it.
 * `resource` names the room or the person. Starts are named with the clinic's offset.
 */
export async function bookedUsages(
  manager: EntityManager,
  clinicId: string,
  resource: { roomId: string } | { staffId: string },
): Promise<CatalogUsage[]> {
  const byStaff = 'staffId' in resource;
  const rows: { id: string; series_id: string; index: number; starts_at: Date; zone: string }[] =
    await manager.query(
      `SELECT a.id, a.series_id, a.index, a.starts_at, c.time_zone AS zone FROM appointment a
         JOIN clinic c ON c.id = a.clinic_id
        WHERE a.clinic_id = $1 AND a.status = 'booked' AND a.ends_at > now()
          AND ${
            byStaff
              ? 'EXISTS (SELECT 1 FROM appointment_staff s WHERE s.appointment_id = a.id AND s.staff_id = $2)'
              : 'a.room_id = $2'
          }
        ORDER BY a.starts_at, a.id`,
      [clinicId, byStaff ? resource.staffId : resource.roomId],
    );
  return rows.map((r) => ({
    kind: 'appointment',
    id: r.id,
    label: `${r.id} (${r.series_id} ${r.index}, ${zonedIsoOf(new Date(r.starts_at).getTime(), r.zone)})`,
  }));
}
