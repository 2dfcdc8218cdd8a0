/**
 * Series timing: can each series' sessions be chained on its allowed weekdays
 * with its gap bounds, and does the chain fit in spanDays? Also the whole
 * protocol's day capacity (sessions and minutes per patient day).
 */
import type { Series } from '../../planning/format';
import { WEEKDAYS } from '../../planning/format';
import {
  allowedDaySteps,
  type GapModel,
  MAX_SIMULATED_SESSIONS,
  maxAllowedDaysInWindow,
  minimalSpans,
  weekdayNames,
} from '../day-sequence';
import type { ProtocolFindingCode } from '../protocol-finding';
import { pointer } from '../protocol-finding';
import {
  allowedWeekdays,
  type CheckContext,
  defaultCount,
  hoursText,
  isWellFormedCount,
  isWellFormedHours,
  plural,
  type SeriesEntry,
  startWindowMinutes,
} from './context';

const ALL_WEEKDAYS: ReadonlySet<number> = new Set([0, 1, 2, 3, 4, 5, 6]);

/** Gap model of a series, or undefined when its shape is already reported as broken. */
export function gapModelOf(ctx: CheckContext, entry: SeriesEntry): GapModel | undefined {
  const { series, sessionType } = entry;
  if (!sessionType || !isWellFormedHours(series.gapHours)) return undefined;
  const duration = sessionType.durationMinutes;
  const window = startWindowMinutes(ctx, duration);
  if (!(duration > 0) || window < 0 || duration > ctx.day.maxMinutes) return undefined;
  const minGap = Math.max(0, (series.gapHours?.min ?? 0) * 60);
  const maxGap = series.gapHours?.max !== undefined ? series.gapHours.max * 60 : Infinity;
  const sameDayMinGap = duration + ctx.day.minBreakMinutes;
  const perDay = Math.max(
    1,
    Math.min(
      ctx.day.maxSessions,
      Math.floor(ctx.day.maxMinutes / duration),
      1 + Math.floor(window / Math.max(minGap, sameDayMinGap, 1)),
    ),
  );
  return {
    minGapMinutes: minGap,
    maxGapMinutes: maxGap,
    startWindowMinutes: window,
    sameDayMinGapMinutes: sameDayMinGap,
    perDay,
  };
}

export function gapText(series: Series): string {
  const g = series.gapHours;
  if (!g || (g.min === undefined && g.max === undefined)) return '';
  if (g.max === undefined) return ` at least ${g.min} h apart`;
  if (g.min === undefined) return ` at most ${g.max} h apart`;
  return ` ${g.min}–${g.max} h apart`;
}

function daysText(allowed: ReadonlySet<number>): string {
  return allowed.size === 7 ? 'any day' : weekdayNames(allowed);
}

export function checkSeriesTiming(ctx: CheckContext): void {
  for (const entry of ctx.series) checkOneSeries(ctx, entry);
  checkDayCapacity(ctx);
}

function largestFinite(spans: number[], limit = Infinity): number {
  let best = 0;
  for (let i = 1; i < spans.length; i++)
    if (Number.isFinite(spans[i]) && spans[i] + 1 <= limit) best = i;
  return best;
}

