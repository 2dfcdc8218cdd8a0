/**
 * Shared lookups for the protocol checks: series and session types by id,
 * the patient-day window, effective weekdays and count helpers.
 */
import type {
  CountRange,
  HourRange,
  Protocol,
  Series,
  SessionType,
  Weekday,
} from '../../planning/format';
import { WEEKDAYS } from '../../planning/format';
import { isLocalTime, localTimeToMinutes, minutesToLocalTime } from '../../time/local-values';
import type { ProtocolCatalog, ProtocolFinding } from '../protocol-finding';
import { weekdayIndex } from '../day-sequence';

export interface SeriesEntry {
  series: Series;
  index: number;
  sessionType: SessionType | undefined;
  /**
   * The series' count range: its own, or for a linked count (format 1.1
   * `{ sameAs }`) that of the series it names; undefined when the link is
   * broken (reported by the structure check) or the count is missing.
   */
  count: CountRange | undefined;
  /** Index of the series whose `count` holds that range (itself unless linked). */
  countOwner: number;
}

export interface PatientDayWindow {
  startMinutes: number;
  endMinutes: number;
  maxSessions: number;
  maxMinutes: number;
  minBreakMinutes: number;
}

export interface CheckContext {
  protocol: Protocol;
  catalog: ProtocolCatalog;
  series: SeriesEntry[];
  /** First series with each id (duplicates are reported separately). */
  seriesById: Map<string, SeriesEntry>;
  sessionTypeById: Map<string, SessionType>;
  restDays: Set<number>;
  day: PatientDayWindow;
  findings: ProtocolFinding[];
}

export function buildContext(protocol: Protocol, catalog: ProtocolCatalog): CheckContext {
  const sessionTypeById = new Map<string, SessionType>();
  for (const st of catalog.sessionTypes ?? []) {
    if (!sessionTypeById.has(st.id)) sessionTypeById.set(st.id, st);
  }
  const list = protocol.series ?? [];
  const series: SeriesEntry[] = list.map((s, index) => {
    const link = linkOf(s);
    const countOwner = link === undefined ? index : list.findIndex((x) => x.id === link);
    const owner = list[countOwner];
    const count = owner && linkOf(owner) === undefined ? (owner.count as CountRange) : undefined;
    return {
      series: s,
      index,
      sessionType: sessionTypeById.get(s.sessionType),
      count: countOwner === index || countOwner >= 0 ? count : undefined,
      countOwner: countOwner >= 0 ? countOwner : index,
    };
  });
  const seriesById = new Map<string, SeriesEntry>();
  for (const entry of series) {
    if (!seriesById.has(entry.series.id)) seriesById.set(entry.series.id, entry);
  }
  const pd = protocol.patientDay ?? {};
  const day: PatientDayWindow = {
    startMinutes: isLocalTime(pd.start) ? localTimeToMinutes(pd.start) : 0,
    endMinutes: isLocalTime(pd.end) ? localTimeToMinutes(pd.end) : 1440,
    maxSessions: pd.maxSessions ?? Infinity,
    maxMinutes: pd.maxMinutes ?? Infinity,
    minBreakMinutes: pd.minBreakMinutes ?? 0,
  };
  const restDays = new Set(
    (protocol.restDays ?? []).map((d) => weekdayIndex(d)).filter((i) => i >= 0),
  );
  return {
    protocol,
    catalog,
    series,
    seriesById,
    sessionTypeById,
    restDays,
    day,
    findings: [],
  };
}

/** The series a linked count names (format 1.1 `count: { sameAs }`), else undefined. */
export function linkOf(series: Series): string | undefined {
  const count: unknown = series.count;
  if (typeof count !== 'object' || count === null || !('sameAs' in count)) return undefined;
  return String((count as { sameAs: unknown }).sameAs);
}

/** Weekdays a series may use: its `days` (all when absent) minus the rest days. */
export function allowedWeekdays(ctx: CheckContext, series: Series): Set<number> {
  const days = series.days && series.days.length > 0 ? series.days : WEEKDAYS;
  return new Set(
    days.map((d: Weekday) => weekdayIndex(d)).filter((i) => i >= 0 && !ctx.restDays.has(i)),
  );
}

/** Latest minus earliest start inside the patient day, minutes; negative when the session cannot fit. */
export function startWindowMinutes(ctx: CheckContext, durationMinutes: number): number {
  return ctx.day.endMinutes - durationMinutes - ctx.day.startMinutes;
}

export function isWellFormedCount(count: CountRange | undefined): count is CountRange {
  if (!count) return false;
  const { min, max } = count;
  const d = count.default;
  return (
    Number.isInteger(min) &&
    Number.isInteger(max) &&
    min >= 0 &&
    min <= max &&
    (d === undefined || (Number.isInteger(d) && d >= min && d <= max))
  );
}

/** The count a patient gets when the enrollment does not choose one. */
export function defaultCount(count: CountRange): number {
  return count.default ?? count.min;
}

export function isWellFormedHours(range: HourRange | undefined): boolean {
  if (!range) return true;
  const { min, max } = range;
  if (min !== undefined && !Number.isFinite(min)) return false;
  if (max !== undefined && !Number.isFinite(max)) return false;
  return min === undefined || max === undefined || min <= max;
}

export function hoursText(minutes: number): string {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

export function plural(n: number, word: string, many = word + 's'): string {
  return `${n} ${n === 1 ? word : many}`;
}

export { minutesToLocalTime };
