import { firstFitBook } from '../first-fit/first-fit-booker';
import { compileModel } from '../model/compile';
import { nurseClinic } from './bare-state.testing';
import { Planner } from './planner';
import { plansFromAppointments } from './plans-from-appointments';

/**
 * The construction and the first-fit floor (planner.ts, `FLOOR_EARLY_SHARE`):
 * the floor is made within the time limit, so that a construction the limit
 * cuts can adopt it without running past the limit.
 */
describe('Planner.construct and the first-fit floor', () => {
  // Five patients, one talk each, the nurse free 9–10 every day of a week: everyone fits.
  const problem = nurseClinic([{}, {}, {}, {}, {}], { end: '2027-03-21' });
  const model = compileModel(problem);
  const booked = () => plansFromAppointments(model, firstFitBook(problem).appointments);

  it('makes the floor halfway through a long construction, before the limit cuts it', () => {
    // Each patient's insertion costs 40 time units of a 100-unit limit: the fourth is not tried.
    let now = 0;
    const calls: number[] = [];
    const planner = new Planner(model, {
      seed: 1,
      deadline: 100,
      clock: () => now,
      onPlaced: () => (now += 40),
      firstFitPlans: () => {
        calls.push(now);
        return booked();
      },
    });
    planner.construct();
    // Made once, at 80 (the third patient, past 50), not after the cut at 120.
    expect(calls).toEqual([80]);
    // The booker's plans schedule all five: adopted over the construction's three.
    expect(planner.score().scheduledPatients).toBe(5);
  });

  it('does not make it when the construction places everyone before halfway', () => {
    let made = 0;
    const planner = new Planner(model, {
      seed: 1,
      deadline: 100,
      clock: () => 0,
      firstFitPlans: () => {
        made++;
        return booked();
      },
    });
    planner.construct();
    expect(planner.score().scheduledPatients).toBe(5);
    expect(made).toBe(0);
  });
});
