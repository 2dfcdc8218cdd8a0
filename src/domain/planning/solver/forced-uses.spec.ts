import { compileModel } from '../model/compile';
import type { Problem } from '../format';
import { talkClinic } from '../talk-clinic.testing';
import { ContinuityTracker } from './candidates';
import { computeDomains } from './domains';
import { ExclusiveTime } from './exclusive-time';
import { ForcedUses } from './forced-uses';
import type { PatientRun } from './frontier-run';
import { PatientContext } from './patient-context';

/** One day, a room and a nurse free 09:00–11:00 (30-minute slots), two 60-minute talks. */
const clinic = (away: boolean[], roomHours: [string, string] = ['09:00', '11:00']) =>
  talkClinic({
    patients: away.map((out) =>
      out ? { unavailable: [{ start: '2027-03-15T10:00', end: '2027-03-15T11:00' }] } : {},
    ),
    days: ['2027-03-15', '2027-03-15'],
    slotMinutes: 30,
    nurseHours: ['09:00', '11:00'],
    roomHours,
  });

function setUp(problem: Problem) {
  const model = compileModel(problem);
  const patients = model.patients.map((p) => p.index);
  const time = new ExclusiveTime(model, patients);
  const runs: PatientRun[] = model.patients.map((patient) => {
    const ctx = new PatientContext(model, patient);
    return {
      index: patient.index,
      ctx,
      continuity: new ContinuityTracker(model, ctx.proto),
      doms: computeDomains(model, patient, new Map()).domains,
      left: 1,
    };
  });
  const forced = new ForcedUses(model, time, runs);
  const nine = time.room(0)!.free[0];
  return { time, forced, nine };
}

describe('ForcedUses', () => {
  it('forces the one tiling of a piece that must be used in full', () => {
    const { forced, time, nine } = setUp(clinic([false, false]));
    // Room and nurse: 09:00–10:00 and 10:00–11:00 each (a talk at 09:30 would leave
    // 09:00–09:30 that no talk can use, and neither pool has a minute to spare).
    expect(forced.size).toBe(4);
    const room = time.room(0);
    expect(forced.agrees(room, nine, nine + 60)).toBe(true);
    expect(forced.agrees(room, nine + 60, nine + 120)).toBe(true);
    expect(forced.agrees(room, nine + 30, nine + 90)).toBe(false);
  });

  it('forces nothing in a pool with minutes to spare', () => {
    // The room is free until 12:00: an hour of it may stay unused, so its talks may start
    // at 09:00, 09:30, 10:00 …; the nurse still has no minute to spare.
    const { forced, time, nine } = setUp(clinic([false, false], ['09:00', '12:00']));
    expect(forced.size).toBe(2);
    expect(forced.agrees(time.room(0), nine + 30, nine + 90)).toBe(true);
    expect(forced.agrees(time.person(0), nine + 30, nine + 90)).toBe(false);
  });

  it('matches every forced use to its own session that can still start there', () => {
    // One patient away from 10:00: it takes 09:00, the other 10:00.
    const one = setUp(clinic([false, true]));
    expect(one.forced.feasible(one.time, one.nine)).toBe(true);
    // Both away from 10:00: nobody can make the uses at 10:00, although each patient
    // alone fits and every domain holds a start.
    const both = setUp(clinic([true, true]));
    expect(both.forced.feasible(both.time, both.nine)).toBe(false);
  });

  it('lets an earlier pair give way (augmenting path)', () => {
    // Three patients, room and nurse 09:00–12:00: the second can only take 09:00, the third
    // 10:00 or 11:00. The first, paired first with 09:00, must give way twice.
    const problem = talkClinic({
      patients: [
        {},
        { unavailable: [{ start: '2027-03-15T10:00', end: '2027-03-15T12:00' }] },
        { unavailable: [{ start: '2027-03-15T09:00', end: '2027-03-15T10:00' }] },
      ],
      days: ['2027-03-15', '2027-03-15'],
      slotMinutes: 30,
      nurseHours: ['09:00', '12:00'],
      roomHours: ['09:00', '12:00'],
    });
    const { forced, time, nine } = setUp(problem);
    expect(forced.size).toBe(6);
    expect(forced.feasible(time, nine)).toBe(true);
  });
});
