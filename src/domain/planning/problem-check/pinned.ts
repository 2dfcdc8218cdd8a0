/**
 * Pinned bookings are part of every solution, so one that breaks a hard rule
 * makes the problem invalid. They are judged by the solution validator's
 * rules that hold for any subset of sessions (availability, time off, busy,
 * closures, rest days, the patient day, rooms, staff roles, overlaps, daily
 * limits, ...), run on the pinned bookings alone.
 */
import type { Problem, Solution } from '../format';
import { appointmentFromExisting } from '../solution-check/existing';
import { runRules, SUBSET_SAFE_RULES } from '../solution-check/validate-solution';
import { ErrorList } from './errors';

export function checkPinnedBookings(problem: Problem): ErrorList {
  const errors = new ErrorList();
  const pinned = (problem.existing ?? [])
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.mode === 'pinned');
  if (pinned.length === 0) return errors;
  const solution: Solution = {
    formatVersion: problem.formatVersion,
    status: 'partial',
    appointments: pinned.flatMap(({ e }) => appointmentFromExisting(problem, e) ?? []),
    unscheduled: [],
    score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 0, proof: 'unknown' },
  };
  const indexById = new Map(pinned.map(({ e, i }) => [e.id, i]));
  for (const v of runRules(problem, solution, SUBSET_SAFE_RULES)) {
    const index = v.appointment === undefined ? undefined : indexById.get(v.appointment);
    errors.add(
      index === undefined ? '/existing' : `/existing/${index}`,
      'PINNED_BOOKING_INVALID',
      `pinned booking ${v.appointment ?? ''} breaks rule ${v.rule}: ${v.message}`,
    );
  }
  return errors;
}
