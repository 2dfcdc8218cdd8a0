import type { Problem } from './format';
import { getTemplate } from '../protocol/templates';
import { checkProblem } from './problem-check';
import { solve } from './solve';
import { validateSolution } from './solution-check';

/** kap-integration (format 1.1) with integrations linked to the dose count, two patients. */
function linkedKap(doses: Record<string, number>): Problem {
  const t = getTemplate('kap-integration')!;
  const integration = t.protocol.series.find((s) => s.id === 'integration')!;
  integration.count = { sameAs: 'dose' };
  const allDay = [{ rrule: 'FREQ=DAILY', start: '07:00', end: '21:00' }];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    // Crosses the US spring-forward change of 2027-03-14.
    horizon: { start: '2027-03-01', end: '2027-05-31' },
    staff: t.roles.flatMap((role) =>
      [1, 2].map((i) => ({ id: `${role}-${i}`, roles: [role], availability: allDay })),
    ),
    rooms: [1, 2].map((i) => ({ id: `room-${i}`, features: t.roomFeatures, capacity: 2 })),
    sessionTypes: t.sessionTypes,
    protocols: [t.protocol],
    patients: Object.entries(doses).map(([id, dose], i) => ({
      id,
      protocol: t.protocol.id,
      earliestStart: `2027-03-0${8 + i}`,
      counts: { dose },
    })),
  };
}

describe('linked counts (format 1.1) through the planner', () => {
  it('gives each patient as many integrations as doses (3 doses → 3, 5 doses → 5)', () => {
    const problem = linkedKap({ 'p-3': 3, 'p-5': 5 });
    const checked = checkProblem(problem);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const solution = solve(problem, { timeLimitMs: 4000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    const count = (patient: string, series: string) =>
      solution.appointments.filter((a) => a.patient === patient && a.series === series).length;
    expect([count('p-3', 'dose'), count('p-3', 'integration')]).toEqual([3, 3]);
    expect([count('p-5', 'dose'), count('p-5', 'integration')]).toEqual([5, 5]);
  });
});
