/**
 * Compiles a checked Problem into the integer Model the solver works on.
 */
import type { AvailabilityWindow, LocalPeriod, Problem } from '../format';
import { dayNumber, minuteOfDay, parseLocalDateTime } from '../../time/local-date';
import { placeLocal } from '../../time/zone';
import { expandRruleDays } from '../../time/rrule-expand';
import { intersect, normalize, subtract, type IntervalList } from './intervals';
import { buildGrid } from './grid';
import { compileProtocol } from './compile-protocol';
import type {
  ExistingModel,
  Model,
  PatientModel,
  RoomModel,
  SessionTypeModel,
  StaffModel,
} from './types';

/** Calls `mark(i)` for each slot i whose [start + offset, start + offset + length) lies inside `free`. */
function markCovered(
  slotStart: Int32Array,
  free: IntervalList,
  offset: number,
  length: number,
  mark: (i: number) => void,
): void {
  let j = 0;
  for (let i = 0; i < slotStart.length; i++) {
    const s = slotStart[i] + offset;
    while (j < free.length && free[j + 1] <= s) j += 2;
    if (j >= free.length) return;
    if (free[j] <= s && s + length <= free[j + 1]) mark(i);
  }
}

export function compileModel(problem: Problem): Model {
  const zone = problem.clinic.timeZone;
  const slotMinutes = problem.clinic.slotMinutes ?? 15;
  const firstDayNumber = dayNumber(problem.horizon.start);
  const numDays = dayNumber(problem.horizon.end) - firstDayNumber + 1;
  const grid = buildGrid(zone, firstDayNumber, numDays, slotMinutes);
  const horizon: IntervalList = [grid.dayStartAt[0], grid.dayStartAt[numDays]];
  const closed = new Array<boolean>(numDays).fill(false);
  for (const c of problem.clinic.closures ?? []) {
    const d = dayNumber(c) - firstDayNumber;
    if (d >= 0 && d < numDays) closed[d] = true;
  }
  const closures = normalize(
    closed.flatMap((c, d) => (c ? [[grid.dayStartAt[d], grid.dayStartAt[d + 1]]] : [])) as Array<
      [number, number]
    >,
  );
  const lastDayNumber = firstDayNumber + numDays - 1;

  const placeDateTime = (v: string): number => {
    const { day, minute } = parseLocalDateTime(v);
    return placeLocal(zone, day, minute);
  };
  const periods = (list: LocalPeriod[] | undefined): IntervalList =>
    normalize((list ?? []).map((p) => [placeDateTime(p.start), placeDateTime(p.end)]));
  const windows = (list: AvailabilityWindow[]): IntervalList => {
    const pairs: Array<[number, number]> = [];
    for (const w of list) {
      const s = minuteOfDay(w.start);
      const e = minuteOfDay(w.end);
      let days: number[];
      if ('date' in w) days = [dayNumber(w.date)];
      else {
        const from = w.from ? dayNumber(w.from) : firstDayNumber;
        const until = Math.min(w.until ? dayNumber(w.until) : lastDayNumber, lastDayNumber);
        days = expandRruleDays(w.rrule, from, until);
      }
      for (const d of days) pairs.push([placeLocal(zone, d, s), placeLocal(zone, d, e)]);
    }
    return normalize(pairs);
  };
  const busyOf = new Map<string, Array<[number, number]>>();
  for (const b of problem.busy ?? []) {
    const list = busyOf.get(b.resource) ?? [];
    list.push([placeDateTime(b.start), placeDateTime(b.end)]);
    busyOf.set(b.resource, list);
  }
  const freeTime = (
    id: string,
    avail: IntervalList,
    timeOff: LocalPeriod[] | undefined,
  ): IntervalList => {
    let free = intersect(avail, horizon);
    free = subtract(free, periods(timeOff));
    free = subtract(free, normalize(busyOf.get(id) ?? []));
    return subtract(free, closures);
  };

  const staff: StaffModel[] = problem.staff.map((s, index) => ({
    index,
    id: s.id,
    roles: new Set(s.roles),
    free: freeTime(s.id, windows(s.availability ?? []), s.timeOff),
    maxSessionsPerDay: s.limits?.maxSessionsPerDay ?? Infinity,
    maxMinutesPerDay: s.limits?.maxMinutesPerDay ?? Infinity,
  }));
  const rooms: RoomModel[] = problem.rooms.map((r, index) => ({
    index,
    id: r.id,
    features: new Set(r.features ?? []),
    capacity: r.capacity ?? 1,
    free: freeTime(r.id, r.availability ? windows(r.availability) : horizon, r.timeOff),
  }));

  const slotCount = grid.slotStart.length;
  const sessionTypes: SessionTypeModel[] = problem.sessionTypes.map((st, index) => {
    const room = st.room
      ? {
          features: st.room.features,
          turnover: st.room.turnoverMinutes ?? 0,
          candidates: rooms
            .filter((r) => st.room!.features.every((f) => r.features.has(f)))
            .map((r) => r.index),
        }
      : null;
    const needs = st.staff.map((n) => ({
      role: n.role,
      count: n.count ?? 1,
      offset: n.offsetMinutes ?? 0,
      duration: n.durationMinutes ?? st.durationMinutes - (n.offsetMinutes ?? 0),
      maxConcurrent: n.maxConcurrent ?? 1,
      present: n.mode === 'present',
      candidates: staff.filter((p) => p.roles.has(n.role)).map((p) => p.index),
    }));
    // Sweeps: per resource, mark the slots whose occupied interval it covers.
    const staticOk = new Uint8Array(slotCount).fill(1);
    if (room) {
      const any = new Uint8Array(slotCount);
      for (const r of room.candidates)
        markCovered(
          grid.slotStart,
          rooms[r].free,
          0,
          st.durationMinutes + room.turnover,
          (i) => (any[i] = 1),
        );
      for (let i = 0; i < slotCount; i++) staticOk[i] &= any[i];
    }
    for (const n of needs) {
      const free = new Uint16Array(slotCount);
      for (const p of n.candidates)
        markCovered(grid.slotStart, staff[p].free, n.offset, n.duration, (i) => free[i]++);
      for (let i = 0; i < slotCount; i++) if (free[i] < n.count) staticOk[i] = 0;
    }
    const group = st.group ? { min: st.group.min, max: st.group.max } : null;
    return { index, id: st.id, duration: st.durationMinutes, room, needs, group, staticOk };
  });
  const stIndex = new Map(sessionTypes.map((s) => [s.id, s.index]));
  const protocols = problem.protocols.map((p, i) => compileProtocol(p, i, stIndex));
  const protoIndex = new Map(protocols.map((p) => [p.id, p.index]));
  const staffIndex = new Map(staff.map((s) => [s.id, s.index]));
  const roomIndex = new Map(rooms.map((r) => [r.id, r.index]));

  const patients: PatientModel[] = problem.patients.map((p, index) => {
    const proto = protocols[protoIndex.get(p.protocol)!];
    // A linked series takes the (resolved) count of the series it names.
    const own = proto.series.map((s) => p.counts?.[s.id] ?? s.defaultCount);
    const counts = proto.series.map((s) => own[s.countSameAs ?? s.index]);
    const first = Math.max(0, p.earliestStart ? dayNumber(p.earliestStart) - firstDayNumber : 0);
    const last = Math.min(
      numDays - 1,
      p.latestEnd ? dayNumber(p.latestEnd) - firstDayNumber : numDays - 1,
    );
    const records: ExistingModel[] = (problem.existing ?? [])
      .filter((e) => e.patient === p.id)
      .map((e) => {
        const series = proto.seriesById.get(e.series)!;
        const st = sessionTypes[proto.series[series].sessionType];
        const byNeed: number[][] = st.needs.map(() => []);
        for (const a of e.staff) {
          const k = st.needs.findIndex((n, j) => n.role === a.role && byNeed[j].length < n.count);
          if (k >= 0 && staffIndex.has(a.id)) byNeed[k].push(staffIndex.get(a.id)!);
        }
        return {
          id: e.id,
          series,
          index: e.index,
          start: placeDateTime(e.start),
          room: e.room ? (roomIndex.get(e.room) ?? -1) : -1,
          staff: byNeed,
          pinned: e.mode === 'pinned',
          mode: e.mode,
          occurrence: e.occurrence ?? null,
        };
      });
    const withMode = (...modes: ExistingModel['mode'][]) =>
      records.filter((e) => modes.includes(e.mode));
    const byStart = (list: ExistingModel[]) => list.sort((a, b) => a.start - b.start);
    return {
      index,
      id: p.id,
      protocol: proto.index,
      counts,
      firstDay: first,
      lastDay: last,
      completionBase: p.earliestStart ? dayNumber(p.earliestStart) - firstDayNumber : 0,
      unavailable: periods(p.unavailable),
      existing: withMode('pinned', 'keepIfPossible'),
      done: byStart(withMode('done')),
      missed: byStart(withMode('missed')),
    };
  });

  return {
    zone,
    now: problem.now !== undefined ? placeDateTime(problem.now) : null,
    slotMinutes,
    firstDayNumber,
    numDays,
    dayStartAt: grid.dayStartAt,
    weekday: grid.weekday,
    closed,
    slotStart: grid.slotStart,
    slotDay: grid.slotDay,
    daySlot: grid.daySlot,
    staff,
    rooms,
    sessionTypes,
    protocols,
    patients,
  };
}
