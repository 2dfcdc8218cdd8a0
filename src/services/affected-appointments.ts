import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AffectedWhy,
  BookedView,
  CalendarContext,
  calendarConflicts,
  CourseView,
  newWhys,
  protocolConflicts,
  RoomCalendar,
  StaffCalendar,
} from '../domain/booking/affected';
import { type LoadContext, roomCapacityWhys, staffDayWhys } from '../domain/booking/affected-load';
import { patientConflicts, type PatientWindow } from '../domain/booking/affected-patient';
import type { ProtocolDefinition } from '../domain/catalog/protocol-definition';
import { dayNumber } from '../domain/time/local-date';
import { placeLocal } from '../domain/time/zone';
import {
  AffectedAppointmentDto,
  AffectedListDto,
  AffectedListQueryDto,
  toAffectedAppointmentDto,
  toAffectedList,
} from '../dtos/affected-appointment.dto';
import { instantOf } from '../dtos/appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import type { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import type { RoomEntity } from '../entities/room.entity';
import type { StaffEntity } from '../entities/staff.entity';
import {
  AffectedAppointmentRepository,
  BookedScope,
} from '../repositories/affected-appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { Actor } from './actor';
import { CLOCK, Clock } from './clock';

/** The protocol an enrollment follows, as the checks need it. */
export interface PinnedProtocol {
  definition: ProtocolDefinition;
  counts: Record<string, number>;
}

/** What differs between "before" and "after" a change. */
interface Change {
  staff?: StaffEntity;
  room?: RoomEntity;
  closures?: string[];
  /** New pinned protocol per enrollment id. */
  protocols?: ReadonlyMap<string, PinnedProtocol>;
  /** New window and unavailability per enrollment id. */
  windows?: ReadonlyMap<string, PatientWindow>;
}

/** An enrollment as the checks see it: its pinned protocol and the patient's window. */
export interface EnrollmentState {
  id: string;
  protocol: PinnedProtocol;
  window: PatientWindow;
}

