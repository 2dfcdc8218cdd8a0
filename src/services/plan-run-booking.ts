import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { LanePlan } from '../domain/booking/lanes';
import { staffDayIssues, type DayAssignment } from '../domain/booking/staff-day';
import { DomainError, FieldIssue, ValidationError } from '../domain/errors';
import type { CreateAppointmentDto } from '../dtos/appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import type { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import type { RoomEntity } from '../entities/room.entity';
import type { StaffEntity } from '../entities/staff.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { RoomRepository } from '../repositories/room.repository';
import { SessionTypeRepository } from '../repositories/session-type.repository';
import { StaffRepository } from '../repositories/staff.repository';
import { Actor } from './actor';
import {
  alreadyBooked,
  AppointmentBooking,
  BookingLookup,
  staffRows,
  wantedOf,
} from './appointment-booking';
import { Resolved } from './booking-rules';
import { LaneLedger } from './lane-ledger';
import { courseRefusals } from './plan-run-course-refusals';
import { Clash, LanePlanner, PlannedBooking } from './lane-planner';

/** A session of the batch refused (`index` into the requests), with the hand booking's error. */
export class SessionRefused extends Error {
  constructor(
    readonly index: number,
    readonly error: DomainError,
  ) {
    super(error.message);
  }
}

const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];
const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

async function refusedAs<T>(index: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new SessionRefused(index, error);
    throw error;
  }
}

/**
 * Many sessions booked at once (a plan run's commit), each with the verdict its hand booking
 * (AppointmentBooking) would give after the ones before it, but with the reads batched: the
 * rows the requests name are read and share-locked once, the resources' hold rows read once and
 * the lanes decided in memory (LaneLedger), the protocol and calendar rules judged per course
 * (course-batch.ts), staff day limits counted in memory, and the rows written with multi-row
 * INSERTs, where the exclusion constraints stay the last line. The caller holds the locks of
 * the resources (`lock`) before it reads what the run was made from.
 */
@Injectable()
export class PlanRunBooking {
  constructor(
    private readonly clinics: ClinicRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly sessionTypes: SessionTypeRepository,
    private readonly staff: StaffRepository,
    private readonly rooms: RoomRepository,
    private readonly appointments: AppointmentRepository,
    private readonly bookings: ResourceBookingRepository,
    private readonly lanes: LanePlanner,
    private readonly booking: AppointmentBooking,
  ) {}

  /**
   * Takes the locks of every resource the sessions name (patient, room, staff) and the
   * appointments to cancel hold, ascending, in one statement. Returns the locked ids.
   */
  async lock(
    manager: EntityManager,
    sessions: readonly { patientId?: string; roomId: string | null; staffIds: string[] }[],
    cancelled: readonly string[],
  ): Promise<Set<string>> {
    const ids = new Set([
      ...sessions.flatMap((s) => [
        ...(s.patientId ? [s.patientId] : []),
        ...(s.roomId ? [s.roomId] : []),
        ...s.staffIds,
      ]),
      ...(await this.bookings.resourcesOfMany(manager, cancelled)),
    ]);
    await this.bookings.lockResources(manager, [...ids]);
    return ids;
  }

