/**
 * Derives protocol rules from a planted schedule, each loose enough that the
 * planted schedule satisfies it (bounds bracket the planted values, sometimes
 * exactly: slack 0 makes tight problems).
 */
import type {
  Continuity,
  HourRange,
  Occurrence,
  PatientDay,
  ProtocolRule,
  Series,
  Weekday,
} from '../../../src/domain/planning/format';
import { WEEKDAYS } from '../../../src/domain/planning/format';
import { daysBetween, HOUR_MS, MINUTE_MS, toLocal, weekdayOf } from './local-time';
import type { PlantedSession } from './plant-schedule';
import type { Rng } from './rng';

/** Sessions of each planted patient of a protocol, per series, in time order. */
export type PatientSeries = Map<string, Map<string, PlantedSession[]>>;

const SLACK_HOURS = [0, 0, 0, 1, 2, 6, 24];

/** An hour range containing [lo, hi], with random (often zero) slack, integer bounds, min >= 0. */
export function bracketHours(rng: Rng, lo: number, hi: number, allowOpen = true): HourRange {
  const range: HourRange = {};
  if (!allowOpen || !rng.chance(0.15))
    range.min = Math.max(0, Math.floor(lo - rng.pick(SLACK_HOURS)));
  if (!allowOpen || !rng.chance(0.15)) range.max = Math.ceil(hi + rng.pick(SLACK_HOURS));
  if (range.min === undefined && range.max === undefined) range.max = Math.ceil(hi);
  return range;
}

function allSessions(bySeries: Map<string, PlantedSession[]>): PlantedSession[] {
  return [...bySeries.values()].flat().sort((a, b) => a.start - b.start);
}

export function deriveGapAndDays(rng: Rng, series: Series, patients: PatientSeries): void {
  const lists = [...patients.values()].map((m) => m.get(series.id) ?? []);
  const gaps = lists.flatMap((l) => l.slice(1).map((s, i) => (s.start - l[i].start) / HOUR_MS));
  if (gaps.length > 0 && rng.chance(0.6))
    series.gapHours = bracketHours(rng, Math.min(...gaps), Math.max(...gaps));
  if (rng.chance(0.35)) {
    const used = new Set(lists.flat().map((s) => weekdayOf(s.date)));
    const days = WEEKDAYS.filter((d) => used.has(d) || rng.chance(0.3));
    series.days = days;
  }
}

function pointOf(list: PlantedSession[], occurrence: Occurrence, point: 'start' | 'end'): number {
  const s =
    occurrence === 'first'
      ? list[0]
      : occurrence === 'last'
        ? list[list.length - 1]
        : list[occurrence - 1];
  return point === 'start' ? s.start : s.end;
}

export function deriveOffset(
  rng: Rng,
  seriesIds: string[],
  patients: PatientSeries,
): ProtocolRule | null {
  const from = rng.pick(seriesIds);
  const others = seriesIds.filter((s) => s !== from);
  const to = others.length > 0 ? rng.pick(others) : from;
  const minCount = (id: string) =>
    Math.min(...[...patients.values()].map((m) => m.get(id)!.length));
  const occurrence = (id: string): Occurrence => {
    const r = rng.int(0, 2);
    return r === 0 ? 'first' : r === 1 ? 'last' : rng.int(1, minCount(id));
  };
  let rule = {
    from: {
      series: from,
      occurrence: occurrence(from),
      point: rng.pick(['start', 'end'] as const),
    },
    to: { series: to, occurrence: occurrence(to), point: rng.pick(['start', 'end'] as const) },
  };
  let hours = [...patients.values()].map(
    (m) =>
      (pointOf(m.get(rule.to.series)!, rule.to.occurrence, rule.to.point) -
        pointOf(m.get(rule.from.series)!, rule.from.occurrence, rule.from.point)) /
      HOUR_MS,
  );
  if (hours.every((h) => h <= 0)) {
    rule = { from: rule.to, to: rule.from };
    hours = hours.map((h) => -h);
  }
  if (!hours.every((h) => h >= 0)) return null;
  return {
    type: 'offset',
    ...rule,
    hours: bracketHours(rng, Math.min(...hours), Math.max(...hours)),
  };
}

