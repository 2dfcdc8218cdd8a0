import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decideLane, LaneHold, LaneMove, LaneSegment, REPACK_LIMIT } from '../domain/booking/lanes';
import { ConflictError, FieldIssue } from '../domain/errors';
import { localRange } from '../domain/time/repeated-hour';
import type { ResourceKind } from '../entities/resource-booking.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';

/** The time one resource must give a new appointment. */
export interface PlannedBooking {
  kind: ResourceKind;
  resourceId: string;
  /** Epoch milliseconds, [start, end). */
  start: number;
  end: number;
  cap: number;
  /** Request field the resource came from (for the 409's errors[]). */
  pointer: string;
  /** How messages name it ("Bay 1", "Dr. A", "the patient"). */
  name: string;
}

export interface LaneDecision extends PlannedBooking {
  /** The new hold's rows by lane (see lanes.ts). */
  segments: LaneSegment[];
  moves: LaneMove[];
}

/** A resource that cannot take a new booking, and the holds in its way. */
export interface Clash {
  want: PlannedBooking;
  holds: LaneHold[];
  limit: number;
  from: number;
  to: number;
}

/**
 * Resource locks, lane choice and the friendly 409 for a new appointment's room, staff and
 * patient time (src/domain/booking/lanes.ts decides; this reads and writes the rows).
 */
@Injectable()
export class LanePlanner {
  constructor(
    private readonly bookings: ResourceBookingRepository,
    private readonly appointments: AppointmentRepository,
  ) {}

  /** Takes every resource's lock (ascending order) before anything is read. */
  lock(
    manager: EntityManager,
    wanted: readonly PlannedBooking[],
    also: readonly string[] = [],
  ): Promise<void> {
    return this.bookings.lockResources(manager, [...wanted.map((w) => w.resourceId), ...also]);
  }

  /** A lane per resource, or 409 OVERLAP naming every resource in the way. */
  async plan(
    clinicId: string,
    manager: EntityManager,
    wanted: readonly PlannedBooking[],
    zone: string,
  ): Promise<LaneDecision[]> {
    const decisions: LaneDecision[] = [];
    const clashes: Clash[] = [];
    for (const want of wanted) {
      const { resourceId, start, end } = want;
      const component = await this.bookings.component(
        manager,
        resourceId,
        start,
        end,
        REPACK_LIMIT,
      );
      const holds = component ?? (await this.bookings.holds(manager, resourceId, start, end));
      // Too many bookings around to re-pack safely: refused rather than guessed.
      const plan = decideLane(component, holds, want);
      if (plan.ok) {
        decisions.push({ ...want, segments: plan.segments, moves: plan.moves });
      } else {
        const { conflicts, limit, from, to } = plan;
        clashes.push({ want, holds: conflicts, limit, from, to });
      }
    }
    if (clashes.length === 0) return decisions;
    throw await this.overlap(clinicId, manager, clashes, zone);
  }

  /** The 409 OVERLAP naming every resource in the way and the appointments holding it. */
  async overlap(
    clinicId: string,
    manager: EntityManager,
    clashes: readonly Clash[],
    zone: string,
    /** Appointments not written yet (a batch's), by id. */
    pending: ReadonlyMap<string, { id: string; seriesId: string; index: number }> = new Map(),
  ): Promise<ConflictError> {
    const ids = [...new Set(clashes.flatMap((c) => c.holds.map((h) => h.appointmentId)))];
    const others = new Map<string, { id: string; seriesId: string; index: number }>(
      (
        await this.appointments.byIds(
          clinicId,
          ids.filter((id) => !pending.has(id)),
          manager,
        )
      ).map((a) => [a.id, a]),
    );
    for (const [id, a] of pending) others.set(id, a);
    const issues = clashes.map(({ want, holds, limit, from, to }): FieldIssue => {
      const when = span(from, to, zone);
      const names = holds.map((h) => {
        const a = others.get(h.appointmentId);
        return a
          ? `${a.seriesId} ${a.index} (appointment ${a.id})`
          : `appointment ${h.appointmentId}`;
      });
      const list = [...new Set(names)].join(', ');
      if (want.kind === 'patient') {
        return {
          pointer: want.pointer,
          code: 'PATIENT_BUSY',
          message: `the patient already has ${list} ${when}`,
        };
      }
      const code = want.kind === 'room' ? 'ROOM_FULL' : 'STAFF_BUSY';
      const share = limit === 1 ? 'no sharing' : `at most ${limit} at once`;
      const verb = want.kind === 'room' ? 'is full' : 'is busy';
      return {
        pointer: want.pointer,
        code,
        message: `${want.name} ${verb} ${when} (${share}): ${list}`,
      };
    });
    return new ConflictError(
      `${clashes.map((c) => c.want.name).join(', ')} cannot take this session at that time; nothing was booked`,
      'OVERLAP',
      issues,
    );
  }

  /** Moves lanes the plans re-packed, then writes the new appointment's lane rows. */
  async write(
    clinicId: string,
    manager: EntityManager,
    appointmentId: string,
    decisions: readonly LaneDecision[],
  ): Promise<void> {
    for (const d of decisions) await this.bookings.moveLanes(manager, d.moves);
    await this.bookings.insert(manager, clinicId, appointmentId, decisions);
  }
}

/** `on 2027-03-08 09:00–11:15` (or across days; offsets in the repeated hour) in the clinic's zone. */
function span(from: number, to: number, zone: string): string {
  return `on ${localRange(from, to, zone)}`;
}
