/**
 * Staff daily limits for one new assignment, counted over everyone's sessions that day
 * (the planning format's rule: the sessions and the occupied minutes, overlapping minutes
 * once, of the person's local day; the day is the session's local start date). Pure.
 */
import type { FieldIssue } from '../errors';
import type { StaffLimits } from '../planning/format';

export interface DayAssignment {
  appointmentId: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

/** Minutes covered by the intervals (epoch ms), overlapping minutes once. */
export function unionMinutes(intervals: { start: number; end: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let cursor = -Infinity;
  for (const i of sorted) {
    const from = Math.max(cursor, i.start);
    if (i.end > from) total += i.end - from;
    cursor = Math.max(cursor, i.end);
  }
  return total / 60_000;
}

/**
 * Issues when the person's day, with `added`, goes over `limits`. `sameDay` holds the
 * person's other occupied assignments in sessions starting on that local date.
 */
export function staffDayIssues(args: {
  name: string;
  date: string;
  limits: StaffLimits | null;
  sameDay: readonly DayAssignment[];
  added: { start: number; end: number };
  pointer: string;
}): FieldIssue[] {
  const { limits, name, date, pointer } = args;
  if (!limits) return [];
  const out: FieldIssue[] = [];
  const sessions = new Set(args.sameDay.map((a) => a.appointmentId)).size + 1;
  if (limits.maxSessionsPerDay !== undefined && sessions > limits.maxSessionsPerDay) {
    out.push({
      pointer,
      code: 'STAFF_DAILY_SESSIONS',
      message: `${name} would have ${sessions} sessions on ${date}; the limit is ${limits.maxSessionsPerDay}`,
    });
  }
  const minutes = unionMinutes([...args.sameDay, args.added]);
  if (limits.maxMinutesPerDay !== undefined && minutes > limits.maxMinutesPerDay) {
    out.push({
      pointer,
      code: 'STAFF_DAILY_MINUTES',
      message: `${name} would work ${minutes} min on ${date}; the limit is ${limits.maxMinutesPerDay}`,
    });
  }
  return out;
}
