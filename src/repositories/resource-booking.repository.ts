import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError } from '../domain/errors';
import type { LaneHold } from '../domain/booking/lanes';
import { ResourceKind } from '../entities/resource-booking.entity';

/** One resource's claim for a new appointment, before its lane rows are written. */
export interface NewResourceBooking {
  kind: ResourceKind;
  resourceId: string;
  /** Epoch milliseconds, [start, end). */
  start: number;
  end: number;
  cap: number;
  lane: number;
}

interface HoldRow {
  id: string;
  appointment_id: string;
  lane: number;
  capacity: number;
  start: Date;
  end: Date;
}

/**
 * A transaction-scoped advisory lock key per resource: the uuid's first 64 bits. Writers take
 * the locks of every resource they touch in ascending key order (no deadlocks between them),
 * so a booking's checks and lane choice see every committed booking of those resources.
 */
function lockKey(resourceId: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${resourceId.replace(/-/g, '').slice(0, 16)}`));
}

/** The lane rows of appointments (resource_booking); all SQL, every call inside a write. */
@Injectable()
export class ResourceBookingRepository {
  /** Serializes writers per resource until the transaction ends (pg_advisory_xact_lock). */
  async lockResources(manager: EntityManager, resourceIds: readonly string[]): Promise<void> {
    const keys = [...new Set(resourceIds.map(lockKey))].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const key of keys) {
      await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [key.toString()]);
    }
  }

  /** The resource's hold rows overlapping [from, to) (epoch ms). */
  async holds(
    manager: EntityManager,
    resourceId: string,
    from: number,
    to: number,
  ): Promise<LaneHold[]> {
    const rows: HoldRow[] = await manager.query(
      `SELECT id, appointment_id, lower(lanes) AS lane, capacity,
              lower(during) AS start, upper(during) AS "end"
         FROM resource_booking
        WHERE resource_id = $1 AND claim = 'hold' AND during && tstzrange($2, $3, '[)')`,
      [resourceId, new Date(from), new Date(to)],
    );
    return rows.map((r) => ({
      id: r.id,
      appointmentId: r.appointment_id,
      lane: Number(r.lane),
      cap: Number(r.capacity),
      start: new Date(r.start).getTime(),
      end: new Date(r.end).getTime(),
    }));
  }

  /**
   * Every hold connected to [from, to) through a chain of overlapping holds (what a lane
   * re-pack may move), or null when there are more than `limit`.
   */
  async component(
    manager: EntityManager,
    resourceId: string,
    from: number,
    to: number,
    limit: number,
  ): Promise<LaneHold[] | null> {
    let window = { from, to };
    for (;;) {
      const found = await this.holds(manager, resourceId, window.from, window.to);
      if (found.length > limit) return null;
      const next = {
        from: Math.min(window.from, ...found.map((h) => h.start)),
        to: Math.max(window.to, ...found.map((h) => h.end)),
      };
      if (next.from === window.from && next.to === window.to) return found;
      window = next;
    }
  }

  /** Moves existing holds to other lanes: deleted, then written back (no transient clash). */
  async moveLanes(
    manager: EntityManager,
    moves: readonly { id: string; lane: number }[],
  ): Promise<void> {
    if (moves.length === 0) return;
    const ids = moves.map((m) => m.id);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, clinic_id, appointment_id, resource_kind, resource_id, capacity, during::text AS during
         FROM resource_booking WHERE id = ANY($1::uuid[]) AND claim = 'hold'`,
      [ids],
    );
    await manager.query(`DELETE FROM resource_booking WHERE id = ANY($1::uuid[])`, [ids]);
    for (const row of rows) {
      const lane = moves.find((m) => m.id === row.id)!.lane;
      await this.write(manager, () =>
        manager.query(
          `INSERT INTO resource_booking
             (id, clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
           VALUES ($1, $2, $3, $4, $5, 'hold', int4range($6, $6 + 1), $7, $8::tstzrange)`,
          [
            row.id,
            row.clinic_id,
            row.appointment_id,
            row.resource_kind,
            row.resource_id,
            lane,
            row.capacity,
            row.during,
          ],
        ),
      );
    }
  }

  /** Writes the hold (and, for capacity > 1, block) rows of one appointment. */
  async insert(
    manager: EntityManager,
    clinicId: string,
    appointmentId: string,
    bookings: readonly NewResourceBooking[],
  ): Promise<void> {
    for (const b of bookings) {
      const during = [new Date(b.start), new Date(b.end)];
      const params = [clinicId, appointmentId, b.kind, b.resourceId, b.cap, ...during];
      const hold =
        b.cap === 1 ? `int4range(0, NULL)` : `int4range(${b.lane | 0}, ${(b.lane | 0) + 1})`;
      await this.write(manager, () =>
        manager.query(
          `INSERT INTO resource_booking
             (clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
           VALUES ($1, $2, $3, $4, 'hold', ${hold}, $5, tstzrange($6, $7, '[)'))`,
          params,
        ),
      );
      if (b.cap > 1) {
        await this.write(manager, () =>
          manager.query(
            `INSERT INTO resource_booking
               (clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
             VALUES ($1, $2, $3, $4, 'block', int4range($5, NULL), $5, tstzrange($6, $7, '[)'))`,
            params,
          ),
        );
      }
    }
  }

  /** The resources an appointment holds (to lock them before releasing). */
  async resourcesOf(manager: EntityManager, appointmentId: string): Promise<string[]> {
    const rows: { resource_id: string }[] = await manager.query(
      `SELECT DISTINCT resource_id FROM resource_booking WHERE appointment_id = $1`,
      [appointmentId],
    );
    return rows.map((r) => r.resource_id);
  }

  /** Frees everything the appointment holds. */
  async release(manager: EntityManager, appointmentId: string): Promise<void> {
    await manager.query(`DELETE FROM resource_booking WHERE appointment_id = $1`, [appointmentId]);
  }

  /**
   * The exclusion constraints are the last line: an overlap that got past the checks (it
   * cannot while writers hold the resource locks) is refused here, named, never a 500.
   */
  private async write(manager: EntityManager, statement: () => Promise<unknown>): Promise<void> {
    try {
      await statement();
    } catch (e) {
      const code =
        (e instanceof QueryFailedError && (e.driverError as { code?: string }).code) || '';
      if (code === '23P01') {
        throw new ConflictError(
          'The database refused an overlapping booking of the same room, person or patient; nothing was booked',
          'OVERLAP',
        );
      }
      throw e;
    }
  }
}
