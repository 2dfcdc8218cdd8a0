/**
 * Shape-level checks: series ids, session-type references, count and hour
 * ranges, the span, the patient day and rest days.
 */
import type { CountRange } from '../../planning/format';
import { WEEKDAYS } from '../../planning/format';
import { knownSeries } from './references';
import { pointer } from '../protocol-finding';
import { weekdayNames } from '../day-sequence';
import {
  allowedWeekdays,
  type CheckContext,
  hoursText,
  isWellFormedCount,
  isWellFormedHours,
  linkOf,
  minutesToLocalTime,
  startWindowMinutes,
} from './context';

export function checkStructure(ctx: CheckContext): void {
  checkSeriesList(ctx);
  checkSpan(ctx);
  checkPatientDay(ctx);
}

function checkSeriesList(ctx: CheckContext): void {
  const { findings } = ctx;
  if (ctx.series.length === 0) {
    findings.push({
      severity: 'error',
      code: 'NO_SERIES',
      pointer: '/series',
      message: 'The protocol has no series, so it schedules nothing.',
      suggestion: 'Add at least one series (a session type and how many sessions of it).',
    });
  }
  const seen = new Set<string>();
  for (const { series, index, sessionType } of ctx.series) {
    if (seen.has(series.id)) {
      findings.push({
        severity: 'error',
        code: 'DUPLICATE_SERIES_ID',
        pointer: pointer('series', index, 'id'),
        message: `Two series are called "${series.id}"; rules could not tell them apart.`,
        suggestion: `Rename one of them.`,
      });
    }
    seen.add(series.id);
    if (!sessionType) {
      findings.push({
        severity: 'error',
        code: 'UNKNOWN_SESSION_TYPE',
        pointer: pointer('series', index, 'sessionType'),
        message: `Series "${series.id}" uses session type "${series.sessionType}", which the clinic does not have.`,
        suggestion: `Create the session type "${series.sessionType}" or pick an existing one.`,
      });
    }
    checkCount(ctx, index);
    checkGapRange(ctx, index);
    checkSeriesDays(ctx, index);
  }
}

/** A linked count (format 1.1) names another series of the protocol that has its own range. */
function checkLinkedCount(ctx: CheckContext, index: number, link: string): void {
  const { series } = ctx.series[index];
  const ptr = pointer('series', index, 'count', 'sameAs');
  const target = knownSeries(ctx, link, ptr, `The count of series "${series.id}"`);
  if (!target) return;
  if (target.index === index || linkOf(target.series) !== undefined) {
    ctx.findings.push({
      severity: 'error',
      code: 'COUNT_LINK_INVALID',
      pointer: ptr,
      message:
        target.index === index
          ? `Series "${series.id}" takes its count from itself.`
          : `Series "${series.id}" takes its count from "${link}", which takes its own from "${linkOf(target.series)}"; links may not chain.`,
      suggestion: `Name a series with its own count range (min, max).`,
    });
  }
}

function checkCount(ctx: CheckContext, index: number): void {
  const { series } = ctx.series[index];
  const link = linkOf(series);
  if (link !== undefined) return checkLinkedCount(ctx, index, link);
  const count = series.count as CountRange | undefined;
  const wellFormed: boolean = isWellFormedCount(count); // no narrowing: the parts below read it
  if (wellFormed) return;
  const parts: string[] = [];
  if (!count) parts.push('it has no count');
  else {
    if (!Number.isInteger(count.min) || count.min < 0)
      parts.push(`min ${count.min} is not a whole number ≥ 0`);
    if (!Number.isInteger(count.max) || count.max < 0)
      parts.push(`max ${count.max} is not a whole number ≥ 0`);
    if (count.min > count.max) parts.push(`min ${count.min} is above max ${count.max}`);
    if (count.default !== undefined && (count.default < count.min || count.default > count.max))
      parts.push(`default ${count.default} is outside ${count.min}–${count.max}`);
    else if (count.default !== undefined && !Number.isInteger(count.default))
      parts.push(`default ${count.default} is not a whole number`);
  }
  ctx.findings.push({
    severity: 'error',
    code: 'COUNT_RANGE_INVALID',
    pointer: pointer('series', index, 'count'),
    message: `Series "${series.id}" has an invalid count: ${parts.join('; ')}.`,
    suggestion: 'Use whole numbers with min ≤ default ≤ max.',
  });
}

/** Format 1.1: `max` is required; `min` defaults to gapHours.min; neither negative nor inverted. */
function checkResumeGap(ctx: CheckContext, index: number): void {
  const { series } = ctx.series[index];
  const resume = series.resumeGapHours;
  if (!resume) return;
  const min = resume.min ?? series.gapHours?.min;
  const problem =
    resume.max === undefined
      ? 'resumeGapHours.max is required'
      : !isWellFormedHours({ min, max: resume.max })
        ? `its min ${min} h${resume.min === undefined ? ' (from gapHours.min)' : ''} is above its max ${resume.max} h`
        : (min ?? 0) < 0 || resume.max < 0
          ? 'gaps cannot be negative'
          : undefined;
  if (problem === undefined) return;
  ctx.findings.push({
    severity: 'error',
    code: 'HOUR_RANGE_INVALID',
    pointer: pointer('series', index, 'resumeGapHours'),
    message: `Series "${series.id}": resumeGapHours is invalid: ${problem}.`,
    suggestion:
      'resumeGapHours bounds the gap across a missed session: give max, and min when it differs from gapHours.min.',
  });
}

