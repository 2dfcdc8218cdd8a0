/**
 * A director's approved overrides in a plan run (README, Appointments → "Override"). A booked
 * or completed session whose `override.rules` name a protocol rule breaks that rule on
 * purpose; pinned (or kept) as it is, it would make the problem invalid or the patient
 * unplannable, and a repair run would move it back. So an enrollment with such sessions plans
 * against its own copy of the protocol (id `<code>@v<version>~<enrollment id>`), in which
 * only the approved rules are relaxed, and only as far as the stored sessions need:
 *
 * - `GAP_HOURS`: the series' `gapHours.min` lowered (or `max` raised) to the gap between an
 *   approved session and the series' session before or after it, as booked;
 * - `SPAN_DAYS`: `spanDays.max` raised to the span of the course's kept sessions;
 * - `SERIES_DAYS`: the approved session's weekday added to its series' `days`;
 * - `REST_DAY`: the approved session's weekday removed from `restDays`.
 *
 * The planning format has one protocol per patient and no per-session exceptions, so a
 * relaxed bound holds for every session of that series of that enrollment (a lowered gap
 * may be used again by a new session; it never goes below the approved one). Every other
 * rule and every other enrollment keep the protocol as it is. Rules that cannot be relaxed
 * this way (follow-ups, offsets, order, separation, notSameDay, continuity, the patient
 * day) are refused (`OVERRIDE_NOT_PLANNABLE`), naming the appointment and the rule. Pure.
 */
import { DateTime } from 'luxon';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import type { FieldIssue } from '../errors';
import { WEEKDAYS } from '../planning/format';
import { zonedIsoOf } from '../time/zoned-format';
import type { StoredAppointment, StoredEnrollment } from './build-problem';

/** The override codes a plan run can keep by relaxing its enrollment's protocol copy. */
export const RELAXABLE_RULES: ReadonlySet<string> = new Set([
  'GAP_HOURS',
  'SPAN_DAYS',
  'SERIES_DAYS',
  'REST_DAY',
]);

const HOUR_MS = 3_600_000;

export interface ApprovedProtocol {
  /** The protocol to plan this enrollment with (the stored one when nothing was relaxed). */
  definition: ProtocolDefinition;
  /** The rule codes relaxed (empty: plan with the shared protocol entry). */
  relaxed: string[];
}

const approves = (a: ApprovedSession, rule: string) => a.overrideRules?.includes(rule) ?? false;
const kept = (a: ApprovedSession) => a.status === 'booked' || a.status === 'completed';
const weekdayOf = (ms: number, zone: string) =>
  WEEKDAYS[DateTime.fromMillis(ms, { zone }).weekday - 1];
const localDate = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toISODate()!;

/** What the relaxation reads of a stored session. */
export type ApprovedSession = Pick<
  StoredAppointment,
  'id' | 'enrollmentId' | 'seriesId' | 'status' | 'start' | 'overrideRules'
>;

/**
 * The enrollment's protocol with its approved rules relaxed (see the file's comment), from
 * its stored sessions. A plan run's commit judges the new sessions with the same copy, so
 * what the planner placed under it is booked.
 */
export function approvedProtocol(
  e: Pick<StoredEnrollment, 'id' | 'definition'>,
  appointments: readonly ApprovedSession[],
  zone: string,
): ApprovedProtocol {
  const own = appointments
    .filter((a) => a.enrollmentId === e.id && kept(a))
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  const relaxed = new Set<string>();
  const series = e.definition.series.map((s) => {
    const sessions = own.filter((a) => a.seriesId === s.id);
    let next = s;
    if (s.gapHours) {
      let { min, max } = s.gapHours;
      sessions.slice(1).forEach((b, i) => {
        const a = sessions[i];
        if (!approves(a, 'GAP_HOURS') && !approves(b, 'GAP_HOURS')) return;
        const gap = (b.start - a.start) / HOUR_MS;
        if (min !== undefined && gap < min) min = gap;
        if (max !== undefined && gap > max) max = gap;
      });
      if (min !== s.gapHours.min || max !== s.gapHours.max) {
        next = { ...next, gapHours: { ...s.gapHours, min, max } };
        relaxed.add('GAP_HOURS');
      }
    }
    if (s.days) {
      const days = [...s.days];
      for (const a of sessions) {
        const day = weekdayOf(a.start, zone);
        if (approves(a, 'SERIES_DAYS') && !days.includes(day)) days.push(day);
      }
      if (days.length > s.days.length) {
        next = { ...next, days: WEEKDAYS.filter((d) => days.includes(d)) };
        relaxed.add('SERIES_DAYS');
      }
    }
    return next;
  });
  const definition: ProtocolDefinition = { ...e.definition, series };

  const spanMax = e.definition.spanDays?.max;
  if (spanMax !== undefined && own.some((a) => approves(a, 'SPAN_DAYS')) && own.length > 1) {
    const first = DateTime.fromISO(localDate(own[0].start, zone));
    const last = DateTime.fromISO(localDate(Math.max(...own.map((a) => a.start)), zone));
    const days = Math.round(last.diff(first, 'days').days) + 1;
    if (days > spanMax) {
      definition.spanDays = { ...e.definition.spanDays, max: days };
      relaxed.add('SPAN_DAYS');
    }
  }

  const rest = e.definition.restDays;
  if (rest) {
    const off = new Set(
      own.filter((a) => approves(a, 'REST_DAY')).map((a) => weekdayOf(a.start, zone)),
    );
    const left = rest.filter((d) => !off.has(d));
    if (left.length < rest.length) {
      definition.restDays = left;
      relaxed.add('REST_DAY');
    }
  }
  if (relaxed.size === 0) return { definition: e.definition, relaxed: [] };
  return { definition, relaxed: [...relaxed].sort() };
}