  /**
   * Books `inputs` in order; returns the new appointments' ids. The first refused session
   * throws SessionRefused (with the error its hand booking would give) before anything is
   * written; an overlap the exclusion constraints refuse throws 409 OVERLAP.
   */
  async bookAll(
    actor: Actor,
    inputs: readonly CreateAppointmentDto[],
    manager: EntityManager,
    locked: ReadonlySet<string>,
  ): Promise<string[]> {
    if (inputs.length === 0) return [];
    const { clinicId } = actor;
    const rows = await this.preload(clinicId, inputs, manager);
    const resolved: Resolved[] = [];
    for (const [i, input] of inputs.entries()) {
      resolved.push(
        await refusedAs(i, () => this.booking.resolve(actor, input, manager, rows.lookup)),
      );
    }
    const wanted = inputs.map((input, i) => wantedOf(input, resolved[i]));
    const resources = unique(wanted.flat().map((w) => w.resourceId));
    await this.bookings.lockResources(
      manager,
      resources.filter((id) => !locked.has(id)),
    );

    const enrollmentIds = unique(inputs.map((input) => input.enrollmentId));
    const taken = await this.appointments.holdingOfEnrollments(clinicId, enrollmentIds, manager);
    const takenStaff = await this.appointments.staffOf(
      taken.map((a) => a.id),
      manager,
    );
    await this.addCourseRows(clinicId, rows, taken, takenStaff, manager);
    const ids = inputs.map(() => randomUUID());
    const refusals = courseRefusals(inputs, resolved, taken, takenStaff, rows);

    const zone = resolved[0]?.clinic.timeZone ?? 'UTC';
    const ledger = new LaneLedger(this.bookings, manager);
    const all = wanted.flat();
    await ledger.load(
      resources,
      Math.min(...all.map((w) => w.start)),
      Math.max(...all.map((w) => w.end)),
    );
    const days = await this.staffDays(clinicId, resolved, zone, manager);
    const holding = new Map<
      string,
      Pick<AppointmentEntity, 'id' | 'seriesId' | 'index' | 'status'>[]
    >(enrollmentIds.map((id) => [id, taken.filter((a) => a.enrollmentId === id)]));
    for (const [i, input] of inputs.entries()) {
      const r = resolved[i];
      const mine = holding.get(input.enrollmentId)!;
      const same = alreadyBooked(input, mine);
      if (same) throw new SessionRefused(i, same);
      const plans: { want: PlannedBooking; plan: Extract<LanePlan, { ok: true }> }[] = [];
      const clashes: Clash[] = [];
      for (const want of wanted[i]) {
        const plan = await ledger.decide(want);
        if (plan.ok) plans.push({ want, plan });
        else {
          const { conflicts, limit, from, to } = plan;
          clashes.push({ want, holds: conflicts, limit, from, to });
        }
      }
      if (clashes.length > 0) {
        const pending = new Map([...holding.values()].flat().map((a) => [a.id, a]));
        const error = await this.lanes.overlap(clinicId, manager, clashes, zone, pending);
        throw new SessionRefused(i, error);
      }
      const issues = [...(refusals.get(i) ?? []), ...days.issues(input, r)];
      if (issues.length > 0) {
        throw new SessionRefused(i, new ValidationError(issues, undefined, 'RULE_VIOLATED'));
      }
      for (const { want, plan } of plans) ledger.apply(want, plan, ids[i]);
      days.add(r, ids[i]);
      mine.push({ id: ids[i], seriesId: input.series, index: input.index, status: 'booked' });
    }
    await this.appointments.insertBooked(
      clinicId,
      inputs.map((input, i) => ({
        id: ids[i],
        enrollmentId: resolved[i].enrollment.id,
        patientId: resolved[i].enrollment.patientId,
        seriesId: input.series,
        index: input.index,
        sessionTypeId: resolved[i].type.id,
        startsAt: new Date(resolved[i].start),
        endsAt: new Date(resolved[i].end),
        roomId: resolved[i].room?.id ?? null,
      })),
      manager,
    );
    await this.appointments.insertStaff(
      inputs.flatMap((_, i) => staffRows(clinicId, ids[i], resolved[i])),
      manager,
    );
    await this.bookings.moveLanes(manager, ledger.moves());
    await this.bookings.insertMany(manager, clinicId, ledger.rows());
    return ids;
  }

  /** The clinic and every row the requests name, read (and share-locked) once. */
  private async preload(
    clinicId: string,
    inputs: readonly CreateAppointmentDto[],
    manager: EntityManager,
  ) {
    const clinic = await this.clinics.getForShare(clinicId, manager);
    const enrollments = byId(
      await this.enrollments.fullForShare(
        clinicId,
        unique(inputs.map((i) => i.enrollmentId)),
        manager,
      ),
    );
    const codes = unique(
      [...enrollments.values()].flatMap((e) =>
        e.protocolVersion!.definition.series.map((s) => s.sessionType),
      ),
    );
    const types = new Map(
      (await this.sessionTypes.findByCodes(clinicId, codes, manager, true)).map((t) => [t.code, t]),
    );
    const rooms = byId(
      await this.rooms.findManyForShare(
        clinicId,
        unique(inputs.flatMap((i) => (i.roomId ? [i.roomId] : []))),
        manager,
      ),
    );
    const people = byId(
      await this.staff.findManyForShare(
        clinicId,
        unique(inputs.flatMap((i) => i.staff.map((s) => s.staffId))),
        manager,
      ),
    );
    const lookup: BookingLookup = {
      clinic: () => Promise.resolve(clinic),
      enrollment: (id) => Promise.resolve(enrollments.get(id) ?? null),
      sessionType: (code) => Promise.resolve(types.get(code) ?? null),
      room: (id) => Promise.resolve(rooms.get(id) ?? null),
      staff: (id) => Promise.resolve(people.get(id) ?? null),
    };
    return { types, rooms, people, lookup };
  }

