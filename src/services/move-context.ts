import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { MoveCheck, type MoveContext } from '../domain/booking/move-check';
import type { DayAssignment } from '../domain/booking/staff-day';
import { effectiveCounts } from '../domain/catalog/enrollment-rules';
import type { SessionType } from '../domain/planning/format';
import type { ClinicEntity } from '../entities/clinic.entity';
import type { EnrollmentEntity } from '../entities/enrollment.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { MoveContextRepository } from '../repositories/move-context.repository';
import { SessionTypeRepository } from '../repositories/session-type.repository';
import { bookedSessions, planningType } from './booking-rules';
import { CLOCK, Clock } from './clock';

const DAY_MS = 86_400_000;

/** One session of an enrollment to place: an appointment to move (`selfId`) or a new one. */
export interface SessionToPlace {
  clinic: ClinicEntity;
  enrollment: EnrollmentEntity;
  series: string;
  index: number;
  selfId: string | null;
}

/**
 * Reads, in a few queries, what MoveCheck needs to judge many places of one session over a
 * window: the patient's other sessions, the catalog, other appointments' lane holds and the
 * staff's days. A judge is built per request; nothing is cached across requests.
 */
@Injectable()
export class MoveContextLoader {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly sessionTypes: SessionTypeRepository,
    private readonly reads: MoveContextRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** null when the session's series or type is gone (no place can be judged). */
  async load(
    s: SessionToPlace,
    window: { from: number; to: number },
    manager?: EntityManager,
  ): Promise<{
    check: MoveCheck;
    names: { staff: Map<string, string>; rooms: Map<string, string> };
  } | null> {
    const { clinic, enrollment } = s;
    const clinicId = clinic.id;
    const version = enrollment.protocolVersion!;
    const definition = version.definition;
    const series = definition.series.find((x) => x.id === s.series);
    if (!series) return null;
    const types: SessionType[] = [];
    let type: SessionType | null = null;
    for (const code of new Set(definition.series.map((x) => x.sessionType))) {
      const t = await this.sessionTypes.findByCode(clinicId, code, manager);
      if (!t) continue;
      types.push(planningType(t));
      if (code === series.sessionType) type = planningType(t);
    }
    if (!type) return null;
    const taken = (
      await this.appointments.holdingOfEnrollment(clinicId, enrollment.id, manager)
    ).filter((a) => a.id !== s.selfId);
    const staffRows = await this.appointments.staffOf(
      taken.map((a) => a.id),
      manager,
    );
    const [staff, rooms] = await Promise.all([
      this.reads.staffOfClinic(clinicId, manager),
      this.reads.roomsOfClinic(clinicId, manager),
    ]);
    const loaded = { from: window.from - DAY_MS, to: window.to + DAY_MS };
    const roles = new Set(type.staff.map((n) => n.role));
    const people = staff.filter((p) => p.roles.some((r) => roles.has(r)));
    const resourceIds = [
      enrollment.patientId,
      ...(type.room ? rooms.map((r) => r.id) : []),
      ...people.map((p) => p.id),
    ];
    const holds = await this.reads.holds(resourceIds, loaded.from, loaded.to, s.selfId, manager);
    const limited = people.filter((p) => p.limits).map((p) => p.id);
    const days = await this.reads.staffDays(
      clinicId,
      limited,
      new Date(loaded.from),
      new Date(loaded.to),
      s.selfId,
      manager,
    );
    const staffDays = new Map<string, Map<string, DayAssignment[]>>();
    for (const d of days) {
      const date = DateTime.fromJSDate(d.sessionStart, { zone: clinic.timeZone }).toISODate()!;
      const perDay = staffDays.get(d.staffId) ?? new Map<string, DayAssignment[]>();
      staffDays.set(d.staffId, perDay);
      const list = perDay.get(date) ?? [];
      perDay.set(date, list);
      list.push({ appointmentId: d.appointmentId, start: d.start.getTime(), end: d.end.getTime() });
    }
    const booked = bookedSessions(taken, staffRows);
    const counts = effectiveCounts(enrollment.counts, definition);
    const ctx: MoveContext = {
      zone: clinic.timeZone,
      now: this.clock.now().getTime(),
      series: s.series,
      index: s.index,
      definition,
      counts,
      type,
      patientId: enrollment.patientId,
      course: booked.map(({ series, index, start, end }) => ({ series, index, start, end })),
      rules: {
        clinic: {
          timeZone: clinic.timeZone,
          slotMinutes: clinic.slotMinutes,
          closures: clinic.closures,
        },
        protocol: { code: version.protocol!.code, definition },
        enrollment,
        patientLabel: 'the patient',
        sessionTypes: types,
        staff: staff.map((p) => ({
          id: p.id,
          name: p.name,
          roles: p.roles,
          availability: p.availability,
          timeOff: p.timeOff,
          limits: p.limits,
        })),
        rooms: rooms.map((r) => ({
          id: r.id,
          name: r.name,
          features: r.features,
          capacity: r.capacity,
          availability: r.availability,
          timeOff: r.timeOff,
        })),
        booked,
      },
      staff: new Map(
        staff.map((p) => [
          p.id,
          { id: p.id, name: p.name, roles: p.roles, archived: !!p.archivedAt, limits: p.limits },
        ]),
      ),
      rooms: new Map(
        rooms.map((r) => [
          r.id,
          {
            id: r.id,
            name: r.name,
            features: r.features,
            capacity: r.capacity,
            archived: !!r.archivedAt,
          },
        ]),
      ),
      holds,
      loaded,
      staffDays,
    };
    return {
      check: new MoveCheck(ctx),
      names: {
        staff: new Map(staff.map((p) => [p.id, p.name])),
        rooms: new Map(rooms.map((r) => [r.id, r.name])),
      },
    };
  }
}