/** `approvedProtocol`'s definition over stored rows as the booking code reads them. */
export function approvedDefinition(
  definition: ProtocolDefinition,
  enrollmentId: string,
  rows: readonly (Omit<ApprovedSession, 'start' | 'overrideRules'> & {
    startsAt: Date;
    override: { rules: string[] } | null;
  })[],
  zone: string,
): ProtocolDefinition {
  const sessions = rows.map((a) => ({
    ...a,
    start: a.startsAt.getTime(),
    overrideRules: a.override?.rules,
  }));
  return approvedProtocol({ id: enrollmentId, definition }, sessions, zone).definition;
}

/**
 * The run's sessions whose override approves a rule a plan run cannot relax precisely
 * (422 `OVERRIDE_NOT_PLANNABLE` each, naming the appointment and the rule).
 */
export function unplannableOverrides(
  enrollmentIds: ReadonlySet<string>,
  appointments: readonly (ApprovedSession & Pick<StoredAppointment, 'index'>)[],
  zone: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const a of appointments) {
    if (!enrollmentIds.has(a.enrollmentId) || !kept(a)) continue;
    for (const rule of a.overrideRules ?? []) {
      if (RELAXABLE_RULES.has(rule)) continue;
      issues.push({
        pointer: '/enrollmentIds',
        code: 'OVERRIDE_NOT_PLANNABLE',
        message: `appointment ${a.id} (${a.seriesId} ${a.index}, ${zonedIsoOf(a.start, zone)}) has a director's override of ${rule}, which a plan run cannot keep (it can keep GAP_HOURS, SPAN_DAYS, SERIES_DAYS and REST_DAY); plan the rest of this course by hand, or move the session within the rules (which clears its override) and plan again`,
      });
    }
  }
  return issues;
}

/**
 * What the enrollment's copy relaxes, in words, for the run's result: the director sees which
 * approved exceptions the plan was made under (the planner may use them again within that
 * course), e.g. "dose: gapHours.min 44 h → 41 h". Empty when nothing is relaxed.
 */
export function approvedExceptions(
  e: Pick<StoredEnrollment, 'id' | 'definition'>,
  appointments: readonly ApprovedSession[],
  zone: string,
): string[] {
  const { definition: after, relaxed } = approvedProtocol(e, appointments, zone);
  if (relaxed.length === 0) return [];
  const before = e.definition;
  const hours = (h: number | undefined) => `${Math.round((h ?? 0) * 100) / 100} h`;
  const out: string[] = [];
  before.series.forEach((s, i) => {
    const t = after.series[i];
    if (s.gapHours?.min !== t.gapHours?.min)
      out.push(`${s.id}: gapHours.min ${hours(s.gapHours?.min)} → ${hours(t.gapHours?.min)}`);
    if (s.gapHours?.max !== t.gapHours?.max)
      out.push(`${s.id}: gapHours.max ${hours(s.gapHours?.max)} → ${hours(t.gapHours?.max)}`);
    const added = (t.days ?? []).filter((d) => !(s.days ?? []).includes(d));
    if (added.length > 0) out.push(`${s.id}: days + ${added.join(', ')}`);
  });
  if (before.spanDays?.max !== after.spanDays?.max)
    out.push(`spanDays.max ${before.spanDays?.max} → ${after.spanDays?.max} days`);
  const freed = (before.restDays ?? []).filter((d) => !(after.restDays ?? []).includes(d));
  if (freed.length > 0) out.push(`restDays − ${freed.join(', ')}`);
  return out;
}