  /** People and rooms of the stored courses that no request names (the rules read them). */
  private async addCourseRows(
    clinicId: string,
    rows: { rooms: Map<string, RoomEntity>; people: Map<string, StaffEntity> },
    taken: readonly AppointmentEntity[],
    takenStaff: readonly AppointmentStaffEntity[],
    manager: EntityManager,
  ): Promise<void> {
    const people = unique(takenStaff.map((s) => s.staffId)).filter((id) => !rows.people.has(id));
    for (const p of await this.staff.findManyForShare(clinicId, people, manager)) {
      rows.people.set(p.id, p);
    }
    const rooms = unique(taken.flatMap((a) => (a.roomId ? [a.roomId] : []))).filter(
      (id) => !rows.rooms.has(id),
    );
    for (const room of await this.rooms.findManyForShare(clinicId, rooms, manager)) {
      rows.rooms.set(room.id, room);
    }
  }

  /** Staff day limits over everyone's sessions, counted in memory as the batch books. */
  private async staffDays(
    clinicId: string,
    resolved: readonly Resolved[],
    zone: string,
    manager: EntityManager,
  ) {
    const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone }).startOf('day');
    const dates = new Map<number, string>();
    const dateOf = (ms: number) => {
      let date = dates.get(ms);
      if (date === undefined) dates.set(ms, (date = dayOf(ms).toISODate()!));
      return date;
    };
    const key = (staffId: string, ms: number) => `${staffId} ${dateOf(ms)}`;
    const limited = new Set(
      resolved.flatMap((r) =>
        r.slots
          .filter((s) => s.mode === 'occupied' && r.people.get(s.staffId)?.limits)
          .map((s) => s.staffId),
      ),
    );
    const sameDay = new Map<string, DayAssignment[]>();
    const push = (k: string, a: DayAssignment) => {
      const day = sameDay.get(k);
      if (day) day.push(a);
      else sameDay.set(k, [a]);
    };
    if (limited.size > 0) {
      const starts = resolved.map((r) => r.start);
      const rows = await this.appointments.staffDays(
        clinicId,
        [...limited],
        dayOf(Math.min(...starts)).toJSDate(),
        dayOf(Math.max(...starts))
          .plus({ days: 1 })
          .toJSDate(),
        manager,
      );
      for (const row of rows) {
        push(key(row.staffId, row.sessionStart.getTime()), {
          appointmentId: row.appointmentId,
          start: row.start.getTime(),
          end: row.end.getTime(),
        });
      }
    }
    return {
      issues: (input: CreateAppointmentDto, r: Resolved): FieldIssue[] =>
        r.slots
          .filter((s) => s.mode === 'occupied')
          .flatMap((slot) => {
            const person = r.people.get(slot.staffId)!;
            if (!person.limits) return [];
            return staffDayIssues({
              name: person.name,
              date: dateOf(r.start),
              limits: person.limits,
              sameDay: sameDay.get(key(slot.staffId, r.start)) ?? [],
              added: slot,
              pointer: `/staff/${slot.pick}/staffId`,
            });
          }),
      add: (r: Resolved, appointmentId: string): void => {
        // Only people with limits are ever counted.
        for (const slot of r.slots.filter((s) => s.mode === 'occupied' && limited.has(s.staffId))) {
          push(key(slot.staffId, r.start), { appointmentId, start: slot.start, end: slot.end });
        }
      },
    };
  }
}