interface Loaded {
  zone: string;
  closures: string[];
  rows: AppointmentEntity[];
  /** Staff rows by appointment id. */
  staffRows: Map<string, AppointmentStaffEntity[]>;
  staff: Map<string, StaffEntity>;
  rooms: Map<string, RoomEntity>;
  courses: Map<string, CourseView[]>;
  /** The rules a director's override approved, by appointment id (courses in scope). */
  approved: Map<string, string[]>;
  /** The staff's occupied assignments and the rooms' holds on the days in scope. */
  load: Pick<LoadContext, 'assignments' | 'holds'>;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const staffCalendar = (s: StaffEntity): StaffCalendar => ({
  name: s.name,
  roles: s.roles,
  availability: s.availability,
  timeOff: s.timeOff,
});
const roomCalendar = (r: RoomEntity): RoomCalendar => ({
  name: r.name,
  features: r.features,
  availability: r.availability,
  timeOff: r.timeOff,
});

/**
 * Booked appointments that no longer fit the clinic's records (staff hours, time off and
 * roles; room hours, time off and features; closures; the pinned protocol version), listed
 * for the front desk with why and the repair request that re-plans them. The catalog writes
 * and the cohort re-pin call the `after...` methods inside their own transaction, after
 * the change is known and before it commits, to list what that change affected; nothing here
 * writes.
 */
@Injectable()
export class AffectedAppointments {
  constructor(
    private readonly rows: AffectedAppointmentRepository,
    private readonly clinics: ClinicRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** GET /v1/affected-appointments: everything booked, not over and not fitting, now. */
  async list(actor: Actor, query: AffectedListQueryDto): Promise<AffectedListDto> {
    const loaded = await this.load(actor.clinicId, {
      from: query.from ? instantOf(query.from) : this.clock.now(),
      to: query.to ? instantOf(query.to) : undefined,
      staffId: query.staffId,
      roomId: query.roomId,
      enrollmentIds: query.enrollmentId ? [query.enrollmentId] : undefined,
      cohortId: query.cohortId,
    });
    const ctx = this.context(loaded, {});
    const items: AffectedAppointmentDto[] = [];
    for (const row of loaded.rows) {
      const why = this.whys(loaded, row, ctx, {});
      if (why.length > 0) items.push(this.dto(loaded, row, why));
    }
    return toAffectedList(items);
  }

  /** What a change of one staff member's record affects (hours, time off, roles, limits). */
  afterStaffChange(
    clinicId: string,
    before: StaffEntity,
    after: StaffEntity,
    manager: EntityManager,
  ): Promise<AffectedListDto> {
    const same =
      JSON.stringify([before.availability, before.timeOff, before.roles, before.limits]) ===
      JSON.stringify([after.availability, after.timeOff, after.roles, after.limits]);
    if (same) return Promise.resolve(toAffectedList([]));
    return this.changed(
      clinicId,
      { from: this.clock.now(), staffId: after.id },
      { staff: after },
      manager,
    );
  }

  /** What a change of one room's record affects (hours, time off, features, capacity). */
  afterRoomChange(
    clinicId: string,
    before: RoomEntity,
    after: RoomEntity,
    manager: EntityManager,
  ): Promise<AffectedListDto> {
    const same =
      JSON.stringify([before.availability, before.timeOff, before.features, before.capacity]) ===
      JSON.stringify([after.availability, after.timeOff, after.features, after.capacity]);
    if (same) return Promise.resolve(toAffectedList([]));
    return this.changed(
      clinicId,
      { from: this.clock.now(), roomId: after.id },
      { room: after },
      manager,
    );
  }

  /** What new clinic closures affect (only the added dates are looked at). */
  async afterClosuresChange(
    clinicId: string,
    zone: string,
    before: readonly string[],
    after: string[],
    manager: EntityManager,
  ): Promise<AffectedListDto> {
    const added = after.filter((d) => !before.includes(d)).sort();
    if (added.length === 0) return toAffectedList([]);
    const first = placeLocal(zone, dayNumber(added[0]), 0) * MINUTE_MS;
    const last = placeLocal(zone, dayNumber(added[added.length - 1]) + 1, 0) * MINUTE_MS;
    const now = this.clock.now().getTime();
    return this.changed(
      clinicId,
      { from: new Date(Math.max(now, first)), to: new Date(last) },
      { closures: after },
      manager,
      { closures: [...before] },
    );
  }

  /** What re-pinning the enrollments to the given protocols affects. */
  afterRepin(
    clinicId: string,
    protocols: ReadonlyMap<string, PinnedProtocol>,
    manager: EntityManager,
  ): Promise<AffectedListDto> {
    return this.changed(
      clinicId,
      { from: this.clock.now(), enrollmentIds: [...protocols.keys()] },
      { protocols },
      manager,
    );
  }

  /**
   * What a saved change of one enrollment affects: its window (`earliestStart`, `latestEnd`),
   * the patient's `unavailable` periods, its counts or its pinned version. Called after the
   * update is written (the stored enrollment is `after`); `before` is the baseline.
   */
  async afterEnrollmentChange(
    clinicId: string,
    before: EnrollmentState,
    manager: EntityManager,
  ): Promise<AffectedListDto> {
    return this.changed(
      clinicId,
      { from: this.clock.now(), enrollmentIds: [before.id] },
      {},
      manager,
      {
        protocols: new Map([[before.id, before.protocol]]),
        windows: new Map([[before.id, before.window]]),
      },
    );
  }

  /**
   * Appointments in scope with a reason after the change that they did not have before.
   * `baseline` overrides what was loaded when the stored records are already the new ones.
   */
  private async changed(
    clinicId: string,
    scope: BookedScope,
    change: Change,
    manager: EntityManager,
    baseline: Change = {},
  ): Promise<AffectedListDto> {
    const loaded = await this.load(clinicId, scope, manager);
    const ctxBefore = this.context(loaded, baseline);
    const ctxAfter = this.context(loaded, change);
    const items: AffectedAppointmentDto[] = [];
    for (const row of loaded.rows) {
      const after = this.whys(loaded, row, ctxAfter, change);
      if (newWhys(this.whys(loaded, row, ctxBefore, baseline), after).length > 0) {
        items.push(this.dto(loaded, row, after));
      }
    }
    return toAffectedList(items);
  }

  private async load(
    clinicId: string,
    scope: BookedScope,
    manager?: EntityManager,
  ): Promise<Loaded> {
    const clinic = await this.clinics.get(clinicId, manager);
    const rows = await this.rows.booked(clinicId, scope, manager);
    const staffRows = await this.rows.staffRows(
      rows.map((r) => r.id),
      manager,
    );
    const staffIds = [...new Set(staffRows.map((s) => s.staffId))];
    const byAppointment = new Map<string, AppointmentStaffEntity[]>();
    for (const s of staffRows) {
      byAppointment.set(s.appointmentId, [...(byAppointment.get(s.appointmentId) ?? []), s]);
    }
    const roomIds = [...new Set(rows.map((r) => r.roomId).filter((x): x is string => !!x))];
    const enrollmentIds = [...new Set(rows.map((r) => r.enrollmentId))];
    // One after the other: inside a transaction they share one connection.
    const staff = await this.rows.staff(clinicId, staffIds, manager);
    const rooms = await this.rows.rooms(clinicId, roomIds, manager);
    const course = await this.rows.courses(clinicId, enrollmentIds, manager);
    const courses = new Map<string, CourseView[]>();
    const approved = new Map<string, string[]>();
    for (const c of course) {
      if (c.override && c.override.rules.length > 0) approved.set(c.id, c.override.rules);
      const list = courses.get(c.enrollmentId) ?? [];
      list.push({
        id: c.id,
        series: c.seriesId,
        index: c.index,
        start: c.startsAt.getTime(),
        end: c.endsAt.getTime(),
      });
      courses.set(c.enrollmentId, list);
    }
    // Every local day of a session in scope, whatever the zone's offset (filtered by date later).
    const first = rows.length ? rows[0].startsAt.getTime() : 0; // rows are in start order
    const last = rows.reduce((m, r) => Math.max(m, r.endsAt.getTime()), 0);
    const from = new Date(first - DAY_MS);
    const to = new Date(last + 2 * DAY_MS);
    const assignments = await this.rows.assignments(clinicId, staffIds, from, to, manager);
    const holds = await this.rows.roomHolds(clinicId, roomIds, from, to, manager);
    return {
      zone: clinic.timeZone,
      closures: clinic.closures,
      rows,
      approved,
      load: { assignments, holds },
      staffRows: byAppointment,
      staff: new Map(staff.map((s) => [s.id, s])),
      rooms: new Map(rooms.map((r) => [r.id, r])),
      courses,
    };
  }

  private view(loaded: Loaded, a: AppointmentEntity): BookedView {
    const type = a.sessionType!;
    return {
      id: a.id,
      series: a.seriesId,
      index: a.index,
      sessionType: type.code,
      durationMinutes: type.durationMinutes,
      start: a.startsAt.getTime(),
      end: a.endsAt.getTime(),
      roomId: a.roomId,
      turnoverMinutes: type.room?.turnoverMinutes ?? 0,
      roomFeatures: type.room?.features ?? [],
      staff: (loaded.staffRows.get(a.id) ?? []).map((s) => ({
        staffId: s.staffId,
        role: s.role,
        start: s.startsAt.getTime(),
        end: s.endsAt.getTime(),
        mode: s.mode,
      })),
    };
  }

  /** The calendars, with `change` applied over the stored records. */
  private context(loaded: Loaded, change: Change): CalendarContext {
    const staff = new Map([...loaded.staff].map(([id, s]) => [id, staffCalendar(s)]));
    if (change.staff) staff.set(change.staff.id, staffCalendar(change.staff));
    const rooms = new Map([...loaded.rooms].map(([id, r]) => [id, roomCalendar(r)]));
    if (change.room) rooms.set(change.room.id, roomCalendar(change.room));
    return { zone: loaded.zone, closures: change.closures ?? loaded.closures, staff, rooms };
  }

  /** The staff's limits and the rooms' capacities, with `change` applied, and their load. */
  private loadContext(loaded: Loaded, change: Change): LoadContext {
    const staff = new Map([...loaded.staff].map(([id, s]) => [id, s]));
    if (change.staff) staff.set(change.staff.id, change.staff);
    const rooms = new Map([...loaded.rooms].map(([id, r]) => [id, r]));
    if (change.room) rooms.set(change.room.id, change.room);
    return { zone: loaded.zone, staff, rooms, ...loaded.load };
  }

  /** Every reason `a` does not fit the calendars `ctx` and its (possibly new) protocol. */
  private whys(
    loaded: Loaded,
    a: AppointmentEntity,
    ctx: CalendarContext,
    change: Change,
  ): AffectedWhy[] {
    const view = this.view(loaded, a);
    const pinned = change.protocols?.get(a.enrollmentId) ?? {
      definition: a.enrollment!.protocolVersion!.definition,
      counts: a.enrollment!.counts,
    };
    const e = a.enrollment!;
    const window = change.windows?.get(a.enrollmentId) ?? {
      enrollmentId: a.enrollmentId,
      earliestStart: e.earliestStart,
      latestEnd: e.latestEnd,
      unavailable: e.unavailable,
    };
    const load = this.loadContext(loaded, change);
    return [
      ...calendarConflicts(view, ctx),
      ...staffDayWhys(view, load),
      ...roomCapacityWhys(view, load),
      ...patientConflicts(view, window, loaded.zone),
      ...protocolConflicts(
        view,
        loaded.courses.get(a.enrollmentId) ?? [],
        pinned.definition,
        pinned.counts,
        loaded.zone,
        loaded.approved,
      ),
    ];
  }

  private dto(loaded: Loaded, a: AppointmentEntity, why: AffectedWhy[]): AffectedAppointmentDto {
    const staffIds = [...new Set((loaded.staffRows.get(a.id) ?? []).map((s) => s.staffId))];
    return toAffectedAppointmentDto(a, staffIds, why, loaded.zone);
  }
}