function checkGapRange(ctx: CheckContext, index: number): void {
  checkResumeGap(ctx, index);
  const { series } = ctx.series[index];
  const gap = series.gapHours;
  if (!gap) return;
  if (!isWellFormedHours(gap)) {
    ctx.findings.push({
      severity: 'error',
      code: 'HOUR_RANGE_INVALID',
      pointer: pointer('series', index, 'gapHours'),
      message: `Series "${series.id}": gapHours.min ${gap.min} h is above gapHours.max ${gap.max} h.`,
      suggestion: 'Swap the bounds or correct one of them.',
    });
  } else if ((gap.min ?? 0) < 0 || (gap.max ?? 0) < 0) {
    ctx.findings.push({
      severity: 'error',
      code: 'HOUR_RANGE_INVALID',
      pointer: pointer('series', index, 'gapHours', (gap.min ?? 0) < 0 ? 'min' : 'max'),
      message: `Series "${series.id}": gapHours are start-to-start times of consecutive sessions and cannot be negative.`,
    });
  }
}

function checkSeriesDays(ctx: CheckContext, index: number): void {
  const { series } = ctx.series[index];
  const allowed = allowedWeekdays(ctx, series);
  const restNames = weekdayNames(ctx.restDays);
  if (allowed.size === 0) {
    const all = !series.days || series.days.length === 0;
    ctx.findings.push({
      severity: 'error',
      code: 'REST_DAYS_BLOCK_SERIES',
      pointer: all ? '/restDays' : pointer('series', index, 'days'),
      message: all
        ? `Every weekday is a rest day (${restNames}), so series "${series.id}" can never be booked.`
        : `Series "${series.id}" may only fall on ${series.days!.join(', ')}, and all of them are rest days (${restNames}).`,
      suggestion: all
        ? 'Remove some rest days.'
        : `Allow a day that is not a rest day, or remove ${series.days!.join(', ')} from restDays.`,
    });
    return;
  }
  const blocked = (series.days ?? []).filter((d) => ctx.restDays.has(WEEKDAYS.indexOf(d)));
  if (blocked.length > 0) {
    ctx.findings.push({
      severity: 'warning',
      code: 'DAYS_INCLUDE_REST_DAYS',
      pointer: pointer('series', index, 'days'),
      message: `Series "${series.id}" lists ${blocked.join(', ')}, which ${blocked.length === 1 ? 'is a rest day' : 'are rest days'}; its sessions can only fall on ${weekdayNames(allowed)}.`,
      suggestion: `Remove ${blocked.join(', ')} from the series' days, or from restDays if it was meant as a working day.`,
    });
  }
}

function checkSpan(ctx: CheckContext): void {
  const span = ctx.protocol.spanDays;
  if (!span) return;
  const problems: string[] = [];
  for (const key of ['min', 'max'] as const) {
    const v = span[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1))
      problems.push(`${key} ${v} is not a whole number ≥ 1`);
  }
  if (span.min !== undefined && span.max !== undefined && span.min > span.max)
    problems.push(`min ${span.min} is above max ${span.max}`);
  if (problems.length > 0) {
    ctx.findings.push({
      severity: 'error',
      code: 'SPAN_RANGE_INVALID',
      pointer: '/spanDays',
      message: `spanDays is invalid: ${problems.join('; ')}.`,
      suggestion:
        'spanDays counts local dates from the first to the last session, inclusive (1 = all on one day).',
    });
  }
}

function checkPatientDay(ctx: CheckContext): void {
  const { day } = ctx;
  if (day.endMinutes <= day.startMinutes) {
    ctx.findings.push({
      severity: 'error',
      code: 'PATIENT_DAY_INVALID',
      pointer: '/patientDay/end',
      message: `The patient day ends at ${minutesToLocalTime(day.endMinutes)}, not after its start ${minutesToLocalTime(day.startMinutes)}.`,
      suggestion: 'Set patientDay.end later than patientDay.start.',
    });
    return;
  }
  const length = day.endMinutes - day.startMinutes;
  const reported = new Set<string>();
  for (const { series, sessionType } of ctx.series) {
    if (!sessionType || reported.has(sessionType.id)) continue;
    const duration = sessionType.durationMinutes;
    if (startWindowMinutes(ctx, duration) < 0) {
      reported.add(sessionType.id);
      ctx.findings.push({
        severity: 'error',
        code: 'PATIENT_DAY_TOO_SHORT',
        pointer: windowPointer(ctx),
        message: `Session type "${sessionType.id}" (series "${series.id}") lasts ${duration} minutes, longer than the ${length}-minute patient day ${minutesToLocalTime(day.startMinutes)}–${minutesToLocalTime(day.endMinutes)}.`,
        suggestion: `Lengthen the patient day to at least ${hoursText(duration)}, or shorten the session.`,
      });
    } else if (duration > day.maxMinutes) {
      reported.add(sessionType.id);
      ctx.findings.push({
        severity: 'error',
        code: 'PATIENT_DAY_TOO_SHORT',
        pointer: '/patientDay/maxMinutes',
        message: `Session type "${sessionType.id}" (series "${series.id}") lasts ${duration} minutes, more than patientDay.maxMinutes (${day.maxMinutes}).`,
        suggestion: `Raise patientDay.maxMinutes to at least ${duration}.`,
      });
    }
  }
  if (day.maxSessions < 1 && ctx.series.length > 0) {
    ctx.findings.push({
      severity: 'error',
      code: 'PATIENT_DAY_INVALID',
      pointer: '/patientDay/maxSessions',
      message: `patientDay.maxSessions is ${day.maxSessions}, so no session can ever be booked.`,
      suggestion: 'Set patientDay.maxSessions to at least 1.',
    });
  }
}

/** The patient-day bound to change: `end` when set, else `start`, else the patient day itself. */
function windowPointer(ctx: CheckContext): string {
  const pd = ctx.protocol.patientDay;
  if (pd?.end !== undefined) return '/patientDay/end';
  if (pd?.start !== undefined) return '/patientDay/start';
  return '/patientDay';
}
