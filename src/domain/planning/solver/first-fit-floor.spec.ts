import type { Patient, Problem } from '../format';
import { bareScore, bareState, nurseClinic } from './bare-state.testing';
import { adoptIfBetter, firstFitFloor, floorOrders, type FloorHost } from './first-fit-floor';
import type { ResourceState } from './resource-state';

/** Nurse hours 9–10 and 14–15 UTC on Monday 15 March 2027, 9–10 on Tuesday; one talk a day at most. */
function clinic(patients: Array<Partial<Patient>>) {
  return nurseClinic(patients, {
    end: '2027-03-16',
    maxPerDay: 1,
    availability: [
      { date: '2027-03-15', start: '09:00', end: '10:00' },
      { date: '2027-03-15', start: '14:00', end: '15:00' },
      { date: '2027-03-16', start: '09:00', end: '10:00' },
    ],
  });
}

function host(problem: Problem): FloorHost & { state: ResourceState } {
  const bare = bareState(problem);
  return {
    ...bare,
    provenInfeasible: new Set(),
    score: () => bareScore(bare.plans),
    timeLeft: () => true,
    insertPacked: (p) => bare.insert(p),
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
    expect(adoptIfBetter(h, () => booked)).toBe(true);
    expect(h.plans).toEqual(booked);
    expect(h.state.size).toBe(3);
    expect(adoptIfBetter(h, () => [booked[0], null, null])).toBe(false);
    expect(adoptIfBetter(h, () => undefined)).toBe(false);
    expect(h.plans).toEqual(booked);
  });

  it('changes nothing when everyone is in', () => {
    const h = host(clinic([{}, {}]));
    h.insertPacked(0);
    h.insertPacked(1);
    const before = [...h.plans];
    expect(firstFitFloor(h, [[1, 0]])).toBeNull();
    const booker = jest.fn(() => [null, null]);
    expect(adoptIfBetter(h, booker)).toBe(false);
    expect(booker).not.toHaveBeenCalled();
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
