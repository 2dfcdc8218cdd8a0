/**
 * The problem indexed for the naive booker: resources with their free time as
 * instants, roles, session types, protocols. Built once per run.
 */
import type {
  CountRange,
  Patient,
  Problem,
  Protocol,
  Series,
  SessionType,
  StaffLimits,
  Weekday,
} from '../format';
import { isLinkedCount } from '../format';
import {
  ClinicTime,
  mergeSpans,
  parseLocalTime,
  Span,
  subtractSpans,
  weekdayOf,
} from './clinic-time';
import { DayLoad, Timeline } from './occupancy';

export interface StaffRes {
  id: string;
  roles: Set<string>;
  free: Span[];
  limits: StaffLimits;
  timeline: Timeline;
  load: DayLoad;
}

export interface RoomRes {
  id: string;
  features: Set<string>;
  capacity: number;
  free: Span[];
  timeline: Timeline;
}

export interface PatientModel {
  patient: Patient;
  protocol: Protocol;
  counts: Map<string, number>;
  series: Map<string, Series>;
  firstDay: number;
  lastDay: number;
  unavailable: Span[];
  dayStartMin: number;
  dayEndMin: number;
}

export interface Model {
  problem: Problem;
  time: ClinicTime;
  slot: number;
  closed: Set<number>;
  weekday: Weekday[];
  staff: StaffRes[];
  staffByRole: Map<string, StaffRes[]>;
  rooms: RoomRes[];
  /** Per session type id: the rooms with its features, in input order (the first fit's order). */
  roomsForType: Map<string, RoomRes[]>;
  staffById: Map<string, StaffRes>;
  roomById: Map<string, RoomRes>;
  types: Map<string, SessionType>;
}

export function buildModel(problem: Problem): Model {
  const time = new ClinicTime(problem.clinic.timeZone, problem.horizon.start, problem.horizon.end);
  const closed = new Set<number>();
  const closureSpans: Span[] = [];
  for (const c of problem.clinic.closures ?? []) {
    const i = time.indexOf(c);
    closed.add(i);
    closureSpans.push({ s: time.at(c, 0), e: time.at(c, 1440) });
  }
  const busyOf = (id: string): Span[] =>
    (problem.busy ?? [])
      .filter((b) => b.resource === id)
      .map((b) => time.period({ start: b.start, end: b.end }));
  const horizonSpan: Span = { s: time.midnights[0], e: time.midnights[time.midnights.length - 1] };

  const staff: StaffRes[] = problem.staff.map((m) => ({
    id: m.id,
    roles: new Set(m.roles),
    free: subtractSpans(time.windows(m.availability ?? []), [
      ...(m.timeOff ?? []).map((p) => time.period(p)),
      ...busyOf(m.id),
      ...closureSpans,
    ]),
    limits: m.limits ?? {},
    timeline: new Timeline(),
    load: new DayLoad(),
  }));
  const staffByRole = new Map<string, StaffRes[]>();
  for (const s of staff)
    for (const r of s.roles) {
      if (!staffByRole.has(r)) staffByRole.set(r, []);
      (staffByRole.get(r) as StaffRes[]).push(s);
    }

  const rooms: RoomRes[] = problem.rooms.map((r) => ({
    id: r.id,
    features: new Set(r.features ?? []),
    capacity: r.capacity ?? 1,
    free: subtractSpans(r.availability ? time.windows(r.availability) : [horizonSpan], [
      ...(r.timeOff ?? []).map((p) => time.period(p)),
      ...busyOf(r.id),
      ...closureSpans,
    ]),
    timeline: new Timeline(),
  }));

  return {
    problem,
    time,
    slot: problem.clinic.slotMinutes ?? 15,
    closed,
    weekday: time.dates.map(weekdayOf),
    staff,
    staffByRole,
    rooms,
    roomsForType: new Map(
      problem.sessionTypes.map((t) => [
        t.id,
        t.room ? rooms.filter((r) => t.room!.features.every((f) => r.features.has(f))) : [],
      ]),
    ),
    staffById: new Map(staff.map((x) => [x.id, x])),
    roomById: new Map(rooms.map((x) => [x.id, x])),
    types: new Map(problem.sessionTypes.map((t) => [t.id, t])),
  };
}

export function patientModel(model: Model, patient: Patient): PatientModel {
  const protocol = model.problem.protocols.find((p) => p.id === patient.protocol);
  if (!protocol) throw new Error(`patient ${patient.id}: unknown protocol ${patient.protocol}`);
  const counts = new Map<string, number>();
  for (const s of protocol.series) {
    // A linked count (format 1.1 `{ sameAs }`) takes the count of the series it names.
    const link = isLinkedCount(s.count) ? s.count.sameAs : undefined;
    const own = link === undefined ? s : protocol.series.find((x) => x.id === link)!;
    const range = own.count as CountRange;
    counts.set(s.id, patient.counts?.[own.id] ?? range.default ?? range.min);
  }
  const t = model.time;
  const day = protocol.patientDay ?? {};
  return {
    patient,
    protocol,
    counts,
    series: new Map(protocol.series.map((s) => [s.id, s])),
    firstDay: Math.max(0, patient.earliestStart ? t.indexOf(patient.earliestStart) : 0),
    lastDay: Math.min(
      t.dayCount - 1,
      patient.latestEnd ? t.indexOf(patient.latestEnd) : t.dayCount - 1,
    ),
    unavailable: mergeSpans((patient.unavailable ?? []).map((p) => t.period(p))),
    dayStartMin: day.start ? parseLocalTime(day.start) : 0,
    dayEndMin: day.end ? parseLocalTime(day.end) : 1440,
  };
}
