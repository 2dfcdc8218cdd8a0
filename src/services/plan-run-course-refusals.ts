import { firstRuleRefusal } from '../domain/booking/course-batch';
import type { FieldIssue } from '../domain/errors';
import { approvedDefinition } from '../domain/plan-runs/approved-overrides';
import type { CreateAppointmentDto } from '../dtos/appointment.dto';
import type { AppointmentEntity } from '../entities/appointment.entity';
import type { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import type { RoomEntity } from '../entities/room.entity';
import type { SessionTypeEntity } from '../entities/session-type.entity';
import type { StaffEntity } from '../entities/staff.entity';
import {
  bookedSessions,
  bookingRoom,
  bookingStaff,
  candidateOf,
  planningType,
  Resolved,
} from './booking-rules';

/** The rows a plan run's commit read once (PlanRunBooking's preload) that the rules judge. */
export interface CourseRows {
  types: Map<string, SessionTypeEntity>;
  rooms: Map<string, RoomEntity>;
  people: Map<string, StaffEntity>;
}

const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];

/** Per course, the first new session its protocol and calendar rules refuse, with why. */
export function courseRefusals(
  inputs: readonly CreateAppointmentDto[],
  resolved: readonly Resolved[],
  taken: readonly AppointmentEntity[],
  takenStaff: readonly AppointmentStaffEntity[],
  rows: CourseRows,
): Map<number, FieldIssue[]> {
  const staff = [...rows.people.values()].map(bookingStaff);
  const rooms = [...rows.rooms.values()].map(bookingRoom);
  const staffOf = new Map<string, AppointmentStaffEntity[]>();
  for (const s of takenStaff)
    staffOf.set(s.appointmentId, [...(staffOf.get(s.appointmentId) ?? []), s]);
  const courses = new Map<string, number[]>();
  inputs.forEach((input, i) =>
    courses.set(input.enrollmentId, [...(courses.get(input.enrollmentId) ?? []), i]),
  );
  const out = new Map<number, FieldIssue[]>();
  for (const [enrollmentId, at] of courses) {
    const { clinic, enrollment, counts } = resolved[at[0]];
    const stored = taken.filter((a) => a.enrollmentId === enrollmentId);
    // The copy the run planned with: approved overrides relaxed (approved-overrides.ts).
    const definition = approvedDefinition(
      enrollment.protocolVersion!.definition,
      enrollmentId,
      stored,
      clinic.timeZone,
    );
    const found = firstRuleRefusal({
      base: {
        clinic: {
          timeZone: clinic.timeZone,
          slotMinutes: clinic.slotMinutes,
          closures: clinic.closures,
        },
        protocol: { code: enrollment.protocolVersion!.protocol!.code, definition },
        enrollment,
        patientLabel: 'the patient',
        sessionTypes: unique(definition.series.map((s) => s.sessionType)).flatMap((code) => {
          const t = rows.types.get(code);
          return t ? [planningType(t)] : [];
        }),
        staff,
        rooms,
        booked: bookedSessions(
          stored,
          stored.flatMap((a) => staffOf.get(a.id) ?? []),
        ),
      },
      counts,
      added: at.map((i) => candidateOf(inputs[i], resolved[i])),
    });
    if (found) out.set(at[found.at], found.issues);
  }
  return out;
}
