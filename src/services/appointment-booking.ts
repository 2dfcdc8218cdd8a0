import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sessionLabel } from '../domain/booking/course-rules';
import { assignStaff, KnownStaff } from '../domain/booking/staffing';
import { effectiveCounts } from '../domain/catalog/enrollment-rules';
import { ConflictError, FieldIssue, ValidationError } from '../domain/errors';
import { CreateAppointmentDto, instantOf } from '../dtos/appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import type { ClinicEntity } from '../entities/clinic.entity';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import type { RoomEntity } from '../entities/room.entity';
import type { SessionTypeEntity } from '../entities/session-type.entity';
import type { StaffEntity } from '../entities/staff.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { RoomRepository } from '../repositories/room.repository';
import { StaffRepository } from '../repositories/staff.repository';
import { SessionTypeRepository } from '../repositories/session-type.repository';
import { Actor } from './actor';
import { BookingRules, planningType, Resolved } from './booking-rules';
import { LaneDecision, LanePlanner, PlannedBooking } from './lane-planner';
import { CLOCK, Clock } from './clock';

const MINUTE_MS = 60_000;

/** The appointment_staff rows of a resolved booking. */
export function staffRows(clinicId: string, appointmentId: string, r: Resolved) {
  return r.slots.map((s) => ({
    clinicId,
    appointmentId,
    staffId: s.staffId,
    role: s.role,
    startsAt: new Date(s.start),
    endsAt: new Date(s.end),
    mode: s.mode,
  }));
}

const unknown = (pointer: string, what: string, id: string): FieldIssue => ({
  pointer,
  code: 'UNKNOWN_REFERENCE',
  message: `the clinic has no ${what} ${id}`,
});

/** 409 ALREADY_BOOKED when the enrollment's (series, index) is held by one of `taken`. */
export function alreadyBooked(
  input: Pick<CreateAppointmentDto, 'series' | 'index'>,
  taken: readonly Pick<AppointmentEntity, 'id' | 'seriesId' | 'index' | 'status'>[],
): ConflictError | null {
  const same = taken.find((a) => a.seriesId === input.series && a.index === input.index);
  if (!same) return null;
  return new ConflictError(
    `${sessionLabel({ series: input.series, index: input.index })} of this enrollment is already ${same.status} (appointment ${same.id}); cancel it or book another index`,
    'ALREADY_BOOKED',
    [{ pointer: '/index', code: 'ALREADY_BOOKED', message: `appointment ${same.id}` }],
  );
}

/**
 * Where `resolve` finds the rows a request names. The hand booking reads (and share-locks) them
 * one by one; a plan run's commit hands in rows it loaded and locked for the whole plan.
 */
export interface BookingLookup {
  clinic(): Promise<ClinicEntity>;
  /** Share-locked, with `protocolVersion.protocol`. */
  enrollment(id: string): Promise<EnrollmentEntity | null>;
  sessionType(code: string): Promise<SessionTypeEntity | null>;
  /** Share-locked. */
  room(id: string): Promise<RoomEntity | null>;
  /** Share-locked. */
  staff(id: string): Promise<StaffEntity | null>;
}

/** The time a booking takes from its patient, room and occupied staff (what the lanes check). */
export function wantedOf(
  input: Pick<CreateAppointmentDto, 'staff'>,
  r: Resolved,
): PlannedBooking[] {
  const turnover = r.type.room?.turnoverMinutes ?? 0;
  return [
    {
      kind: 'patient',
      resourceId: r.enrollment.patientId,
      start: r.start,
      end: r.end,
      cap: 1,
      pointer: '/start',
      name: 'the patient',
    },
    ...(r.room
      ? [
          {
            kind: 'room' as const,
            resourceId: r.room.id,
            start: r.start,
            end: r.end + turnover * MINUTE_MS,
            cap: r.room.capacity,
            pointer: '/roomId',
            name: r.room.name,
          },
        ]
      : []),
    ...r.slots
      .filter((s) => s.mode === 'occupied')
      .map((s) => ({
        kind: 'staff' as const,
        resourceId: s.staffId,
        start: s.start,
        end: s.end,
        cap: s.cap,
        pointer: `/staff/${s.pick}/staffId`,
        name: r.people.get(s.staffId)!.name,
      })),
  ];
}