export function deriveFollowUp(
  rng: Rng,
  seriesIds: string[],
  patients: PatientSeries,
): ProtocolRule | null {
  if (seriesIds.length < 2) return null;
  const anchor = rng.pick(seriesIds);
  const rest = seriesIds.filter((s) => s !== anchor);
  let targets = rng.subset(rest, 0.5);
  if (targets.length === 0) targets = [rng.pick(rest)];
  const diffs: number[] = [];
  let allSameDay = true;
  for (const bySeries of patients.values()) {
    const pool = targets.flatMap((t) => bySeries.get(t) ?? []).sort((a, b) => a.start - b.start);
    const used = new Set<PlantedSession>();
    for (const a of bySeries.get(anchor) ?? []) {
      const match = pool.find((t) => !used.has(t) && t.start >= a.end);
      if (!match) return null;
      used.add(match);
      diffs.push((match.start - a.end) / HOUR_MS);
      if (match.date !== a.date) allSameDay = false;
    }
  }
  const rule: ProtocolRule = {
    type: 'followUp',
    anchor,
    targets,
    hours: bracketHours(rng, Math.min(...diffs), Math.max(...diffs), false),
  };
  if (allSameDay && rng.chance(0.6)) rule.sameDay = true;
  else if (rng.chance(0.5)) rule.sameDay = false;
  return rule;
}

export function deriveNotSameDay(
  rng: Rng,
  seriesIds: string[],
  patients: PatientSeries,
): ProtocolRule | null {
  const pairs: [string, string][] = [];
  for (let i = 0; i < seriesIds.length; i++) {
    for (let j = i + 1; j < seriesIds.length; j++) {
      const clash = [...patients.values()].some((m) => {
        const da = new Set((m.get(seriesIds[i]) ?? []).map((s) => s.date));
        return (m.get(seriesIds[j]) ?? []).some((s) => da.has(s.date));
      });
      if (!clash) pairs.push([seriesIds[i], seriesIds[j]]);
    }
  }
  return pairs.length > 0 ? { type: 'notSameDay', series: rng.pick(pairs) } : null;
}

export function deriveSpanDays(rng: Rng, patients: PatientSeries): { min?: number; max?: number } {
  const spans = [...patients.values()].map((m) => {
    const all = allSessions(m);
    return daysBetween(all[0].date, all[all.length - 1].date) + 1;
  });
  const out: { min?: number; max?: number } = {};
  if (rng.chance(0.7)) out.min = Math.max(1, Math.min(...spans) - rng.pick([0, 0, 1, 3]));
  if (!out.min || rng.chance(0.7)) out.max = Math.max(...spans) + rng.pick([0, 0, 1, 3]);
  return out;
}

export function derivePatientDay(rng: Rng, zone: string, patients: PatientSeries): PatientDay {
  const sessions = [...patients.values()].map(allSessions);
  const flat = sessions.flat();
  const starts = flat.map((s) => s.startMinutes);
  const ends = flat.map((s) => toLocal(zone, s.end).minutes);
  const day: PatientDay = {
    start: fmt(Math.max(0, floor15(Math.min(...starts) - rng.pick([0, 0, 15, 60])))),
    end: fmt(Math.min(23 * 60 + 45, ceil15(Math.max(...ends) + rng.pick([0, 0, 15, 60])))),
  };
  const perDay = sessions.flatMap((list) => {
    const byDate = new Map<string, PlantedSession[]>();
    for (const s of list) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    return [...byDate.values()];
  });
  if (rng.chance(0.5))
    day.maxSessions = Math.max(...perDay.map((l) => l.length)) + rng.pick([0, 0, 1]);
  if (rng.chance(0.4)) {
    const minutes = perDay.map((l) => l.reduce((n, s) => n + (s.end - s.start) / MINUTE_MS, 0));
    day.maxMinutes = Math.max(...minutes) + rng.pick([0, 0, 30]);
  }
  const breaks = sessions.flatMap((l) =>
    l.slice(1).map((s, i) => (s.start - l[i].end) / MINUTE_MS),
  );
  if (rng.chance(0.5)) {
    const least = breaks.length > 0 ? Math.min(...breaks, 120) : 60;
    day.minBreakMinutes = Math.max(0, floor15(least) - rng.pick([0, 0, 15]));
  }
  return day;
}

export function deriveRestDays(rng: Rng, patients: PatientSeries): Weekday[] | null {
  const used = new Set(
    [...patients.values()].flatMap((m) => allSessions(m).map((s) => weekdayOf(s.date))),
  );
  const free = WEEKDAYS.filter((d) => !used.has(d) && rng.chance(0.6));
  return free.length > 0 ? free : null;
}

/** require when every patient kept one person in the role across the group, else prefer. */
export function deriveContinuity(
  rng: Rng,
  group: { series: string[]; role: string },
  patients: PatientSeries,
): Continuity {
  const consistent = [...patients.values()].every((m) => {
    const people = new Set(
      group.series
        .flatMap((id) =>
          (m.get(id) ?? []).flatMap((s) => s.staff.filter((a) => a.role === group.role)),
        )
        .map((a) => a.id),
    );
    return people.size <= 1;
  });
  return {
    series: group.series,
    role: group.role,
    mode: consistent && rng.chance(0.7) ? 'require' : 'prefer',
  };
}

const floor15 = (m: number) => Math.floor(m / 15) * 15;
const ceil15 = (m: number) => Math.ceil(m / 15) * 15;
const fmt = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
