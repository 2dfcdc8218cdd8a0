import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { ConflictError } from '../domain/errors';
import type { LaneHold, LaneMove, LaneSegment } from '../domain/booking/lanes';
import { ResourceKind } from '../entities/resource-booking.entity';

/** One resource's claim for a new appointment, before its lane rows are written. */
export interface NewResourceBooking {
  kind: ResourceKind;
  resourceId: string;
  /** Epoch milliseconds, [start, end). */
  start: number;
  end: number;
  cap: number;
  /** The hold's rows by lane over [start, end) (one unless the lane changes over time; cap 1: ignored). */
  segments: LaneSegment[];
}

interface HoldRow {
  id: string;
  appointment_id: string;
  lane: number;
  capacity: number;
  start: Date;
  end: Date;
}

const toHold = (r: HoldRow): LaneHold => ({
  id: r.id,
  appointmentId: r.appointment_id,
  lane: Number(r.lane),
  cap: Number(r.capacity),
  start: new Date(r.start).getTime(),
  end: new Date(r.end).getTime(),
});

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
    if (keys.length === 0) return;
    // One round trip: unnest yields the keys in the (ascending) array order, the aggregate takes
    // each lock in that order.
    await manager.query(`SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k`, [
      keys.map(String),
    ]);
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
    return rows.map(toHold);
  }

  /** The hold rows of many resources overlapping [from, to) (epoch ms), by resource. */
  async holdsOf(
    manager: EntityManager,
    resourceIds: readonly string[],
    from: number,
    to: number,
  ): Promise<Map<string, LaneHold[]>> {
    const out = new Map<string, LaneHold[]>(resourceIds.map((id) => [id, []]));
    if (resourceIds.length === 0) return out;
    const rows: (HoldRow & { resource_id: string })[] = await manager.query(
      `SELECT id, resource_id, appointment_id, lower(lanes) AS lane, capacity,
              lower(during) AS start, upper(during) AS "end"
         FROM resource_booking
        WHERE resource_id = ANY($1::uuid[]) AND claim = 'hold' AND during && tstzrange($2, $3, '[)')`,
      [[...resourceIds], new Date(from), new Date(to)],
    );
    for (const r of rows) out.get(r.resource_id)?.push(toHold(r));
    return out;
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

  /**
   * Lays existing holds out again: all deleted, then written back on their new lanes, one row
   * per segment (the first keeps the row's id). Every state in between is part of the final
   * layout, so nothing clashes on the way.
   */
  async moveLanes(manager: EntityManager, moves: readonly LaneMove[]): Promise<void> {
    if (moves.length === 0) return;
    const ids = moves.map((m) => m.id);
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, clinic_id, appointment_id, resource_kind, resource_id, capacity
         FROM resource_booking WHERE id = ANY($1::uuid[]) AND claim = 'hold'`,
      [ids],
    );
    await manager.query(`DELETE FROM resource_booking WHERE id = ANY($1::uuid[])`, [ids]);
    for (const row of rows) {
      const { segments } = moves.find((m) => m.id === row.id)!;
      for (const [k, seg] of segments.entries()) {
        await this.write(manager, () =>
          manager.query(
            `INSERT INTO resource_booking
               (id, clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
             VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, 'hold',
                     int4range($6, $6 + 1), $7, tstzrange($8, $9, '[)'))`,
            [
              k === 0 ? row.id : null,
              row.clinic_id,
              row.appointment_id,
              row.resource_kind,
              row.resource_id,
              seg.lane,
              row.capacity,
              new Date(seg.start),
              new Date(seg.end),
            ],
          ),
        );
      }
    }
  }

  /** Writes the hold (and, for capacity > 1, block) rows of one appointment (as `insertMany`). */
  insert(
    manager: EntityManager,
    clinicId: string,
    appointmentId: string,
    bookings: readonly NewResourceBooking[],
  ): Promise<void> {
    return this.insertMany(
      manager,
      clinicId,
      bookings.map((booking) => ({ appointmentId, booking })),
    );
  }

  /**
   * The hold and block rows of many appointments in multi-row INSERTs (a plan run's commit;
   * one appointment: `insert`), the exclusion constraints as the last line (23P01: 409
   * OVERLAP).
   */
  async insertMany(
    manager: EntityManager,
    clinicId: string,
    rows: readonly { appointmentId: string; booking: NewResourceBooking }[],
  ): Promise<void> {
    const lines = rows.flatMap(({ appointmentId, booking: b }) => {
      const holds = holdRows(b).map((r) => ({ appointmentId, b, claim: 'hold', ...r }));
      const block = {
        appointmentId,
        b,
        claim: 'block',
        lanes: [b.cap, null],
        start: new Date(b.start),
        end: new Date(b.end),
      };
      return b.cap > 1 ? [...holds, block] : holds;
    });
    for (let i = 0; i < lines.length; i += 500) {
      const params: unknown[] = [clinicId];
      const values = lines
        .slice(i, i + 500)
        .map(({ appointmentId, b, claim, lanes, start, end }) => {
          const at = params.length;
          params.push(appointmentId, b.kind, b.resourceId, claim, ...lanes, b.cap);
          params.push(start, end);
          const p = (k: number) => `$${at + k}`;
          return `($1::uuid, ${p(1)}::uuid, ${p(2)}, ${p(3)}::uuid, ${p(4)}, int4range(${p(5)}::int, ${p(6)}::int), ${p(7)}::int, tstzrange(${p(8)}::timestamptz, ${p(9)}::timestamptz, '[)'))`;
        });
      await this.write(manager, () =>
        manager.query(
          `INSERT INTO resource_booking
             (clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
           VALUES ${values.join(', ')}`,
          params,
        ),
      );
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

  /** The resources many appointments hold. */
  async resourcesOfMany(
    manager: EntityManager,
    appointmentIds: readonly string[],
  ): Promise<string[]> {
    if (appointmentIds.length === 0) return [];
    const rows: { resource_id: string }[] = await manager.query(
      `SELECT DISTINCT resource_id FROM resource_booking WHERE appointment_id = ANY($1::uuid[])`,
      [[...appointmentIds]],
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

/** The hold rows of a new booking: [0, ∞) over its time for cap 1, else one row per lane segment. */
function holdRows(
  b: NewResourceBooking,
): { lanes: [number, number | null]; start: Date; end: Date }[] {
  if (b.cap === 1) return [{ lanes: [0, null], start: new Date(b.start), end: new Date(b.end) }];
  return b.segments.map((seg) => ({
    lanes: [seg.lane | 0, (seg.lane | 0) + 1],
    start: new Date(seg.start),
    end: new Date(seg.end),
  }));
}