/**
 * Booking one session by hand: resolve and check the request (422), take the resources'
 * locks, refuse overlaps naming the resource (409), check the protocol and the calendars
 * (422), then write the appointment, its staff and its lane rows. Runs inside the caller's
 * write transaction.
 */
@Injectable()
export class AppointmentBooking {
  constructor(
    private readonly clinics: ClinicRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly sessionTypes: SessionTypeRepository,
    private readonly staff: StaffRepository,
    private readonly rooms: RoomRepository,
    private readonly appointments: AppointmentRepository,
    private readonly lanes: LanePlanner,
    private readonly bookings: ResourceBookingRepository,
    private readonly rules: BookingRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async book(
    actor: Actor,
    input: CreateAppointmentDto,
    manager: EntityManager,
  ): Promise<AppointmentEntity> {
    const r = await this.resolve(actor, input, manager);
    const { plans } = await this.check(actor, input, r, manager);
    const { enrollment } = r;
    const appointment = await this.appointments.insert(
      actor.clinicId,
      {
        enrollmentId: enrollment.id,
        patientId: enrollment.patientId,
        seriesId: input.series,
        index: input.index,
        sessionTypeId: r.type.id,
        startsAt: new Date(r.start),
        endsAt: new Date(r.end),
        roomId: r.room?.id ?? null,
        status: 'booked',
        statusReason: null,
        occurrenceId: null,
      },
      manager,
    );
    await this.appointments.insertStaff(staffRows(actor.clinicId, appointment.id, r), manager);
    await this.lanes.write(actor.clinicId, manager, appointment.id, plans);
    return appointment;
  }

  /**
   * The checks of a booking after `resolve`: takes the resources' locks (with `move`, also
   * those the moved appointment holds, whose lane rows are then released so that it does not
   * clash with itself), refuses overlaps naming the resource (409) and rule violations (422
   * RULE_VIOLATED). With `move.overridable`, the issues it picks are not refused but returned
   * as `overridden` (a director's override of protocol rules). Nothing is written but the
   * release of the moved appointment's lanes (undone by the caller's rollback on refusal).
   */
  async check(
    actor: Actor,
    input: CreateAppointmentDto,
    r: Resolved,
    manager: EntityManager,
    move?: {
      self: string;
      holds: readonly string[];
      /** Runs once the locks are held (re-reads and checks the moved row). */
      locked: () => Promise<void>;
      overridable?: (issue: FieldIssue) => boolean;
    },
  ): Promise<{ plans: LaneDecision[]; overridden: FieldIssue[] }> {
    const { enrollment } = r;
    const wanted = wantedOf(input, r);
    await this.lanes.lock(manager, wanted, move?.holds ?? []);
    if (move) {
      await move.locked();
      await this.bookings.release(manager, move.self);
    }
    const taken = (
      await this.appointments.holdingOfEnrollment(actor.clinicId, enrollment.id, manager)
    ).filter((a) => a.id !== move?.self);
    const same = alreadyBooked(input, taken);
    if (same) throw same;
    const plans = await this.lanes.plan(actor.clinicId, manager, wanted, r.clinic.timeZone);
    const issues = await this.rules.issues(actor.clinicId, input, r, taken, manager, move?.self);
    const allow = move?.overridable ?? (() => false);
    const hard = issues.filter((i) => !allow(i));
    if (hard.length > 0) {
      throw new ValidationError(hard, undefined, 'RULE_VIOLATED');
    }
    return { plans, overridden: issues.filter(allow) };
  }

  /** References and shape (422 with every issue), before any lock is taken. */
  async resolve(
    actor: Actor,
    input: CreateAppointmentDto,
    manager: EntityManager,
    lookup: BookingLookup = this.lookup(actor.clinicId, manager),
  ): Promise<Resolved> {
    const clinic = await lookup.clinic();
    const enrollment = await lookup.enrollment(input.enrollmentId);
    if (!enrollment)
      throw new ValidationError([unknown('/enrollmentId', 'enrollment', input.enrollmentId)]);
    if (enrollment.status !== 'active') {
      throw ValidationError.single(
        '/enrollmentId',
        'ENROLLMENT_NOT_ACTIVE',
        `the enrollment is ${enrollment.status}; only active enrollments are booked`,
      );
    }
    const definition = enrollment.protocolVersion!.definition;
    const series = definition.series.find((s) => s.id === input.series);
    if (!series) {
      const known = definition.series.map((s) => s.id).join(', ');
      throw ValidationError.single(
        '/series',
        'UNKNOWN_REFERENCE',
        `the enrollment's protocol version has no series "${input.series}" (it has: ${known})`,
      );
    }
    const counts = effectiveCounts(enrollment.counts, definition);
    const issues: FieldIssue[] = [];
    if (input.index > counts[series.id]) {
      issues.push({
        pointer: '/index',
        code: 'INDEX_OUT_OF_RANGE',
        message: `the enrollment gets ${counts[series.id]} ${series.id} sessions; there is no ${sessionLabel({ series: series.id, index: input.index })}`,
      });
    }
    const type = await lookup.sessionType(series.sessionType);
    if (!type) {
      throw ValidationError.single(
        '/series',
        'UNKNOWN_REFERENCE',
        `series "${series.id}" uses session type "${series.sessionType}", which the clinic does not have`,
      );
    }
    const room = await this.resolveRoom(type, input.roomId ?? null, lookup, issues);
    const people = new Map<string, StaffEntity>();
    for (const id of new Set(input.staff.map((s) => s.staffId))) {
      const person = await lookup.staff(id);
      if (person) people.set(id, person);
    }
    const known = new Map<string, KnownStaff>(
      [...people].map(([id, p]) => [
        id,
        { name: p.name, roles: p.roles, archived: !!p.archivedAt },
      ]),
    );
    const start = instantOf(input.start).getTime();
    const staffing = assignStaff(planningType(type), input.staff, start, known);
    if (!staffing.ok) issues.push(...staffing.issues);
    if (start < this.clock.now().getTime()) {
      issues.push({
        pointer: '/start',
        code: 'START_IN_PAST',
        message: `${input.start} has passed; book sessions from now on`,
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    return {
      clinic,
      enrollment,
      counts,
      type,
      room,
      people,
      slots: staffing.ok ? staffing.slots : [],
      start,
      end: start + type.durationMinutes * MINUTE_MS,
    };
  }

  /** The hand booking's lookup: each row read (and share-locked) when asked for. */
  private lookup(clinicId: string, manager: EntityManager): BookingLookup {
    return {
      clinic: () => this.clinics.getForShare(clinicId, manager),
      enrollment: async (id) => {
        const locked = await this.enrollments.findForShare(clinicId, id, manager);
        return locked && this.enrollments.getFull(clinicId, locked.id, manager);
      },
      sessionType: (code) => this.sessionTypes.findByCode(clinicId, code, manager, true),
      room: (id) => this.rooms.findForShare(clinicId, id, manager),
      staff: (id) => this.staff.findForShare(clinicId, id, manager),
    };
  }

  private async resolveRoom(
    type: SessionTypeEntity,
    roomId: string | null,
    lookup: BookingLookup,
    issues: FieldIssue[],
  ): Promise<RoomEntity | null> {
    const need = type.room;
    if (need === null) {
      if (roomId !== null) {
        issues.push({
          pointer: '/roomId',
          code: 'ROOM_NOT_NEEDED',
          message: `${type.code} takes no room; leave roomId out`,
        });
      }
      return null;
    }
    if (roomId === null) {
      issues.push({
        pointer: '/roomId',
        code: 'ROOM_REQUIRED',
        message: `${type.code} needs a room with ${need.features.join(', ') || 'no particular features'}`,
      });
      return null;
    }
    const room = await lookup.room(roomId);
    if (!room) {
      issues.push(unknown('/roomId', 'room', roomId));
      return null;
    }
    if (room.archivedAt) {
      issues.push({
        pointer: '/roomId',
        code: 'ROOM_ARCHIVED',
        message: `${room.name} is archived; restore it before booking`,
      });
    }
    const missing = need.features.filter((f) => !room.features.includes(f));
    if (missing.length > 0) {
      issues.push({
        pointer: '/roomId',
        code: 'ROOM_FEATURES',
        message: `${room.name} lacks ${missing.join(', ')}, which ${type.code} needs`,
      });
    }
    return room;
  }
}