function checkOneSeries(ctx: CheckContext, entry: SeriesEntry): void {
  const { series } = entry;
  const model = gapModelOf(ctx, entry);
  if (!model || !isWellFormedCount(entry.count)) return;
  const allowed = allowedWeekdays(ctx, series);
  if (allowed.size === 0) return; // REST_DAYS_BLOCK_SERIES already reported
  const { min } = entry.count;
  if (min > MAX_SIMULATED_SESSIONS) return;
  const max = Math.min(entry.count.max, MAX_SIMULATED_SESSIONS);
  const steps = allowedDaySteps(model);
  const spans = minimalSpans(max, allowed, steps, model.perDay);
  const spanMax = ctx.protocol.spanDays?.max;
  const chainable = largestFinite(spans);

  if (min >= 2 && !Number.isFinite(spans[min])) {
    reportUnchainable(ctx, entry, model, allowed, steps, chainable);
    return;
  }
  if (spanMax !== undefined && min >= 1 && spans[min] + 1 > spanMax) {
    const fits = largestFinite(spans, spanMax);
    ctx.findings.push({
      severity: 'error',
      code: 'SPAN_TOO_SHORT_FOR_GAPS',
      pointer: '/spanDays/max',
      message: `${plural(min, 'session')} of series "${series.id}"${gapText(series)} on ${daysText(allowed)} need at least ${spans[min] + 1} days from first to last; spanDays.max is ${spanMax}.`,
      suggestion:
        `Raise spanDays.max to ${spans[min] + 1}` +
        (fits >= 1 ? `, or lower the series' count.min to ${fits}` : '') +
        (series.gapHours?.min ? ', or shorten gapHours.min.' : '.'),
    });
    return;
  }
  // The minimum fits; warn when the default or the maximum cannot.
  const def = defaultCount(entry.count);
  for (const [n, key] of [
    [def, 'default'],
    [max, 'max'],
  ] as const) {
    if (n <= min || n >= spans.length) continue;
    const unchainable = !Number.isFinite(spans[n]);
    if (!unchainable && (spanMax === undefined || spans[n] + 1 <= spanMax)) continue;
    const code: ProtocolFindingCode = unchainable
      ? 'WEEKDAYS_BLOCK_GAP'
      : 'SPAN_TOO_SHORT_FOR_GAPS';
    const most = unchainable ? chainable : largestFinite(spans, spanMax);
    ctx.findings.push({
      severity: 'warning',
      code,
      pointer: pointer('series', entry.countOwner, 'count', key),
      message: unchainable
        ? `Series "${series.id}" can chain at most ${plural(most, 'session')}${gapText(series)} on ${daysText(allowed)}; count.${key} is ${n}.`
        : `${plural(n, 'session')} of series "${series.id}"${gapText(series)} on ${daysText(allowed)} need at least ${spans[n] + 1} days; spanDays.max is ${spanMax}, so patients given count ${n} can never be scheduled.`,
      suggestion: `Lower count.${key} to ${most}${unchainable ? '' : ` or raise spanDays.max to ${spans[n] + 1}`}.`,
    });
    break;
  }
}

