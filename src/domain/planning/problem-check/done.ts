/**
 * Done sessions (format 1.1) are part of every solution unchanged, so, like
 * pinned bookings, one that breaks a rule makes the problem invalid. They are
 * judged only by the rules linking a patient's sessions (gaps, offsets,
 * follow-ups, notSameDay, separation, continuity, spans; and a new session
 * may not overlap one), never by resources or the patient day.
 *
 * Judged on the settled sessions (done and pinned) alone, a rule is reported
 * only where no solution can mend it: pairwise rules always; gaps, offsets,
 * follow-ups and spans only where the sessions a solution could add (all at
 * or after `now`) cannot lie between or change which session is meant.
 * Violations among pinned bookings alone are checkPinnedBookings' concern.
 */
import type { ExistingBooking, HourRange, Problem, RulePoint, Solution } from '../format';
import { maximumMatching } from '../solution-check/bipartite';
import { daysBetween, HOUR_MS } from '../solution-check/clinic-time';
import {
  buildContext,
  type CheckContext,
  type CheckedAppointment,
} from '../solution-check/context';
import { appointmentFromExisting } from '../solution-check/existing';
import { gapBound } from '../solution-check/rules-protocol';
import { expectedCount } from '../solution-check/rules-shape';
import { runRules, SUBSET_SAFE_RULES } from '../solution-check/validate-solution';
import { ErrorList } from './errors';

/** Pairwise rules of the validator that hold on any subset of sessions and judge done ones. */
const PAIRWISE = new Set(['PATIENT_OVERLAP', 'NOT_SAME_DAY', 'SEPARATION', 'CONTINUITY']);

interface Finding {
  rule: string;
  message: string;
  /** Id of the done (else pinned) session to point at. */
  appointment?: string;
}

function settledSolution(problem: Problem, modes: ExistingBooking['mode'][]): Solution {
  return {
    formatVersion: problem.formatVersion,
    status: 'partial',
    appointments: (problem.existing ?? [])
      .filter((e) => modes.includes(e.mode))
      .flatMap((e) => appointmentFromExisting(problem, e) ?? []),
    unscheduled: [],
    score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 0, proof: 'unknown' },
  };
}

const inRange = (v: number, r: HourRange) =>
  (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);

/** The sessions of a series every solution starts with, in order (see the file comment). */
function fixedPrefix(ctx: CheckContext, list: CheckedAppointment[], series: string) {
  const sessions = list.filter((a) => a.series.id === series);
  const full = sessions.length >= expectedCount(ctx, list[0].patient.id, series);
  const known = full ? sessions : sessions.filter((a) => ctx.now !== null && a.start < ctx.now);
  return { sessions, known, full };
}

function gapFindings(ctx: CheckContext, list: CheckedAppointment[]): Finding[] {
  const out: Finding[] = [];
  for (const series of list[0].protocol.series) {
    const { sessions, full } = fixedPrefix(ctx, list, series.id);
    const missed = ctx.missedStarts.get(`${list[0].patient.id}/${series.id}`) ?? [];
    for (let i = 1; i < sessions.length; i++) {
      const [a, b] = [sessions[i - 1], sessions[i]];
      if (!a.done && !b.done) continue;
      const bound = gapBound(series, a, b, missed);
      if (!bound) continue;
      const hours = (b.start - a.start) / HOUR_MS;
      // A session added between them only shortens every gap: a too-short gap stays wrong.
      const closed = full || (ctx.now !== null && b.start <= ctx.now);
      // After a miss, the added session's own gap to b falls back to gapHours.min.
      const gapMin = series.gapHours?.min;
      const lowest = !bound.resumed
        ? bound.range.min
        : bound.range.min !== undefined && gapMin !== undefined
          ? Math.min(bound.range.min, gapMin)
          : undefined;
      const wrong = closed ? !inRange(hours, bound.range) : lowest !== undefined && hours < lowest;
      if (wrong)
        out.push({
          rule: bound.resumed ? 'RESUME_GAP_HOURS' : 'GAP_HOURS',
          message: `${hours} h from ${a.id} to ${b.id}; ${series.id} needs [${bound.range.min ?? '-∞'}, ${bound.range.max ?? '∞'}] h`,
          appointment: b.done ? b.id : a.id,
        });
    }
  }
  return out;
}

function pointOf(ctx: CheckContext, list: CheckedAppointment[], p: RulePoint) {
  const { known, full } = fixedPrefix(ctx, list, p.series);
  const i =
    p.occurrence === 'first'
      ? 0
      : p.occurrence === 'last'
        ? full
          ? known.length - 1
          : -1
        : p.occurrence - 1;
  const a = i >= 0 ? known[i] : undefined;
  return a && { a, at: p.point === 'start' ? a.start : a.end };
}

