import type { Problem } from '../format';
import { compileModel } from '../model/compile';
import { ContinuityTracker } from './candidates';
import { computeDomains } from './domains';
import { ExclusiveTime } from './exclusive-time';
import { trimToFrontier, type PatientRun } from './frontier-run';
import { PatientContext } from './patient-context';

/**
 * One patient: a 60-minute intake, then a 60-minute dose at least 24 h after
 * the intake ends; one room and one nurse, 09:00–12:00 on Monday 15 to
 * Wednesday 17 March 2027 (UTC, hourly grid).
 */
function intakeThenDose(): Problem {
  const hours = [{ rrule: 'FREQ=DAILY', start: '09:00', end: '12:00' }];
  const session = (id: string) => ({
    id,
    durationMinutes: 60,
    room: { features: ['care'] },
    staff: [{ role: 'rn' }],
  });
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-17' },
    staff: [{ id: 'rn', roles: ['rn'], availability: hours }],
    rooms: [{ id: 'room', features: ['care'], capacity: 1, availability: hours }],
    sessionTypes: [session('intake'), session('dose')],
    protocols: [
      {
        id: 'kap',
        series: [
          { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
          { id: 'dose', sessionType: 'dose', count: { min: 1, max: 1 } },
        ],
        rules: [
          {
            type: 'offset',
            from: { series: 'intake', occurrence: 'last', point: 'end' },
            to: { series: 'dose', occurrence: 'first', point: 'start' },
            hours: { min: 24, max: 336 },
          },
        ],
      },
    ],
    patients: [{ id: 'p1', protocol: 'kap' }],
  };
}

function setUp() {
  const model = compileModel(intakeThenDose());
  const patient = model.patients[0];
  const ctx = new PatientContext(model, patient);
  const run: PatientRun = {
    index: 0,
    ctx,
    continuity: new ContinuityTracker(model, ctx.proto),
    doms: computeDomains(model, patient, new Map()).domains,
    left: 2,
  };
  const starts = () =>
    run.doms.map((list) =>
      [...list[0]].map((slot) =>
        new Date(model.slotStart[slot] * 60_000).toISOString().slice(8, 13),
      ),
    );
  const minute = (iso: string) => Date.parse(iso) / 60_000;
  return { model, run, starts, minute, time: new ExclusiveTime(model, [0]) };
}

describe('trimToFrontier', () => {
  it('drops the starts the frontier has passed and what follows from them, and undoes it', () => {
    const { model, run, starts, minute, time } = setUp();
    const before = starts();
    // Dose from Tuesday 10:00 (an intake at Monday 09:00 ends at 10:00); intake by Tuesday
    // 10:00 (a dose at Wednesday 11:00 at the latest).
    expect(before).toEqual([
      ['15T09', '15T10', '15T11', '16T09', '16T10'],
      ['16T10', '16T11', '17T09', '17T10', '17T11'],
    ]);
    const undo = trimToFrontier(model, time, [run], minute('2027-03-15T11:00:00Z'));
    expect(undo).not.toBeNull();
    // The intake cannot start before 11:00 any more, so the dose not before Tuesday 12:00.
    expect(starts()).toEqual([
      ['15T11', '16T09', '16T10'],
      ['17T09', '17T10', '17T11'],
    ]);
    undo!();
    expect(starts()).toEqual(before);
  });

  it('cuts the branch when a patient is left with no start, changing nothing', () => {
    const { model, run, starts, minute, time } = setUp();
    const before = starts();
    // Past Tuesday 10:00 no intake leaves room for the dose 24 h later within the horizon.
    expect(trimToFrontier(model, time, [run], minute('2027-03-16T12:00:00Z'))).toBeNull();
    expect(starts()).toEqual(before);
  });

  it('leaves a patient whose next sessions are all ahead of the frontier as it is', () => {
    const { model, run, minute, time } = setUp();
    const doms = run.doms;
    const undo = trimToFrontier(model, time, [run], minute('2027-03-15T09:00:00Z'));
    expect(undo).not.toBeNull();
    expect(run.doms).toBe(doms);
  });
});