function reportUnchainable(
  ctx: CheckContext,
  entry: SeriesEntry,
  model: GapModel,
  allowed: ReadonlySet<number>,
  steps: number[],
  chainable: number,
): void {
  const { series, index, sessionType } = entry;
  const min = entry.count!.min;
  const anyDay = minimalSpans(min, ALL_WEEKDAYS, steps, model.perDay);
  if (!Number.isFinite(anyDay[min])) {
    const sameDayOnly = steps.length > 0 && steps.every((k) => k === 0);
    ctx.findings.push({
      severity: 'error',
      code: 'GAP_RANGE_IMPOSSIBLE',
      pointer: pointer('series', index, 'gapHours', 'max'),
      message: sameDayOnly
        ? `Consecutive sessions of series "${series.id}" must start at most ${series.gapHours?.max} h apart, so they all fall on one day, where at most ${plural(model.perDay, 'session')} fit; count.min is ${min}.`
        : `Consecutive sessions of series "${series.id}" must start${gapText(series)}, but a ${sessionType!.durationMinutes}-minute session with ${ctx.day.minBreakMinutes} minutes' break inside the patient day can be spaced neither on the same day nor on later days like that.`,
      suggestion: sameDayOnly
        ? `Raise gapHours.max to at least ${Math.ceil((1440 - model.startWindowMinutes) / 60)} h so the series can continue on the next day.`
        : `Raise gapHours.max to at least ${hoursText(model.sameDayMinGapMinutes)}.`,
    });
    return;
  }
  const withoutRest = new Set(
    (series.days && series.days.length > 0 ? series.days : WEEKDAYS).map((d) =>
      WEEKDAYS.indexOf(d),
    ),
  );
  const ignoringRest = minimalSpans(min, withoutRest, steps, model.perDay);
  if (Number.isFinite(ignoringRest[min])) {
    ctx.findings.push({
      severity: 'error',
      code: 'REST_DAYS_BLOCK_SERIES',
      pointer: '/restDays',
      message: `With rest days ${weekdayNames(ctx.restDays)}, series "${series.id}"${gapText(series)} on ${daysText(allowed)} can chain at most ${plural(chainable, 'session')}; count.min is ${min}.`,
      suggestion: `Remove a rest day, or widen the series' gapHours.`,
    });
    return;
  }
  const extra = [...Array(7).keys()]
    .filter((d) => !allowed.has(d) && !ctx.restDays.has(d))
    .find((d) => {
      const spans = minimalSpans(min, new Set([...allowed, d]), steps, model.perDay);
      const spanMax = ctx.protocol.spanDays?.max;
      return Number.isFinite(spans[min]) && (spanMax === undefined || spans[min] + 1 <= spanMax);
    });
  ctx.findings.push({
    severity: 'error',
    code: 'WEEKDAYS_BLOCK_GAP',
    pointer: pointer('series', index, 'days'),
    message:
      chainable <= 1
        ? `Series "${series.id}" may only fall on ${daysText(allowed)}, and no allowed day is${gapText(series)} from another allowed day, so no second session can follow the first; count.min is ${min}.`
        : `Series "${series.id}" may only fall on ${daysText(allowed)}; with sessions${gapText(series)} at most ${plural(chainable, 'session')} can be chained; count.min is ${min}.`,
    suggestion:
      extra !== undefined
        ? `Allow ${WEEKDAYS[extra]} as well, or widen gapHours.`
        : 'Widen gapHours or allow more weekdays.',
  });
}

function checkDayCapacity(ctx: CheckContext): void {
  const spanMax = ctx.protocol.spanDays?.max;
  if (spanMax === undefined || !Number.isInteger(spanMax) || spanMax < 1) return;
  const patientDays = new Set([...Array(7).keys()].filter((d) => !ctx.restDays.has(d)));
  const available = maxAllowedDaysInWindow(patientDays, spanMax);
  let sessions = 0;
  let minutes = 0;
  for (const { count, sessionType } of ctx.series) {
    if (!isWellFormedCount(count)) return;
    sessions += count!.min;
    if (sessionType) minutes += count!.min * sessionType.durationMinutes;
  }
  const { maxSessions, maxMinutes } = ctx.day;
  if (available === 0 || sessions === 0 || !(maxSessions >= 1) || !(maxMinutes >= 1)) return;
  const bySessions = Math.ceil(sessions / maxSessions);
  const byMinutes = Math.ceil(minutes / maxMinutes);
  const needed = Math.max(bySessions, byMinutes);
  if (needed <= available) return;
  const why =
    bySessions >= byMinutes
      ? `${plural(sessions, 'session')} at most ${maxSessions} a day`
      : `${minutes} session minutes at most ${maxMinutes} a day`;
  ctx.findings.push({
    severity: 'error',
    code: 'SPAN_TOO_SHORT_FOR_SESSIONS',
    pointer: '/spanDays/max',
    message: `The protocol's minimum of ${why} needs ${needed} patient days, but a ${spanMax}-day span holds at most ${plural(available, 'day')} that ${available === 1 ? 'is not a rest day' : 'are not rest days'}.`,
    suggestion:
      bySessions >= byMinutes
        ? `Raise spanDays.max or patientDay.maxSessions (to ${Math.ceil(sessions / available)}).`
        : `Raise spanDays.max or patientDay.maxMinutes (to ${Math.ceil(minutes / available)}).`,
  });
}
