/**
 * Format 1.1 course histories for the one-patient problems (see
 * single-patient.ts): a `now` inside the horizon and, for some series that
 * no follow-up anchors, the first sessions `done` on the days before the
 * horizon (one session per day, so they never overlap or share a date),
 * often a `missed` record after them (before now) and then sometimes the
 * series' `resumeGapHours`.
 * Drawn from its own generator, so the version 1 part of the problem stays
 * the same instance.
 */
import type { ExistingBooking, Problem } from '../../../src/domain/planning/format';
import { Rng } from './rng';
import { sessionsOf } from './series-count';

const pad = (n: number) => String(n).padStart(2, '0');

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The problem as a course in progress one time in three (else unchanged). */
export function withCourseHistory(problem: Problem, seed: number): Problem {
  const r = new Rng(seed * 7919 + 17);
  if (r.int(0, 2) !== 0) return problem;
  problem.formatVersion = 1.1;
  const start = problem.horizon.start;
  problem.now = `${addDays(start, r.int(0, 1))}T${pad(7 + r.int(0, 6))}:00`;
  const protocol = problem.protocols[0];
  const patient = problem.patients[0];
  const anchors = new Set(
    (protocol.rules ?? []).flatMap((rule) => (rule.type === 'followUp' ? [rule.anchor] : [])),
  );
  const existing: ExistingBooking[] = [];
  let day = -1;
  for (const series of protocol.series) {
    if (anchors.has(series.id) || r.int(0, 1) === 0) continue;
    const type = problem.sessionTypes.find((t) => t.id === series.sessionType)!;
    const n = sessionsOf(protocol, series, patient.counts);
    const done = r.int(0, n);
    const room = type.room ? problem.rooms[0]?.id : undefined;
    const staff = type.staff.map((req) => {
      const person = problem.staff.find((s) => s.roles.includes(req.role))!;
      return { id: person.id, role: req.role };
    });
    // Done sessions one a day, back from the day before the horizon: 24 h apart.
    const dates = Array.from({ length: done }, () => addDays(start, day--)).reverse();
    dates.forEach((date, i) =>
      existing.push({
        id: `done-${series.id}-${i + 1}`,
        patient: patient.id,
        series: series.id,
        index: i + 1,
        start: `${date}T${pad(9 + r.int(0, 2))}:00`,
        ...(room !== undefined && { room }),
        staff,
        mode: 'done',
      }),
    );
    if (done < n && r.int(0, 2) > 0) {
      existing.push({
        id: `missed-${series.id}`,
        patient: patient.id,
        series: series.id,
        index: done + 1,
        start: `${start}T06:00`,
        ...(room !== undefined && { room }),
        staff,
        mode: 'missed',
      });
      if (done > 0 && r.int(0, 1) === 0)
        series.resumeGapHours = { max: (series.gapHours?.min ?? 0) + 12 + r.int(0, 60) };
    }
  }
  if (existing.length > 0) problem.existing = existing;
  return problem;
}
