/**
 * The planted generator: first a concrete valid schedule is planted (sessions
 * at local wall-clock times with rooms and staff), then a problem is derived
 * around it — availability covering the planted sessions, rules loose enough
 * that the planted schedule satisfies them — so a complete solution is known
 * to exist: the planted `solution`.
 */
import type {
  Appointment,
  ExistingBooking,
  Patient,
  Problem,
  Protocol,
  Room,
  Series,
  SessionType,
  Solution,
  StaffMember,
  StaffRequirement,
} from '../../../src/domain/planning/format';
import {
  deriveAvailability,
  deriveBusy,
  deriveLimits,
  deriveTimeOff,
  freePeriod,
  type Interval,
} from './derive-resources';
import {
  deriveContinuity,
  deriveFollowUp,
  deriveGapAndDays,
  deriveNotSameDay,
  deriveOffset,
  derivePatientDay,
  deriveRestDays,
  deriveSpanDays,
  type PatientSeries,
} from './derive-rules';
import { addDays, dateRange, daysBetween, localDateTime, offsetIso } from './local-time';
import { Occupancy, type PlantedSession } from './plant-schedule';
import type { ProblemSpec } from './problem-spec';
import { Rng } from './rng';
import { ZONE_CASES } from './zones';

export interface PlantedProblem {
  problem: Problem;
  /** A complete solution known to satisfy every hard rule of `problem`. */
  solution: Solution;
}

const ROLES = ['prescriber', 'rn', 'therapist'];
const FEATURES = ['infusion', 'quiet', 'monitoring'];
const SERIES_NAMES = ['dose', 'emdr', 'integration'];

export function buildPlantedProblem(spec: ProblemSpec): PlantedProblem {
  for (let attempt = 0; attempt < 50; attempt++) {
    const built = tryBuild(spec, new Rng(spec.seed + attempt * 7919));
    if (built) return built;
  }
  throw new Error(`could not plant any patient for spec ${JSON.stringify(spec)}`);
}

function makeStaff(rng: Rng, spec: ProblemSpec, roles: string[]): StaffMember[] {
  const staff: StaffMember[] = [];
  for (const role of roles) {
    const n = rng.int(1, 2);
    for (let k = 1; k <= n; k++) {
      const extra = roles.filter((r) => r !== role && !spec.tiny && rng.chance(0.15));
      staff.push({ id: `${role}-${k}`, roles: [role, ...extra] });
    }
  }
  return staff;
}

function makeSessionType(
  rng: Rng,
  spec: ProblemSpec,
  id: string,
  roles: string[],
  rooms: Room[],
  staff: StaffMember[],
) {
  const durationMinutes = spec.tiny ? rng.pick([60, 60, 120]) : rng.pick([30, 45, 60, 90, 120]);
  const type: SessionType = { id, durationMinutes, room: null, staff: [] };
  if (rng.chance(0.75)) {
    type.room = { features: [rng.pick(rng.pick(rooms).features!)] };
    const turnover = rng.pick(spec.tiny ? [0, 0, 15] : [0, 0, 15, 30]);
    if (turnover > 0 || rng.chance(0.3)) type.room.turnoverMinutes = turnover;
  }
  const reqRoles = rng
    .shuffle(roles)
    .slice(0, spec.tiny ? 1 : rng.int(1, Math.min(2, roles.length)));
  for (const role of reqRoles) {
    const req: StaffRequirement = { role };
    const holders = staff.filter((p) => p.roles.includes(role)).length;
    if (!spec.tiny && holders >= 2 && rng.chance(0.12)) req.count = 2;
    else if (rng.chance(0.3)) req.count = 1;
    if (rng.chance(0.3) && durationMinutes > 30) {
      req.offsetMinutes = rng.int(0, durationMinutes / 15 - 2) * 15;
      req.durationMinutes = rng.int(1, (durationMinutes - req.offsetMinutes) / 15) * 15;
    }
    if (rng.chance(0.2)) req.maxConcurrent = rng.int(2, 3);
    type.staff.push(req);
  }
  return type;
}

