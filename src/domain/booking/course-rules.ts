/**
 * Protocol rules that tie a patient's sessions together by their series index, judged on a
 * course that is only partly booked: series order, `gapHours` (between booked sessions,
 * scaled by the sessions still to book between them), `offset` rules between two booked
 * occurrences and `spanDays.max`. Only problems that involve the new session are reported,
 * each naming the sessions and the protocol's bound ("dose 3 would be 30 h after dose 2;
 * the protocol needs ≥ 44 h"). Pure.
 *
 * `followUp` is judged as soon as it can be decided (follow-up.ts): when no way of booking the
 * sessions still to book could give every anchor a follow-up of its own any more.
 *
 * Not judged here, because a partial course cannot break them yet: `spanDays.min` and exact
 * series counts.
 */
import { localDateOf } from '../time/zoned-format';
import { clockLabel } from '../time/repeated-hour';
import type { FieldCode, FieldIssue } from '../errors';
import type { HourRange, RulePoint } from '../planning/format';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import { hoursText as hours, relativeText as relative, sessionLabel } from './course-text';
import { followUpIssues } from './follow-up';

export interface CourseSession {
  series: string;
  index: number;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** The session being booked (problems are reported only when it takes part). */
  isNew: boolean;
}

const HOUR_MS = 3_600_000;

export { sessionLabel };

/** `2027-03-08 09:00` in the clinic's zone (`01:30 EST` in the hour the clocks repeat). */
export function localStamp(instant: number, zone: string): string {
  return clockLabel(instant, zone, true);
}

/**
 * The side of `range` (scaled by `times`) that `ms` breaks, as the protocol's need
 * ("≥ 44 h", "≤ 100 h"), or null when it lies inside.
 */
function brokenBound(ms: number, range: HourRange, times = 1): string | null {
  const h = ms / HOUR_MS;
  if (range.min !== undefined && h < range.min * times) return `≥ ${range.min * times} h`;
  if (range.max !== undefined && h > range.max * times) return `≤ ${range.max * times} h`;
  return null;
}

const issue = (code: FieldCode, message: string): FieldIssue => ({
  pointer: '/start',
  code,
  message,
});

/** Order and gaps inside each series, between index-neighbouring booked sessions. */
function seriesIssues(
  sessions: readonly CourseSession[],
  definition: ProtocolDefinition,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const series of definition.series) {
    const booked = sessions.filter((s) => s.series === series.id).sort((a, b) => a.index - b.index);
    for (let i = 1; i < booked.length; i++) {
      const [before, after] = [booked[i - 1], booked[i]];
      if (!before.isNew && !after.isNew) continue;
      const subject = after.isNew ? after : before;
      const other = after.isNew ? before : after;
      if (after.start <= before.start) {
        const relation = after.isNew ? 'before' : 'after';
        out.push(
          issue(
            'SERIES_ORDER',
            `${sessionLabel(subject)} would start ${relation} ${sessionLabel(other)}; a series' sessions are numbered in time order`,
          ),
        );
        continue;
      }
      const gap = series.gapHours;
      const steps = after.index - before.index;
      const need = gap && brokenBound(after.start - before.start, gap, steps);
      if (!gap || !need) continue;
      const apart = hours(after.start - before.start);
      const between =
        steps > 1
          ? `; with ${steps - 1} ${series.id} session${steps > 2 ? 's' : ''} still to book between them, the protocol needs ${need} (${need.startsWith('≥') ? `≥ ${gap.min} h` : `≤ ${gap.max} h`} per gap)`
          : `; the protocol needs ${need}`;
      out.push(
        issue(
          'GAP_HOURS',
          `${sessionLabel(after)} would be ${apart} after ${sessionLabel(before)}${between}`,
        ),
      );
    }
  }
  return out;
}

function pointSession(
  sessions: readonly CourseSession[],
  point: RulePoint,
  counts: Readonly<Record<string, number>>,
): CourseSession | undefined {
  const index =
    point.occurrence === 'first'
      ? 1
      : point.occurrence === 'last'
        ? counts[point.series]
        : point.occurrence;
  return sessions.find((s) => s.series === point.series && s.index === index);
}

function offsetIssues(
  sessions: readonly CourseSession[],
  definition: ProtocolDefinition,
  counts: Readonly<Record<string, number>>,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const rule of definition.rules ?? []) {
    if (rule.type !== 'offset') continue;
    const from = pointSession(sessions, rule.from, counts);
    const to = pointSession(sessions, rule.to, counts);
    if (!from || !to || from === to || (!from.isNew && !to.isNew)) continue;
    const fromAt = rule.from.point === 'start' ? from.start : from.end;
    const toAt = rule.to.point === 'start' ? to.start : to.end;
    const need = brokenBound(toAt - fromAt, rule.hours);
    if (!need) continue;
    out.push(
      issue(
        'OFFSET_RULE',
        `the ${rule.to.point} of ${sessionLabel(to)} would be ${relative(toAt - fromAt)} the ${rule.from.point} of ${sessionLabel(from)}; the protocol needs ${need}`,
      ),
    );
  }
  return out;
}

function spanIssues(
  sessions: readonly CourseSession[],
  definition: ProtocolDefinition,
  zone: string,
): FieldIssue[] {
  const max = definition.spanDays?.max;
  if (max === undefined || sessions.length < 2) return [];
  const dates = sessions.map((s) => localDateOf(s.start, zone)).sort();
  const utcDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const days = Math.round(utcDay(dates[dates.length - 1]) - utcDay(dates[0])) + 1;
  if (days <= max) return [];
  return [
    issue(
      'SPAN_DAYS',
      `the course would span ${days} days (${dates[0]} to ${dates[dates.length - 1]}); the protocol allows at most ${max}`,
    ),
  ];
}

/**
 * Problems the new session (the one with `isNew`) brings into the patient's booked course.
 * `sessions` are the booked and completed sessions plus the new one; `counts` the sessions
 * per series the enrollment gets.
 */
export function courseIssues(
  sessions: readonly CourseSession[],
  definition: ProtocolDefinition,
  counts: Readonly<Record<string, number>>,
  zone: string,
): FieldIssue[] {
  return [
    ...seriesIssues(sessions, definition),
    ...offsetIssues(sessions, definition, counts),
    ...spanIssues(sessions, definition, zone),
    ...followUpIssues(sessions, definition, counts, zone),
  ];
}
