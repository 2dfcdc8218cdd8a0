/** Compiles one protocol of the format into its integer model. */
import type { CountRange, Protocol, RulePoint, Series, Weekday } from '../format';
import { isLinkedCount, WEEKDAYS } from '../format';
import { minuteOfDay } from '../../time/local-date';
import { onRule, type RuleHandlers } from '../rule-types';
import type {
  FollowUpRuleModel,
  OccurrenceRef,
  OffsetRuleModel,
  ProtocolModel,
  SeparationRuleModel,
  SeriesModel,
} from './types';

const ALL_DAYS = 0b1111111;

/** Bit i set for each listed weekday (0 = Monday); `ifAbsent` when no list. */
export function weekdayMask(days: readonly Weekday[] | undefined, ifAbsent: number): number {
  if (!days) return ifAbsent;
  let mask = 0;
  for (const d of days) mask |= 1 << WEEKDAYS.indexOf(d);
  return mask;
}

/**
 * The series whose count range a series uses: itself, or the one its linked
 * count names (the problem check guarantees the link exists and is not a chain).
 */
function countSource(p: Protocol, s: Series): { index: number; range: CountRange } {
  const index = isLinkedCount(s.count)
    ? p.series.findIndex((x) => x.id === (s.count as { sameAs: string }).sameAs)
    : p.series.indexOf(s);
  return { index, range: p.series[index].count as CountRange };
}

export function compileProtocol(
  p: Protocol,
  index: number,
  stIndex: Map<string, number>,
): ProtocolModel {
  const series: SeriesModel[] = p.series.map((s, i) => {
    const source = countSource(p, s);
    const gapMin = s.gapHours?.min !== undefined ? s.gapHours.min * 60 : -Infinity;
    const resume = s.resumeGapHours;
    return {
      index: i,
      id: s.id,
      sessionType: stIndex.get(s.sessionType)!,
      defaultCount: source.range.default ?? source.range.min,
      gapMin,
      gapMax: s.gapHours?.max !== undefined ? s.gapHours.max * 60 : Infinity,
      resumeGap: resume
        ? { min: resume.min !== undefined ? resume.min * 60 : gapMin, max: resume.max! * 60 }
        : null,
      countSameAs: source.index === i ? null : source.index,
      dayMask: weekdayMask(s.days, ALL_DAYS),
    };
  });
  const seriesById = new Map(series.map((s) => [s.id, s.index]));
  const point = (r: RulePoint) => ({
    series: seriesById.get(r.series)!,
    occurrence: r.occurrence as OccurrenceRef,
    end: r.point === 'end',
  });
  const offsets: OffsetRuleModel[] = [];
  const followUps: FollowUpRuleModel[] = [];
  const notSameDay: number[][] = [];
  const separations: SeparationRuleModel[] = [];
  const compileRule = {
    offset: (r) =>
      offsets.push({
        from: point(r.from),
        to: point(r.to),
        min: r.hours.min !== undefined ? r.hours.min * 60 : -Infinity,
        max: r.hours.max !== undefined ? r.hours.max * 60 : Infinity,
      }),
    followUp: (r) =>
      followUps.push({
        anchor: seriesById.get(r.anchor)!,
        targets: r.targets.map((t) => seriesById.get(t)!),
        min: r.hours.min !== undefined ? r.hours.min * 60 : 0,
        max: r.hours.max !== undefined ? r.hours.max * 60 : Infinity,
        sameDay: r.sameDay === true,
      }),
    notSameDay: (r) => notSameDay.push(r.series.map((s) => seriesById.get(s)!)),
    separation: (r) =>
      separations.push({
        series: [...new Set(r.series.map((s) => seriesById.get(s)!))].sort((a, b) => a - b),
        // Starts are whole minutes, so "at least minHours" is "at least this many minutes";
        // the epsilon keeps 0.1 h at 6 min despite 0.1 * 60 = 6.000000000000001.
        minMinutes: Math.ceil(r.minHours * 60 - 1e-9),
      }),
  } satisfies RuleHandlers<unknown>;
  for (const rule of p.rules ?? []) onRule(rule, compileRule);
  const pd = p.patientDay ?? {};
  return {
    index,
    id: p.id,
    series,
    seriesById,
    offsets,
    followUps,
    notSameDay,
    separations,
    dayStart: pd.start ? minuteOfDay(pd.start) : 0,
    dayEnd: pd.end ? minuteOfDay(pd.end) : 1440,
    maxSessionsPerDay: pd.maxSessions ?? Infinity,
    maxMinutesPerDay: pd.maxMinutes ?? Infinity,
    minBreak: pd.minBreakMinutes ?? 0,
    restMask: weekdayMask(p.restDays, 0),
    spanMin: p.spanDays?.min ?? 1,
    spanMax: p.spanDays?.max ?? Infinity,
    continuity: (p.continuity ?? []).map((c) => ({
      series: c.series.map((s) => seriesById.get(s)!),
      role: c.role,
      require: c.mode === 'require',
    })),
  };
}
