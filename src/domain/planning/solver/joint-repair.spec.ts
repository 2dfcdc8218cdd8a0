import type { Patient, Problem } from '../format';
import { compileModel } from '../model/compile';
import { computeDomains } from './domains';
import { exactPatientSearch } from './exact-search';
import { pinnedSlots } from './fixed-state';
import { jointRepair, relatedPatients, type JointRepairHost } from './joint-repair';
import { occupySession, releaseSession, type PatientPlan } from './patient-plan';
import { Prng } from './prng';
import { ResourceState } from './resource-state';

/** One nurse hour a day (9–10 UTC) on Monday 15 and Tuesday 16 March 2027; one 60-minute talk per patient. */
function clinic(patients: Array<Partial<Patient>>): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-16' },
    staff: [
      {
        id: 'rn',
        roles: ['rn'],
        availability: [{ rrule: 'FREQ=DAILY', start: '09:00', end: '10:00' }],
      },
    ],
    rooms: [],
    sessionTypes: [{ id: 'talk', durationMinutes: 60, room: null, staff: [{ role: 'rn' }] }],
    protocols: [
      { id: 'one', series: [{ id: 't', sessionType: 'talk', count: { min: 1, max: 1 } }] },
    ],
    patients: patients.map((p, i) => ({ id: `p${i + 1}`, protocol: 'one', ...p })),
  };
}

/** A host over a bare state: patients are placed in order with the complete one-patient search. */
function host(patients: Array<Partial<Patient>>, clock = () => 0): JointRepairHost {
  const model = compileModel(clinic(patients));
  const domains = model.patients.map(
    (p) => computeDomains(model, p, pinnedSlots(model, p.index)).domains,
  );
  const state = new ResourceState(model);
  const plans: Array<PatientPlan | null> = model.patients.map(() => null);
  const h: JointRepairHost = {
    model,
    state,
    plans,
    provenInfeasible: new Set(),
    baseDomains: (p) => domains[p],
    timeLeft: () => clock() < 1,
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
  };
  for (const p of model.patients) {
    const found = exactPatientSearch(model, state, p.index, domains[p.index], { nodeLimit: 1000 });
    if (found.plan) h.commit(found.plan);
  }
  return h;
}

const options = { rounds: 2, nodes: 1000, totalNodes: 10_000, maxNeighbours: 4, draws: 8 };

describe('jointRepair', () => {
  it('brings in a patient by moving the one holding its only hour', () => {
    // p1 (either day) takes Monday first; p2 can only come on Monday.
    const h = host([{}, { latestEnd: '2027-03-15' }]);
    expect(h.plans[1]).toBeNull();
    expect(relatedPatients(h, 1)).toEqual([0]);
    const stats = jointRepair(h, new Prng(1), { ...options, deadline: 1, clock: () => 0 });
    expect(stats.placed).toBe(1);
    expect(h.plans.map((plan) => h.model.weekday[plan!.sessions[0].day])).toEqual([1, 0]);
  });

  it('gives the plans back when no neighbourhood makes room', () => {
    // Three Monday-or-Tuesday patients for two nurse hours: counting cuts every neighbourhood.
    const h = host([{}, {}, {}]);
    const before = h.plans.map((plan) => plan?.sessions[0].start ?? null);
    const stats = jointRepair(h, new Prng(1), { ...options, deadline: 1, clock: () => 0 });
    expect(stats).toMatchObject({ placed: 0, attempts: 0 });
    expect(stats.counted).toBeGreaterThan(0);
    expect(h.plans.map((plan) => plan?.sessions[0].start ?? null)).toEqual(before);
    expect(h.state.size).toBe(2);
  });

  it('stops when the time is up', () => {
    const h = host([{}, { latestEnd: '2027-03-15' }], () => 1);
    const stats = jointRepair(h, new Prng(1), { ...options, deadline: 1, clock: () => 1 });
    expect(stats).toMatchObject({ placed: 0, attempts: 0 });
    expect(h.plans[1]).toBeNull();
  });
});
