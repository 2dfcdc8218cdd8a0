import type { Patient } from '../format';
import { bareState, nurseClinic } from './bare-state.testing';
import { jointRepair, relatedPatients, type JointRepairHost } from './joint-repair';
import { Prng } from './prng';

/** A host over a bare state: patients are placed in order with the complete one-patient search. */
function host(patients: Array<Partial<Patient>>, clock = () => 0): JointRepairHost {
  // One nurse hour a day (9–10 UTC) on Monday 15 and Tuesday 16 March 2027.
  const bare = bareState(nurseClinic(patients, { end: '2027-03-16' }));
  const h: JointRepairHost = {
    ...bare,
    provenInfeasible: new Set(),
    baseDomains: (p) => bare.domains[p],
    timeLeft: () => clock() < 1,
  };
  for (const p of bare.model.patients) bare.insert(p.index);
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
