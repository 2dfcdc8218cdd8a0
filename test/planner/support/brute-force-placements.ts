/**
 * The placements an exhaustive search enumerates for one session: every start
 * on the slot grid inside the patient day, horizon and patient window (off
 * closures, rest days and the series' weekdays), every room with the needed
 * features, every choice of distinct staff per requirement — in first-fit
 * order (earliest start, first room, first staff). Format 1.1 done sessions
 * are not placed: they stand as they are (`doneChoices`).
 */
import type {
  ExistingBooking,
  Patient,
  Problem,
  SessionType,
  StaffAssignment,
} from '../../../src/domain/planning/format';
import {
  dateRange,
  localDateTimeInstant,
  localInstant,
  MINUTE_MS,
  offsetIso,
  parseTime,
  toLocal,
  weekdayOf,
} from '../../factories/planning/local-time';
import { sessionsOf } from '../../factories/planning/series-count';

export interface Slot {
  series: string;
  index: number;
  type: SessionType;
  pinned?: ExistingBooking;
}

export interface Staffed extends StaffAssignment {
  from: number;
  to: number;
  share: number;
}

export interface Choice {
  series: string;
  type: SessionType;
  start: number;
  end: number;
  room: string | null;
  roomEnd: number;
  staff: Staffed[];
  pinnedId?: string;
}

function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((x, i) =>
    combinations(items.slice(i + 1), k - 1).map((rest) => [x, ...rest]),
  );
}

export class Placements {
  private readonly zone: string;

  constructor(private readonly problem: Problem) {
    this.zone = problem.clinic.timeZone;
  }

  /** The sessions to place: a series' count minus its done sessions (format 1.1), which come first. */
  slots(patient: Patient): Slot[] {
    const protocol = this.problem.protocols.find((p) => p.id === patient.protocol)!;
    return protocol.series.flatMap((series) => {
      const done = this.done(patient).filter((e) => e.series === series.id).length;
      const n = sessionsOf(protocol, series, patient.counts) - done;
      const type = this.problem.sessionTypes.find((t) => t.id === series.sessionType)!;
      return Array.from({ length: Math.max(0, n) }, (_, i) => ({
        series: series.id,
        index: done + i + 1,
        type,
        pinned: (this.problem.existing ?? []).find(
          (e) =>
            e.mode === 'pinned' &&
            e.patient === patient.id &&
            e.series === series.id &&
            e.index === done + i + 1,
        ),
      }));
    });
  }

  /** The patient's done sessions (format 1.1). */
  done(patient: Patient): ExistingBooking[] {
    return (this.problem.existing ?? []).filter(
      (e) => e.mode === 'done' && e.patient === patient.id,
    );
  }

  /** The patient's done sessions as placements (unchanged, carrying their ids). */
  doneChoices(patient: Patient): Choice[] {
    const protocol = this.problem.protocols.find((p) => p.id === patient.protocol)!;
    return this.done(patient).map((e) => {
      const series = protocol.series.find((s) => s.id === e.series)!;
      const type = this.problem.sessionTypes.find((t) => t.id === series.sessionType)!;
      return this.fromBooking({ series: e.series, index: e.index, type }, e);
    });
  }

  /**
   * Distinct people per requirement; an occupied requirement takes nobody who
   * holds another occupied one, a presence requirement (format 1.1) anyone
   * on the staff but those present in the same role and interval.
   */
  private staffOptions(type: SessionType, start: number, end: number): Staffed[][] {
    let partial: Staffed[][] = [[]];
    for (const req of type.staff) {
      const from = start + (req.offsetMinutes ?? 0) * MINUTE_MS;
      const to = req.durationMinutes === undefined ? end : from + req.durationMinutes * MINUTE_MS;
      const present = req.mode === 'present';
      const holders = this.problem.staff.filter((p) => p.roles.includes(req.role)).map((p) => p.id);
      const excludes = (c: Staffed) =>
        present
          ? c.mode === 'present' && c.role === req.role && c.from === from && c.to === to
          : c.mode === undefined;
      partial = partial.flatMap((chosen) =>
        combinations(
          holders.filter((h) => !chosen.some((c) => c.id === h && excludes(c))),
          req.count ?? 1,
        ).map((people) => [
          ...chosen,
          ...people.map((id) => ({
            id,
            role: req.role,
            start: offsetIso(this.zone, from),
            end: offsetIso(this.zone, to),
            from,
            to,
            share: req.maxConcurrent ?? 1,
            ...(present && { mode: 'present' as const }),
          })),
        ]),
      );
    }
    return partial;
  }

