import type { Patient, Problem, Score } from '../format';
import { compileModel } from '../model/compile';
import { computeDomains } from './domains';
import { ejectionWalk, type EjectionHost } from './ejection-walk';
import { exactPatientSearch } from './exact-search';
import { pinnedSlots } from './fixed-state';
import { occupySession, releaseSession, type PatientPlan } from './patient-plan';
import { Prng } from './prng';
import { ResourceState } from './resource-state';

/** One nurse hour a day (9–10 UTC), Monday 15 to Wednesday 17 March 2027; one 60-minute talk per patient. */
function clinic(patients: Array<Partial<Patient>>): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-17' },
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

/** A host over a bare state; `initial` gives each patient's day (0 = Monday) or null (out). */
function host(patients: Array<Partial<Patient>>, initial: Array<number | null>): EjectionHost {
  const model = compileModel(clinic(patients));
  const domains = model.patients.map(
    (p) => computeDomains(model, p, pinnedSlots(model, p.index)).domains,
  );
  const state = new ResourceState(model);
  const plans: Array<PatientPlan | null> = model.patients.map(() => null);
  const commit = (plan: PatientPlan) => {
    for (const s of plan.sessions) occupySession(model, state, plan.patient, s);
    plans[plan.patient] = plan;
  };
  const insert = (p: number): boolean => {
    const found = exactPatientSearch(model, state, p, domains[p], { nodeLimit: 1000 });
    if (found.plan) commit(found.plan);
    return found.plan !== null;
  };
  const h: EjectionHost = {
    model,
    plans,
    provenInfeasible: new Set(),
    baseDomains: (p) => domains[p],
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
    commit,
    insert,
    insertDiversified: insert,
  };
  initial.forEach((day, p) => {
    if (day === null) return;
    const dom = domains[p].map((list) =>
      list.map((d) => d.filter((slot) => model.slotDay[slot] === day)),
    );
    const found = exactPatientSearch(model, state, p, dom, { nodeLimit: 1000 });
    commit(found.plan!);
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
