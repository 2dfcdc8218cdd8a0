import type { Patient, Problem, Score } from '../format';
import { compileModel } from '../model/compile';
import { computeDomains } from './domains';
import { exactPatientSearch } from './exact-search';
import { pinnedSlots } from './fixed-state';
import { firstFitFloor, floorOrders, type FloorHost } from './first-fit-floor';
import { occupySession, releaseSession, type PatientPlan } from './patient-plan';
import { ResourceState } from './resource-state';

/** One nurse hour a day (9–10 and 14–15 UTC on Monday 15 March 2027, 9–10 on Tuesday); 60-minute talks. */
function clinic(patients: Array<Partial<Patient>>, talks = 1): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-16' },
    staff: [
      {
        id: 'rn',
        roles: ['rn'],
        availability: [
          { date: '2027-03-15', start: '09:00', end: '10:00' },
          { date: '2027-03-15', start: '14:00', end: '15:00' },
          { date: '2027-03-16', start: '09:00', end: '10:00' },
        ],
      },
    ],
    rooms: [],
    sessionTypes: [{ id: 'talk', durationMinutes: 60, room: null, staff: [{ role: 'rn' }] }],
    protocols: [
      {
        id: 'one',
        series: [{ id: 't', sessionType: 'talk', count: { min: talks, max: talks } }],
        patientDay: { start: '08:00', end: '18:00', maxSessions: 1 },
      },
    ],
    patients: patients.map((p, i) => ({ id: `p${i + 1}`, protocol: 'one', ...p })),
  };
}

function host(problem: Problem): FloorHost & { state: ResourceState } {
  const model = compileModel(problem);
  const domains = model.patients.map(
    (p) => computeDomains(model, p, pinnedSlots(model, p.index)).domains,
  );
  const state = new ResourceState(model);
  const plans: Array<PatientPlan | null> = model.patients.map(() => null);
  return {
    model,
    state,
    plans,
    provenInfeasible: new Set(),
    score: (): Score => ({
      scheduledPatients: plans.filter(Boolean).length,
      movedAppointments: 0,
      continuityBreaks: 0,
      completionDays: plans.reduce((sum, plan) => sum + (plan ? plan.lastDay : 0), 0),
    }),
    timeLeft: () => true,
    release: (p) => {
      const plan = plans[p];
      plans[p] = null;
      for (const s of plan?.sessions ?? []) releaseSession(model, state, p, s);
      return plan;
    },
    commit: (plan) => {
      for (const s of plan.sessions) occupySession(model, state, plan.patient, s);
      plans[plan.patient] = plan;
    },
    firstFit: (p) =>
      exactPatientSearch(model, state, p, domains[p], { nodeLimit: 1000, firstFit: true }).plan,
  };
}

describe('first-fit dive (exact-search with firstFit)', () => {
  it('takes the earliest start that keeps the other sessions possible', () => {
    // Two talks on different days: Monday 9:00 first, then Tuesday 9:00.
    const h = host(clinic([{}], 2));
    const plan = h.firstFit(0)!;
    expect(plan.sessions.map((s) => [s.day, h.model.slotStart[s.slot] % 1440])).toEqual([
      [0, 9 * 60],
      [1, 9 * 60],
    ]);
  });

  it('finds no plan for a patient who cannot fit', () => {
    const h = host(clinic([{}], 3)); // three talks, at most one a day, two days
    const model = h.model;
    const domains = computeDomains(model, model.patients[0], pinnedSlots(model, 0));
    const found = exactPatientSearch(model, h.state, 0, domains.domains, {
      nodeLimit: 1000,
      firstFit: true,
    });
    expect(found.plan).toBeNull();
  });
});

describe('firstFitFloor', () => {
  it('keeps the best of its orders and leaves the state empty', () => {
    // p1 Monday or Tuesday, p2 and p3 Monday only: in input order p1 takes Monday 9:00,
    // p2 14:00 and p3 is out; with p1 last everyone fits.
    const h = host(clinic([{}, { latestEnd: '2027-03-15' }, { latestEnd: '2027-03-15' }]));
    const result = firstFitFloor(h, [
      [0, 1, 2],
      [1, 2, 0],
    ])!;
    expect(result.score.scheduledPatients).toBe(3);
    expect(result.order).toEqual([1, 2, 0]);
    expect(h.plans.every((plan) => plan === null)).toBe(true);
    expect(h.state.size).toBe(0);
  });

  it('counts the booked plans it is given', () => {
    const h = host(clinic([{}, { latestEnd: '2027-03-15' }, { latestEnd: '2027-03-15' }]));
    const best = firstFitFloor(h, [[1, 2, 0]])!;
    const worse = firstFitFloor(h, [[0, 1, 2]], best.plans)!;
    expect(worse.score.scheduledPatients).toBe(3);
    expect(worse.plans).toEqual(best.plans);
  });

  it('orders: the problem order, by earliest start, the given one, without repeats', () => {
    const h = host(clinic([{ earliestStart: '2027-03-16' }, {}]));
    expect(floorOrders(h.model, [0, 1])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});