  fromBooking(slot: Slot, booking: ExistingBooking): Choice {
    const start = localDateTimeInstant(this.zone, booking.start);
    const end = start + slot.type.durationMinutes * MINUTE_MS;
    const open = slot.type.staff.map((r) => ({ r, left: r.count ?? 1 }));
    const staff = booking.staff.map((entry) => {
      const o = open.find((x) => x.r.role === entry.role && x.left > 0)!;
      o.left--;
      const from = start + (o.r.offsetMinutes ?? 0) * MINUTE_MS;
      const to = o.r.durationMinutes === undefined ? end : from + o.r.durationMinutes * MINUTE_MS;
      const share = o.r.maxConcurrent ?? 1;
      return {
        id: entry.id,
        role: entry.role,
        start: offsetIso(this.zone, from),
        end: offsetIso(this.zone, to),
        from,
        to,
        share,
        ...(o.r.mode === 'present' && { mode: 'present' as const }),
      };
    });
    const roomEnd = end + (slot.type.room?.turnoverMinutes ?? 0) * MINUTE_MS;
    return {
      series: slot.series,
      type: slot.type,
      start,
      end,
      room: booking.room ?? null,
      roomEnd,
      staff,
      pinnedId: booking.id,
    };
  }

  /** Every grid placement of one session for a patient, in first-fit order. */
  gridPlacements(patient: Patient, slot: Slot): Choice[] {
    const p = this.problem;
    const protocol = p.protocols.find((x) => x.id === patient.protocol)!;
    const series = protocol.series.find((s) => s.id === slot.series)!;
    const day = protocol.patientDay ?? {};
    const dayStart = parseTime(day.start ?? '00:00');
    const dayEnd = day.end ? parseTime(day.end) : 24 * 60;
    const step = p.clinic.slotMinutes ?? 15;
    const first = [p.horizon.start, patient.earliestStart ?? p.horizon.start].sort()[1];
    const last = [p.horizon.end, patient.latestEnd ?? p.horizon.end].sort()[0];
    const rooms = slot.type.room
      ? p.rooms
          .filter((r) => slot.type.room!.features.every((f) => (r.features ?? []).includes(f)))
          .map((r) => r.id)
      : [null];
    const out: Choice[] = [];
    for (const date of first <= last ? dateRange(first, last) : []) {
      const weekday = weekdayOf(date);
      if ((p.clinic.closures ?? []).includes(date) || (protocol.restDays ?? []).includes(weekday))
        continue;
      if (series.days && !series.days.includes(weekday)) continue;
      for (let m = Math.ceil(dayStart / step) * step; m < dayEnd; m += step) {
        const start = localInstant(this.zone, date, m);
        const end = start + slot.type.durationMinutes * MINUTE_MS;
        const s = toLocal(this.zone, start);
        const e = toLocal(this.zone, end);
        if (s.date !== date || s.minutes !== m) continue; // not an existing wall-clock time
        if (e.date !== date && !(e.minutes === 0 && dayEnd === 24 * 60)) continue;
        if (e.date === date && e.minutes > dayEnd) continue;
        const roomEnd = end + (slot.type.room?.turnoverMinutes ?? 0) * MINUTE_MS;
        for (const room of rooms) {
          for (const staff of this.staffOptions(slot.type, start, end)) {
            out.push({ series: slot.series, type: slot.type, start, end, room, roomEnd, staff });
          }
        }
      }
    }
    return out;
  }
}

export function sameAsBooking(booking: Choice, c: Choice): boolean {
  const key = (x: Choice) =>
    x.staff
      .map((s) => `${s.id}/${s.role}/${s.mode ?? ''}`)
      .sort()
      .join(',');
  return booking.start === c.start && booking.room === c.room && key(booking) === key(c);
}

/** Certainly invalid together: a capacity-1 room or an exclusive person used twice at once (presence occupies nobody). */
export function clash(a: Choice, b: Choice): boolean {
  return a.staff.some((x) =>
    b.staff.some(
      (y) =>
        x.id === y.id &&
        x.mode === undefined &&
        y.mode === undefined &&
        (x.share <= 1 || y.share <= 1) &&
        x.from < y.to &&
        y.from < x.to,
    ),
  );
}