function tryBuild(spec: ProblemSpec, rng: Rng): PlantedProblem | null {
  const { zone, dstDates } = ZONE_CASES[spec.zoneIndex % ZONE_CASES.length];
  const dst = dstDates[spec.dstIndex % dstDates.length];
  const horizonStart = addDays(dst, -Math.min(spec.lead, spec.days - 1));
  const horizonEnd = addDays(horizonStart, spec.days - 1);
  const dates = dateRange(horizonStart, horizonEnd);
  const slot = spec.slotMinutes;
  const dayStart = spec.tiny ? 9 * 60 : rng.pick([7, 8, 9]) * 60;
  const dayEnd = spec.tiny ? dayStart + rng.pick([3, 4]) * 60 : rng.pick([17, 18, 19, 20]) * 60;

  const roles = ROLES.slice(0, spec.roles);
  const staff = makeStaff(rng, spec, roles);
  const rooms: Room[] = [];
  for (let k = 1; k <= spec.rooms; k++) {
    let features = rng.subset(FEATURES, 0.5);
    if (features.length === 0) features = [rng.pick(FEATURES)];
    const room: Room = { id: `room-${k}`, features };
    if (rng.chance(0.25)) room.capacity = 2;
    else if (rng.chance(0.3)) room.capacity = 1;
    rooms.push(room);
  }
  const typeCount = rng.int(1, spec.series);
  const sessionTypes = Array.from({ length: typeCount }, (_, k) =>
    makeSessionType(rng, spec, `type-${k + 1}`, roles, rooms, staff),
  );

  const protocolCount = spec.patients >= 2 && rng.chance(0.3) ? 2 : 1;
  const protocols: Protocol[] = Array.from({ length: protocolCount }, (_, k) => ({
    id: `protocol-${k + 1}`,
    series: SERIES_NAMES.slice(0, rng.int(1, spec.series)).map((id): Series => ({
      id,
      sessionType: rng.pick(sessionTypes).id,
      count: { min: 1, max: 1 },
    })),
  }));
  const typeOf = (id: string) => sessionTypes.find((t) => t.id === id)!;

  // Continuity groups: a role every group series' session type needs exactly once.
  const groups = new Map<string, { series: string[]; role: string }>();
  for (const protocol of protocols) {
    if (!rng.chance(0.5)) continue;
    const role = rng.pick(roles);
    const eligible = protocol.series.filter((s) => {
      const needs = typeOf(s.sessionType).staff.filter((r) => r.role === role);
      return needs.length === 1 && (needs[0].count ?? 1) === 1;
    });
    const chosen = rng.subset(eligible, 0.7);
    if (chosen.length > 0) groups.set(protocol.id, { series: chosen.map((s) => s.id), role });
  }

  // Plant each patient's sessions.
  const occupancy = new Occupancy(zone, slot, staff, rooms);
  const minBreakMinutes = spec.tiny ? 0 : rng.pick([0, 0, 15, 30]);
  const planted: { patient: Patient; counts: Map<string, number> }[] = [];
  for (let k = 1; k <= spec.patients; k++) {
    const protocol = rng.pick(protocols);
    const id = `p-${k}`;
    const counts = new Map(
      protocol.series.map((s) => [s.id, rng.int(1, spec.maxSessionsPerSeries)]),
    );
    const first = rng.int(0, Math.floor((dates.length - 1) / 2));
    const preferred = new Map<string, string>();
    const strictRoles = new Set<string>();
    const group = groups.get(protocol.id);
    if (group) {
      const people = staff.filter((p) => p.roles.includes(group.role));
      preferred.set(group.role, rng.pick(people).id);
      if (rng.chance(0.5)) strictRoles.add(group.role);
    }
    const ok = occupancy.plantPatient(rng, {
      patient: id,
      sessions: rng.shuffle(
        protocol.series.flatMap((s) =>
          Array.from({ length: counts.get(s.id)! }, () => ({
            series: s.id,
            sessionType: typeOf(s.sessionType),
          })),
        ),
      ),
      dates: dates.slice(first),
      dayStart,
      dayEnd,
      minBreakMinutes,
      preferred,
      strictRoles,
    });
    if (ok) planted.push({ patient: { id, protocol: protocol.id }, counts });
  }
  if (planted.length === 0) return null;

  const sessionsOf = (patient: string, series: string) =>
    occupancy.sessions
      .filter((s) => s.patient === patient && s.series === series)
      .sort((a, b) => a.start - b.start);

  // Protocol rules, derived from the planted sessions of the protocol's patients.
  for (const protocol of protocols) {
    const members = planted.filter((p) => p.patient.protocol === protocol.id);
    if (members.length === 0) continue;
    const bySeries: PatientSeries = new Map(
      members.map((m) => [
        m.patient.id,
        new Map(protocol.series.map((s) => [s.id, sessionsOf(m.patient.id, s.id)])),
      ]),
    );
    const ids = protocol.series.map((s) => s.id);
    for (const series of protocol.series) {
      const ns = members.map((m) => m.counts.get(series.id)!);
      const min = Math.max(1, Math.min(...ns) - (rng.chance(0.3) ? 1 : 0));
      const max = Math.max(...ns) + rng.pick([0, 0, 1]);
      series.count = { min, max };
      if (rng.chance(0.5)) series.count.default = rng.int(min, max);
      for (const m of members) {
        const n = m.counts.get(series.id)!;
        if (n !== (series.count.default ?? min) || rng.chance(0.3)) {
          m.patient.counts = { ...(m.patient.counts ?? {}), [series.id]: n };
        }
      }
      deriveGapAndDays(rng, series, bySeries);
    }
    const rules = [
      rng.chance(0.4) ? deriveOffset(rng, ids, bySeries) : null,
      rng.chance(0.5) ? deriveFollowUp(rng, ids, bySeries) : null,
      rng.chance(0.3) ? deriveNotSameDay(rng, ids, bySeries) : null,
    ].filter((r) => r !== null);
    if (rules.length > 0) protocol.rules = rules;
    if (rng.chance(0.4)) protocol.spanDays = deriveSpanDays(rng, bySeries);
    if (spec.tiny || rng.chance(0.85)) protocol.patientDay = derivePatientDay(rng, zone, bySeries);
    if (rng.chance(0.4)) {
      const rest = deriveRestDays(rng, bySeries);
      if (rest) protocol.restDays = rest;
    }
    const group = groups.get(protocol.id);
    if (group) protocol.continuity = [deriveContinuity(rng, group, bySeries)];
  }

  // Patients' own windows.
  for (const { patient } of planted) {
    const own = occupancy.patientSessions(patient.id);
    const firstDate = own.map((s) => s.date).sort()[0];
    const lastDate = own.map((s) => s.date).sort()[own.length - 1];
    if (rng.chance(0.6))
      patient.earliestStart = addDays(firstDate, -rng.int(0, daysBetween(horizonStart, firstDate)));
    if (rng.chance(0.6))
      patient.latestEnd = addDays(lastDate, rng.int(0, daysBetween(lastDate, horizonEnd)));
    if (rng.chance(0.4)) {
      const p = freePeriod(rng, zone, dates, own);
      if (p) patient.unavailable = [p];
    }
  }

  // Resources around the planted occupancy.
  const personIntervals = (id: string): Interval[] => occupancy.personIntervals(id);
  const roomIntervals = (id: string): Interval[] => occupancy.roomIntervals(id);
  for (const person of staff) {
    person.availability = deriveAvailability(rng, zone, dates, personIntervals(person.id));
    const timeOff = deriveTimeOff(rng, zone, dates, personIntervals(person.id));
    if (timeOff.length > 0) person.timeOff = timeOff;
    const limits = deriveLimits(rng, zone, personIntervals(person.id));
    if (limits) person.limits = limits;
  }
  for (const room of rooms) {
    if (rng.chance(0.5))
      room.availability = deriveAvailability(rng, zone, dates, roomIntervals(room.id));
    const timeOff = deriveTimeOff(rng, zone, dates, roomIntervals(room.id));
    if (timeOff.length > 0) room.timeOff = timeOff;
  }
  const busy = deriveBusy(rng, zone, dates, [
    ...staff.map((p) => ({ id: p.id, intervals: personIntervals(p.id) })),
    ...rooms.map((r) => ({ id: r.id, intervals: roomIntervals(r.id) })),
  ]);
  const usedDates = new Set(occupancy.sessions.map((s) => s.date));
  const closures = dates.filter((d) => !usedDates.has(d) && rng.chance(0.25)).slice(0, 2);

  // Appointments (indexed in time order) and existing bookings taken from them.
  const appointments: Appointment[] = [];
  const existing: ExistingBooking[] = [];
  for (const { patient } of planted) {
    const protocol = protocols.find((p) => p.id === patient.protocol)!;
    for (const series of protocol.series) {
      sessionsOf(patient.id, series.id).forEach((s, i) => {
        const index = i + 1;
        let id = `${patient.id}-${series.id}-${index}`;
        if (spec.existing && rng.chance(0.25)) {
          id = `booking-${existing.length + 1}`;
          existing.push(toExisting(s, id, index, rng.chance(0.5) ? 'pinned' : 'keepIfPossible'));
        }
        appointments.push(toAppointment(zone, s, id, index));
      });
    }
  }
  appointments.sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));

  const problem: Problem = {
    formatVersion: 1,
    clinic: { timeZone: zone, slotMinutes: slot, ...(closures.length > 0 ? { closures } : {}) },
    horizon: { start: horizonStart, end: horizonEnd },
    staff,
    rooms,
    sessionTypes,
    protocols: protocols.filter((p) => planted.some((m) => m.patient.protocol === p.id)),
    patients: planted.map((p) => p.patient),
  };
  if (existing.length > 0) problem.existing = existing;
  if (busy.length > 0) problem.busy = busy;

  const solution: Solution = {
    formatVersion: 1,
    status: 'complete',
    appointments,
    unscheduled: [],
    score: {
      scheduledPatients: planted.length,
      movedAppointments: 0,
      continuityBreaks: continuityBreaks(problem, occupancy.sessions),
      completionDays: planted.reduce((sum, { patient }) => {
        const last = occupancy
          .patientSessions(patient.id)
          .map((s) => s.date)
          .sort()
          .pop()!;
        return sum + daysBetween(patient.earliestStart ?? horizonStart, last);
      }, 0),
    },
    stats: { elapsedMs: 0, proof: 'feasible' },
  };
  return { problem, solution };
}

