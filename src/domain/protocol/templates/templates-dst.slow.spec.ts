/**
 * Every starter template, planned for a small cohort across a daylight-saving
 * change: four patients starting from eight days before to three days after the
 * change (New York, spring forward 2027-03-14 and fall back 2027-11-07) in a
 * clinic with two people per role and two rooms per feature set. The planner
 * must schedule everyone, the independent validator must accept the plan,
 * and the cohort's sessions must lie on both sides of the change.
 */
import type { Problem } from '../../planning/format';
import { checkProblem } from '../../planning/problem-check';
import { solve } from '../../planning/solve';
import { validateSolution } from '../../planning/solution-check';
import { listTemplates, type ProtocolTemplate } from './index';

const CHANGES = [
  { name: 'spring forward', date: '2027-03-14', before: '-05:00', after: '-04:00' },
  { name: 'fall back', date: '2027-11-07', before: '-04:00', after: '-05:00' },
];

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function cohortProblem(t: ProtocolTemplate, change: string): Problem {
  const allDay = [{ rrule: 'FREQ=DAILY', start: '07:00', end: '21:00' }];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: addDays(change, -14), end: addDays(change, 70) },
    staff: t.roles.flatMap((role) =>
      [1, 2].map((i) => ({ id: `${role}-${i}`, roles: [role], availability: allDay })),
    ),
    rooms: [1, 2].map((i) => ({ id: `room-${i}`, features: t.roomFeatures, capacity: 2 })),
    sessionTypes: t.sessionTypes,
    protocols: [t.protocol],
    patients: [-8, -4, 1, 3].map((offset, i) => ({
      id: `p-${i + 1}`,
      protocol: t.protocol.id,
      earliestStart: addDays(change, offset),
    })),
  };
}

describe.each(listTemplates().map((t) => [t.id, t] as const))('starter template %s', (_id, t) => {
  it.each(CHANGES)('schedules a cohort of four across the $name change ($date)', (change) => {
    const problem = cohortProblem(t, change.date);
    const checked = checkProblem(problem);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const solution = solve(problem, { timeLimitMs: 8000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.unscheduled).toEqual([]);
    expect(solution.status).toBe('complete');
    const offsets = new Set(solution.appointments.map((a) => a.start.slice(-6)));
    expect([...offsets].sort()).toEqual([change.before, change.after].sort());
  });
});
