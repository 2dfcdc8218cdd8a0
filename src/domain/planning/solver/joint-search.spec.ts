import type { Patient } from '../format';
import { compileModel } from '../model/compile';
import type { Model } from '../model/types';
import { computeDomains } from './domains';
import { exactPatientSearch } from './exact-search';
import { pinnedSlots } from './fixed-state';
import { everySessionOpen, jointSearch } from './joint-search';
import { retreat } from '../group-problem.testing';
import { talkClinic } from '../talk-clinic.testing';
import { occupySession } from './patient-plan';
import { ResourceState } from './resource-state';

/** One nurse hour a day (9–10 UTC) on Monday 15 and Tuesday 16 March 2027; one 60-minute talk per patient. */
const clinic = (patients: Array<Partial<Patient>>) => talkClinic({ patients });

function setup(patients: Array<Partial<Patient>>) {
  const model = compileModel(clinic(patients));
  const domains = model.patients.map(
    (p) => computeDomains(model, p, pinnedSlots(model, p.index)).domains,
  );
  return { model, domains, state: new ResourceState(model) };
}

const limits = { nodeLimit: 10_000 };
const dayOf = (model: Model, plan: { sessions: Array<{ day: number }> }) =>
  model.weekday[plan.sessions[0].day];

describe('jointSearch', () => {
  // p1 may come either day, p2 only on Monday.
  const flexibleAndMonday = [{}, { latestEnd: '2027-03-15' }];

  it('places patients together that do not fit one after the other', () => {
    const { model, domains, state } = setup(flexibleAndMonday);
    // p1 alone takes Monday, its earliest fit; then p2 has nothing left.
    const first = exactPatientSearch(model, state, 0, domains[0], limits);
    expect(dayOf(model, first.plan!)).toBe(0);
    for (const s of first.plan!.sessions) occupySession(model, state, 0, s);
    expect(jointSearch(model, state, [1], (p) => domains[p], limits).outcome).toBe('exhausted');

    const fresh = new ResourceState(model);
    const result = jointSearch(model, fresh, [0, 1], (p) => domains[p], limits);
    expect(result.outcome).toBe('found');
    expect(result.plans!.map((plan) => plan.patient)).toEqual([0, 1]);
    expect(result.plans!.map((plan) => dayOf(model, plan))).toEqual([1, 0]); // Tuesday, Monday
    expect(fresh.size).toBe(0); // the search leaves the state as it found it
  });

  it('cuts by counting before any search when the free time cannot hold the sessions', () => {
    const { model, domains, state } = setup([{}, {}, {}]);
    const result = jointSearch(model, state, [0, 1, 2], (p) => domains[p], limits);
    expect(result).toMatchObject({ plans: null, outcome: 'exhausted', nodes: 0, counted: true });
  });

  it('reports the limit when its nodes run out', () => {
    const { model, domains, state } = setup(flexibleAndMonday);
    const result = jointSearch(model, state, [0, 1], (p) => domains[p], { nodeLimit: 0 });
    expect(result).toMatchObject({ plans: null, outcome: 'limit' });
    expect(state.size).toBe(0);
  });
});

describe('everySessionOpen (the joint search forward check)', () => {
  /** One-day retreat whose facilitator has time for exactly one 90-minute circle. */
  function oneCircle(max: number) {
    const problem = retreat(2, { min: 1, max }, { from: '2027-03-01', to: '2027-03-01', days: 1 });
    problem.staff[0].availability = [{ rrule: 'FREQ=DAILY', start: '09:00', end: '10:30' }];
    const model = compileModel(problem);
    const domains = model.patients.map(
      (p) => computeDomains(model, p, pinnedSlots(model, p.index)).domains,
    );
    const state = new ResourceState(model);
    const first = exactPatientSearch(model, state, 0, domains[0], limits);
    for (const s of first.plan!.sessions) occupySession(model, state, 0, s);
    return everySessionOpen(model, state, 1, domains[1], new Set());
  }

  it('keeps a patient whose group session can only join an occurrence with a seat', () => {
    // The facilitator and the circle room are taken by patient 1's circle; a seat is left.
    expect(oneCircle(4)).toBe(true);
  });

  it('cuts when the only occurrence is full and nothing is free to open another', () => {
    expect(oneCircle(1)).toBe(false);
  });
});
