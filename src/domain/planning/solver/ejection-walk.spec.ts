import type { Patient } from '../format';
import { bareScore, bareState, nurseClinic } from './bare-state.testing';
import { ejectionWalk, type EjectionHost } from './ejection-walk';
import { Prng } from './prng';

/** A host over a bare state; `initial` gives each patient's day (0 = Monday) or null (out). */
function host(patients: Array<Partial<Patient>>, initial: Array<number | null>): EjectionHost {
  // One nurse hour a day (9–10 UTC), Monday 15 to Wednesday 17 March 2027.
  const bare = bareState(nurseClinic(patients, { end: '2027-03-17' }));
  const { model, domains, plans } = bare;
  const h: EjectionHost = {
    ...bare,
    provenInfeasible: new Set(),
    baseDomains: (p) => domains[p],
    score: () => bareScore(plans),
    timeLeft: () => true,
    insert: (p) => bare.insert(p),
    insertDiversified: (p) => bare.insert(p),
  };
  initial.forEach((day, p) => {
    if (day === null) return;
    bare.insert(
      p,
      domains[p].map((list) => list.map((d) => d.filter((slot) => model.slotDay[slot] === day))),
    );
  });
  return h;
}

const options = { iterations: 50, candidates: 4, tenure: { min: 2, spread: 2 } };
const days = (h: EjectionHost) => h.plans.map((plan) => (plan ? plan.sessions[0].day : null));

describe('ejectionWalk', () => {
  it('brings a patient in through a chain of two ejections', () => {
    // p1 Monday or Tuesday (on Monday), p2 Tuesday or Wednesday (on Tuesday), p3 Monday only (out):
    // p3 takes Monday from p1 (plateau: p1 out), then p1 takes Tuesday from p2, who moves to Wednesday.
    const h = host(
      [{ latestEnd: '2027-03-16' }, { earliestStart: '2027-03-16' }, { latestEnd: '2027-03-15' }],
      [0, 1, null],
    );
    const stats = ejectionWalk(h, new Prng(1), options);
    expect(days(h)).toEqual([1, 2, 0]);
    expect(stats.plateau).toBeGreaterThanOrEqual(1);
    expect(stats.improving).toBe(1);
  });

  it('never ends worse than it started when nobody more can fit', () => {
    // Three Monday-or-Tuesday patients for two nurse hours.
    const patients = [0, 1, 2].map(() => ({ latestEnd: '2027-03-16' }));
    const h = host(patients, [0, 1, null]);
    const before = h.score();
    ejectionWalk(h, new Prng(3), options);
    expect(h.score().scheduledPatients).toBe(before.scheduledPatients);
    expect(h.score().completionDays).toBeLessThanOrEqual(before.completionDays);
  });

  it('leaves a plan with everyone in untouched', () => {
    const h = host([{}, {}], [0, 1]);
    const stats = ejectionWalk(h, new Prng(1), options);
    expect(stats.iterations).toBe(0);
    expect(days(h)).toEqual([0, 1]);
  });
});
