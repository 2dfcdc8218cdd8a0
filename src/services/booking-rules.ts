import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { courseIssues } from '../domain/booking/course-rules';
import {
  patientRuleIssues,
  type BookingRoom,
  type BookingStaff,
} from '../domain/booking/patient-rules';
import { staffDayIssues } from '../domain/booking/staff-day';
import type { StaffSlot } from '../domain/booking/staffing';
import type { FieldIssue } from '../domain/errors';
import type { SessionType } from '../domain/planning/format';
import type { CreateAppointmentDto } from '../dtos/appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import type { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import type { ClinicEntity } from '../entities/clinic.entity';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import type { RoomEntity } from '../entities/room.entity';
import type { SessionTypeEntity } from '../entities/session-type.entity';
import type { StaffEntity } from '../entities/staff.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { RoomRepository } from '../repositories/room.repository';
import { SessionTypeRepository } from '../repositories/session-type.repository';
import { StaffRepository } from '../repositories/staff.repository';

/** Everything a booking request resolves to before the time checks. */
export interface Resolved {
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

/** A patient's booked appointments with their staff rows, as the booking checks read them. */
export function bookedSessions(
  taken: readonly AppointmentEntity[],
  staffRows: readonly AppointmentStaffEntity[],
) {
  return taken.map((a) => ({
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
        mode: s.mode,
      })),
  }));
}

/** The session a resolved request books, as the course and patient rules read it. */
export function candidateOf(input: Pick<CreateAppointmentDto, 'series' | 'index'>, r: Resolved) {
  return {
    series: input.series,
    index: input.index,
    start: r.start,
    end: r.end,
    roomId: r.room?.id ?? null,
    staff: r.slots.map(({ staffId, role, start, end, mode }) => ({
      staffId,
      role,
      start,
      end,
      mode,
    })),
  };
}

/** A stored person as the patient rules read them. */
export function bookingStaff(p: StaffEntity): BookingStaff {
  return {
    id: p.id,
    name: p.name,
    roles: p.roles,
    availability: p.availability,
    timeOff: p.timeOff,
    limits: p.limits,
  };
}

/** A stored room as the patient rules read them. */
export function bookingRoom(room: RoomEntity): BookingRoom {
  return {
    id: room.id,
    name: room.name,
    features: room.features,
    capacity: room.capacity,
    availability: room.availability,
    timeOff: room.timeOff,
  };
}

/** The planning shape of a stored session type (its id is its code). */
export function planningType(t: SessionTypeEntity): SessionType {
  return { id: t.code, durationMinutes: t.durationMinutes, room: t.room, staff: t.staff };
}

/**
 * The rules a hand booking must meet beyond resource overlaps (422 RULE_VIOLATED): the
 * protocol over the patient's booked course, the planner's validator on a one-patient
 * problem built from stored data, and staff day limits over everyone's sessions that day.
 */
@Injectable()
export class BookingRules {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly sessionTypes: SessionTypeRepository,
    private readonly staff: StaffRepository,
    private readonly rooms: RoomRepository,
  ) {}

  /** Protocol, patient-day, calendar and staff-day rules the new session would break. */
  async issues(
    clinicId: string,
    input: CreateAppointmentDto,
    r: Resolved,
    taken: AppointmentEntity[],
    manager: EntityManager,
    /** A moved appointment: its own assignments are not counted in the staff's days. */
    excludeId?: string,
  ): Promise<FieldIssue[]> {
    const zone = r.clinic.timeZone;
    const definition = r.enrollment.protocolVersion!.definition;
    const staffRows = await this.appointments.staffOf(
      taken.map((a) => a.id),
      manager,
    );
    const booked = bookedSessions(taken, staffRows);
    const candidate = candidateOf(input, r);
    const issues = courseIssues(
      [...booked.map((b) => ({ ...b, isNew: false })), { ...candidate, isNew: true }],
      definition,
      r.counts,
      zone,
    );
    const context = await this.context(clinicId, r, staffRows, booked, manager);
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
    issues.push(...(await this.staffDay(clinicId, r, input, manager, excludeId)));
    return issues;
  }

  /** The catalog rows the one-patient problem needs: types of the protocol, staff, rooms. */
  private async context(
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
        const p = await this.staff.find(clinicId, id, manager);
        if (p) people.set(id, p);
      }
    }
    const rooms = new Map<string, RoomEntity>(r.room ? [[r.room.id, r.room]] : []);
    for (const id of new Set(booked.map((b) => b.roomId).filter((x): x is string => !!x))) {
      if (!rooms.has(id)) {
        const room = await this.rooms.find(clinicId, id, manager);
        if (room) rooms.set(id, room);
      }
    }
    return {
      types,
      staff: [...people.values()].map(bookingStaff),
      rooms: [...rooms.values()].map(bookingRoom),
    };
  }

  private async staffDay(
    clinicId: string,
    r: Resolved,
    input: CreateAppointmentDto,
    manager: EntityManager,
    excludeId?: string,
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
          sameDay: sameDay
            .filter((d) => d.appointmentId !== excludeId)
            .map((d) => ({
              appointmentId: d.appointmentId,
              start: d.start.getTime(),
              end: d.end.getTime(),
            })),
          added: slot,
          pointer: `/staff/${slot.pick}/staffId`,
        }),
      );
    }
    return out;
  }
}