function offsetFindings(ctx: CheckContext, list: CheckedAppointment[]): Finding[] {
  const out: Finding[] = [];
  for (const rule of list[0].protocol.rules ?? []) {
    if (rule.type !== 'offset') continue;
    const [from, to] = [pointOf(ctx, list, rule.from), pointOf(ctx, list, rule.to)];
    if (!from || !to || (!from.a.done && !to.a.done)) continue;
    const hours = (to.at - from.at) / HOUR_MS;
    if (!inRange(hours, rule.hours))
      out.push({
        rule: 'OFFSET_RULE',
        message: `${hours} h from ${from.a.id} to ${to.a.id}; allowed [${rule.hours.min ?? '-∞'}, ${rule.hours.max ?? '∞'}] h`,
        appointment: to.a.done ? to.a.id : from.a.id,
      });
  }
  return out;
}

/** Anchors whose follow-up window closed before `now` must be matched among settled sessions. */
function followUpFindings(ctx: CheckContext, list: CheckedAppointment[]): Finding[] {
  const out: Finding[] = [];
  if (ctx.now === null) return out;
  for (const rule of list[0].protocol.rules ?? []) {
    if (rule.type !== 'followUp' || rule.hours.max === undefined) continue;
    const max = rule.hours.max;
    const anchors = list.filter(
      (a) => a.series.id === rule.anchor && a.end + max * HOUR_MS < ctx.now!,
    );
    if (!anchors.some((a) => a.done)) continue;
    const targets = list.filter((a) => rule.targets.includes(a.series.id));
    const edges = anchors.map((anchor) =>
      targets.flatMap((t, j) => {
        const hours = (t.start - anchor.end) / HOUR_MS;
        const ok = t !== anchor && hours >= (rule.hours.min ?? 0) && hours <= max;
        return ok && (!rule.sameDay || t.date === anchor.date) ? [j] : [];
      }),
    );
    maximumMatching(edges, targets.length).forEach((target, i) => {
      if (target === -1)
        out.push({
          rule: 'FOLLOW_UP',
          message: `${anchors[i].id} (${rule.anchor}) has no follow-up of its own from ${rule.targets.join('/')} within ${max} h after its end, and its window closed before now`,
          appointment: anchors[i].id,
        });
    });
  }
  return out;
}

function spanFindings(ctx: CheckContext, list: CheckedAppointment[]): Finding[] {
  const span = list[0].protocol.spanDays;
  if (!span) return [];
  const dates = list.map((a) => a.date).sort();
  const days = daysBetween(dates[0], dates[dates.length - 1]) + 1;
  const allFull = list[0].protocol.series.every((s) => fixedPrefix(ctx, list, s.id).full);
  const wrong =
    (span.max !== undefined && days > span.max) ||
    (allFull && span.min !== undefined && days < span.min);
  const done = list.filter((a) => a.done);
  return wrong
    ? [
        {
          rule: 'SPAN_DAYS',
          message: `sessions span ${days} days; allowed [${span.min ?? '-∞'}, ${span.max ?? '∞'}]`,
          appointment: done[done.length - 1]?.id,
        },
      ]
    : [];
}

export function checkDoneSessions(problem: Problem): ErrorList {
  const errors = new ErrorList();
  const existing = problem.existing ?? [];
  if (!existing.some((e) => e.mode === 'done')) return errors;
  const indexById = new Map(existing.map((e, i) => [e.id, i]));
  const findings: Finding[] = [];
  // Pairwise rules: what the settled sessions break that the pinned ones alone do not.
  const pinnedAlone = new Set(
    runRules(problem, settledSolution(problem, ['pinned']), SUBSET_SAFE_RULES).map(
      (v) => v.message,
    ),
  );
  const solution = settledSolution(problem, ['pinned', 'done']);
  for (const v of runRules(problem, solution, SUBSET_SAFE_RULES)) {
    if (PAIRWISE.has(v.rule) && !pinnedAlone.has(v.message)) findings.push(v);
  }
  const { ctx } = buildContext(problem, solution);
  for (const list of ctx.byPatient.values()) {
    if (!list.some((a) => a.done)) continue;
    findings.push(
      ...gapFindings(ctx, list),
      ...offsetFindings(ctx, list),
      ...followUpFindings(ctx, list),
      ...spanFindings(ctx, list),
    );
  }
  for (const f of findings) {
    const index = f.appointment === undefined ? undefined : indexById.get(f.appointment);
    errors.add(
      index === undefined ? '/existing' : `/existing/${index}`,
      'DONE_SESSION_INVALID',
      `with the done sessions, booking ${f.appointment ?? ''} breaks rule ${f.rule}: ${f.message}`,
    );
  }
  return errors;
}