function continuityBreaks(problem: Problem, sessions: PlantedSession[]): number {
  let breaks = 0;
  for (const patient of problem.patients) {
    const protocol = problem.protocols.find((p) => p.id === patient.protocol)!;
    for (const c of protocol.continuity ?? []) {
      if (c.mode !== 'prefer') continue;
      const people = new Set(
        sessions
          .filter((s) => s.patient === patient.id && c.series.includes(s.series))
          .flatMap((s) => s.staff.filter((a) => a.role === c.role).map((a) => a.id)),
      );
      breaks += Math.max(0, people.size - 1);
    }
  }
  return breaks;
}

function toAppointment(zone: string, s: PlantedSession, id: string, index: number): Appointment {
  return {
    id,
    patient: s.patient,
    series: s.series,
    index,
    sessionType: s.sessionType.id,
    start: offsetIso(zone, s.start),
    end: offsetIso(zone, s.end),
    room: s.room,
    staff: s.staff.map((a) => ({
      id: a.id,
      role: a.role,
      start: offsetIso(zone, a.start),
      end: offsetIso(zone, a.end),
    })),
  };
}

function toExisting(
  s: PlantedSession,
  id: string,
  index: number,
  mode: ExistingBooking['mode'],
): ExistingBooking {
  return {
    id,
    patient: s.patient,
    series: s.series,
    index,
    start: localDateTime(s.date, s.startMinutes),
    room: s.room,
    staff: s.staff.map((a) => ({ id: a.id, role: a.role })),
    mode,
  };
}
