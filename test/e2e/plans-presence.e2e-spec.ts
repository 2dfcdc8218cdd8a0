/**
 * Presence requirements over HTTP: a format 1.1 problem whose infusions need a
 * physician present through recovery (the `ketamine-iv` starter session type)
 * is planned by POST /v1/plans/solve, and the answer names the cover with
 * `"mode": "present"` and passes the independent validator.
 */
import type { Problem, Solution } from '../../src/domain/planning/format';
import { validateSolution } from '../../src/domain/planning/solution-check';
import { getTemplate } from '../../src/domain/protocol/templates';
import { useTestApp } from '../harness/test-app';

function coverProblem(): Problem {
  const t = getTemplate('ketamine-ptsd-intensive')!;
  const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA', start: '08:00', end: '18:00' }];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: '2027-03-01', end: '2027-04-15' },
    // One prescriber: they start every infusion and cover each recovery.
    staff: t.roles.map((role) => ({ id: `${role}-1`, roles: [role], availability: weekdays })),
    rooms: [{ id: 'bay-1', features: t.roomFeatures, capacity: 2 }],
    sessionTypes: t.sessionTypes,
    protocols: [t.protocol],
    patients: ['p-1', 'p-2'].map((id) => ({
      id,
      protocol: t.protocol.id,
      earliestStart: '2027-03-08',
    })),
    options: { timeLimitMs: 4000, seed: 1 },
  };
}

describe('POST /v1/plans/solve with presence requirements', () => {
  const t = useTestApp();

  it('plans the physician cover and names it with mode "present"', async () => {
    const clinic = await t().createClinic();
    const problem = coverProblem();
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    const solution = res.body as Solution;
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    const infusions = solution.appointments.filter((a) => a.sessionType === 'ketamine-iv');
    expect(infusions).toHaveLength(12);
    for (const a of infusions)
      expect(a.staff.filter((s) => s.mode === 'present')).toEqual([
        expect.objectContaining({ id: 'prescriber-1', role: 'prescriber', end: a.end }),
      ]);
  });
});
