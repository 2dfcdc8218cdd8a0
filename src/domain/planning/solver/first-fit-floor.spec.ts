import type { Patient, Problem, Score } from '../format';
import { compileModel } from '../model/compile';
import { computeDomains } from './domains';
import { exactPatientSearch } from './exact-search';
import { pinnedSlots } from './fixed-state';
import { adoptIfBetter, firstFitFloor, floorOrders, type FloorHost } from './first-fit-floor';
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
    insertPacked: (p) => {
      const found = exactPatientSearch(model, state, p, domains[p], { nodeLimit: 1000 });
      if (found.plan) {
        for (const x of found.plan.sessions) occupySession(model, state, p, x);
        plans[p] = found.plan;
      }
      return found.plan !== null;
    },
  };
}

describe('firstFitFloor', () => {
  // p1 Monday or Tuesday, p2 and p3 Monday only (two Monday hours, one on Tuesday):
  // in the problem's order p1 takes Monday 9:00, p2 14:00 and p3 is out; with p1 last everyone fits.
  const patients = [{}, { latestEnd: '2027-03-15' }, { latestEnd: '2027-03-15' }];

  it('keeps the best of the committed plan and its passes', () => {
    const h = host(clinic(patients));
    h.insertPacked(0);
    h.insertPacked(1);
    expect(h.plans.filter(Boolean)).toHaveLength(2);
    const order = firstFitFloor(h, [
      [0, 1, 2],
      [1, 2, 0],
    ]);
    expect(order).toEqual([1, 2, 0]);
    expect(h.score().scheduledPatients).toBe(3);
    expect(h.state.size).toBe(3);
  });

  it("adopts the booker's plans only when they schedule more patients", () => {
    const h = host(clinic(patients));
    for (const p of [1, 2, 0]) h.insertPacked(p);
    const booked = [...h.plans];
    h.plans.forEach((_, p) => h.release(p));
    h.insertPacked(0);
    h.insertPacked(1);
    expect(adoptIfBetter(h, booked)).toBe(true);
    expect(h.plans).toEqual(booked);
    expect(h.state.size).toBe(3);
    expect(adoptIfBetter(h, [booked[0], null, null])).toBe(false);
    expect(adoptIfBetter(h, undefined)).toBe(false);
    expect(h.plans).toEqual(booked);
  });

  it('changes nothing when everyone is in', () => {
    const h = host(clinic([{}, {}]));
    h.insertPacked(0);
    h.insertPacked(1);
    const before = [...h.plans];
    expect(firstFitFloor(h, [[1, 0]])).toBeNull();
    expect(h.plans).toEqual(before);
  });

  it('orders: the problem order, then by earliest start when that differs', () => {
    expect(floorOrders(host(clinic([{ earliestStart: '2027-03-16' }, {}])).model)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(floorOrders(host(clinic([{}, {}])).model)).toEqual([[0, 1]]);
  });
});
