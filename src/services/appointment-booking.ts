import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { courseIssues, sessionLabel } from '../domain/booking/course-rules';
import { patientRuleIssues } from '../domain/booking/patient-rules';
import { staffDayIssues } from '../domain/booking/staff-day';
import { assignStaff, KnownStaff, StaffSlot } from '../domain/booking/staffing';
import { effectiveCounts } from '../domain/catalog/enrollment-rules';
import { ConflictError, FieldIssue, ValidationError } from '../domain/errors';
import type { SessionType } from '../domain/planning/format';
import { CreateAppointmentDto, instantOf } from '../dtos/appointment.dto';
import { AppointmentEntity } from '../entities/appointment.entity';
import { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import { ClinicEntity } from '../entities/clinic.entity';
import { EnrollmentEntity } from '../entities/enrollment.entity';
import { RoomEntity } from '../entities/room.entity';
import { SessionTypeEntity } from '../entities/session-type.entity';
import { StaffEntity } from '../entities/staff.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { EnrollmentRepository } from '../repositories/enrollment.repository';
import { findForShare } from '../repositories/row-lock';
import { SessionTypeRepository } from '../repositories/session-type.repository';
import { Actor } from './actor';
import { LanePlanner, PlannedBooking } from './lane-planner';
import { CLOCK, Clock } from './clock';

const MINUTE_MS = 60_000;

/** Everything a booking request resolves to before the time checks. */
interface Resolved {
  clinic: ClinicEntity;
  enrollment: EnrollmentEntity;
  counts: Record<string, number>;
  type: SessionTypeEntity;
  room: RoomEntity | null;
  people: Map<string, StaffEntity>;
  slots: StaffSlot[];
  start: number;
  end: number;
}

const unknown = (pointer: string, what: string, id: string): FieldIssue => ({
  pointer,
  code: 'UNKNOWN_REFERENCE',
  message: `the clinic has no ${what} ${id}`,
});

/** The planning shape of a stored session type (its id is its code). */
function planningType(t: SessionTypeEntity): SessionType {
  return { id: t.code, durationMinutes: t.durationMinutes, room: t.room, staff: t.staff };
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
    private readonly appointments: AppointmentRepository,
    private readonly lanes: LanePlanner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async book(
    actor: Actor,
    input: CreateAppointmentDto,
    manager: EntityManager,
  ): Promise<AppointmentEntity> {
    const r = await this.resolve(actor, input, manager);
    const { enrollment } = r;
    const turnover = r.type.room?.turnoverMinutes ?? 0;
    const wanted: PlannedBooking[] = [
      {
        kind: 'patient',
        resourceId: enrollment.patientId,
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
          pointer: `/staff/${input.staff.findIndex((p) => p.staffId === s.staffId)}/staffId`,
          name: r.people.get(s.staffId)!.name,
        })),
    ];
    await this.lanes.lock(manager, wanted);
    const taken = await this.appointments.holdingOfEnrollment(
      actor.clinicId,
      enrollment.id,
      manager,
    );
    const same = taken.find((a) => a.seriesId === input.series && a.index === input.index);
    if (same) {
      throw new ConflictError(
        `${sessionLabel({ series: input.series, index: input.index })} of this enrollment is already ${same.status} (appointment ${same.id}); cancel it or book another index`,
        'ALREADY_BOOKED',
        [{ pointer: '/index', code: 'ALREADY_BOOKED', message: `appointment ${same.id}` }],
      );
    }
    const plans = await this.lanes.plan(actor.clinicId, manager, wanted, r.clinic.timeZone);
    const issues = await this.ruleIssues(actor, input, r, taken, manager);
    if (issues.length > 0) {
      throw new ValidationError(issues, undefined, 'RULE_VIOLATED');
    }
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
    await this.appointments.insertStaff(
      r.slots.map((s) => ({
        clinicId: actor.clinicId,
        appointmentId: appointment.id,
        staffId: s.staffId,
        role: s.role,
        startsAt: new Date(s.start),
        endsAt: new Date(s.end),
        mode: s.mode,
      })),
      manager,
    );
    await this.lanes.write(actor.clinicId, manager, appointment.id, plans);
    return appointment;
  }

  /** References and shape (422 with every issue), before any lock is taken. */
  private async resolve(
    actor: Actor,
    input: CreateAppointmentDto,
    manager: EntityManager,
  ): Promise<Resolved> {
    const { clinicId } = actor;
    const clinic = await this.clinics.get(clinicId, manager);
    const locked = await findForShare(manager, EnrollmentEntity, clinicId, input.enrollmentId);
    if (!locked)
      throw new ValidationError([unknown('/enrollmentId', 'enrollment', input.enrollmentId)]);
    const enrollment = await this.enrollments.getFull(clinicId, locked.id, manager);
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
    const type = await this.sessionTypes.findByCode(clinicId, series.sessionType, manager);
    if (!type) {
      throw ValidationError.single(
        '/series',
        'UNKNOWN_REFERENCE',
        `series "${series.id}" uses session type "${series.sessionType}", which the clinic does not have`,
      );
    }
    const room = await this.resolveRoom(clinicId, type, input.roomId ?? null, manager, issues);
    const people = new Map<string, StaffEntity>();
    for (const id of new Set(input.staff.map((s) => s.staffId))) {
      const person = await findForShare(manager, StaffEntity, clinicId, id);
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

  private async resolveRoom(
    clinicId: string,
    type: SessionTypeEntity,
    roomId: string | null,
    manager: EntityManager,
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
    const room = await findForShare(manager, RoomEntity, clinicId, roomId);
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

  /** Protocol, patient-day, calendar and staff-day rules the new session would break. */
  private async ruleIssues(
    actor: Actor,
    input: CreateAppointmentDto,
    r: Resolved,
    taken: AppointmentEntity[],
    manager: EntityManager,
  ): Promise<FieldIssue[]> {
    const zone = r.clinic.timeZone;
    const definition = r.enrollment.protocolVersion!.definition;
    const staffRows = await this.appointments.staffOf(
      taken.map((a) => a.id),
      manager,
    );
    const booked = taken.map((a) => ({
      series: a.seriesId,
      index: a.index,
      start: a.startsAt.getTime(),
      end: a.endsAt.getTime(),
      roomId: a.roomId,
      staff: staffRows
        .filter((s) => s.appointmentId === a.id)
        .map((s) => ({
          staffId: s.staffId,
          role: s.role,
          start: s.startsAt.getTime(),
          end: s.endsAt.getTime(),
        })),
    }));
    const candidate = {
      series: input.series,
      index: input.index,
      start: r.start,
      end: r.end,
      roomId: r.room?.id ?? null,
      staff: r.slots.map((s) => ({ staffId: s.staffId, role: s.role, start: s.start, end: s.end })),
    };
    const issues = courseIssues(
      [...booked.map((b) => ({ ...b, isNew: false })), { ...candidate, isNew: true }],
      definition,
      r.counts,
      zone,
    );
    const context = await this.ruleContext(actor.clinicId, r, staffRows, booked, manager);
    issues.push(
      ...patientRuleIssues({
        clinic: { timeZone: zone, slotMinutes: r.clinic.slotMinutes, closures: r.clinic.closures },
        protocol: { code: r.enrollment.protocolVersion!.protocol!.code, definition },
        enrollment: r.enrollment,
        patientLabel: 'the patient',
        sessionTypes: context.types,
        staff: context.staff,
        rooms: context.rooms,
        booked,
        candidate,
      }),
    );
    issues.push(...(await this.staffDayIssues(actor.clinicId, r, input, manager)));
    return issues;
  }

  /** The catalog rows the one-patient problem needs: types of the protocol, staff, rooms. */
  private async ruleContext(
    clinicId: string,
    r: Resolved,
    staffRows: AppointmentStaffEntity[],
    booked: { roomId: string | null }[],
    manager: EntityManager,
  ) {
    const definition = r.enrollment.protocolVersion!.definition;
    const types: SessionType[] = [];
    for (const code of new Set(definition.series.map((s) => s.sessionType))) {
      const t =
        code === r.type.code ? r.type : await this.sessionTypes.findByCode(clinicId, code, manager);
      if (t) types.push(planningType(t));
    }
    const people = new Map(r.people);
    for (const id of new Set(staffRows.map((s) => s.staffId))) {
      if (!people.has(id)) {
        const p = await manager.getRepository(StaffEntity).findOneBy({ clinicId, id });
        if (p) people.set(id, p);
      }
    }
    const rooms = new Map<string, RoomEntity>(r.room ? [[r.room.id, r.room]] : []);
    for (const id of new Set(booked.map((b) => b.roomId).filter((x): x is string => !!x))) {
      if (!rooms.has(id)) {
        const room = await manager.getRepository(RoomEntity).findOneBy({ clinicId, id });
        if (room) rooms.set(id, room);
      }
    }
    return {
      types,
      staff: [...people.values()].map((p) => ({
        id: p.id,
        name: p.name,
        roles: p.roles,
        availability: p.availability,
        timeOff: p.timeOff,
        limits: p.limits,
      })),
      rooms: [...rooms.values()].map((room) => ({
        id: room.id,
        name: room.name,
        features: room.features,
        capacity: room.capacity,
        availability: room.availability,
        timeOff: room.timeOff,
      })),
    };
  }

  private async staffDayIssues(
    clinicId: string,
    r: Resolved,
    input: CreateAppointmentDto,
    manager: EntityManager,
  ): Promise<FieldIssue[]> {
    const zone = r.clinic.timeZone;
    const day = DateTime.fromMillis(r.start, { zone }).startOf('day');
    const out: FieldIssue[] = [];
    for (const slot of r.slots.filter((s) => s.mode === 'occupied')) {
      const person = r.people.get(slot.staffId)!;
      if (!person.limits) continue;
      const sameDay = await this.appointments.staffDay(
        clinicId,
        slot.staffId,
        day.toJSDate(),
        day.plus({ days: 1 }).toJSDate(),
        manager,
      );
      out.push(
        ...staffDayIssues({
          name: person.name,
          date: day.toISODate()!,
          limits: person.limits,
          sameDay: sameDay.map((d) => ({
            appointmentId: d.appointmentId,
            start: d.start.getTime(),
            end: d.end.getTime(),
          })),
          added: slot,
          pointer: `/staff/${input.staff.findIndex((p) => p.staffId === slot.staffId)}/staffId`,
        }),
      );
    }
    return out;
  }
}
