import type { Problem } from '../format';
import { compileModel } from '../model/compile';
import { PatientContext } from './patient-context';
import { newBookingId } from './patient-plan';
import { boundUses, requiredPerson } from './required-continuity';

/**
 * One patient, two 60-minute talks with a therapist (two therapists), Monday
 * 15 March 2027, 09:00–12:00 UTC; `required`: therapist continuity required.
 */
function talks(required: boolean): Problem {
  const hours = [{ rrule: 'FREQ=DAILY', start: '09:00', end: '12:00' }];
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-17' },
    staff: ['t1', 't2'].map((id) => ({ id, roles: ['therapist'], availability: hours })),
    rooms: [],
    sessionTypes: [{ id: 'talk', durationMinutes: 60, room: null, staff: [{ role: 'therapist' }] }],
    protocols: [
      {
        id: 'talks',
        series: [{ id: 'talk', sessionType: 'talk', count: { min: 2, max: 2 } }],
        ...(required && {
          continuity: [{ series: ['talk'], role: 'therapist', mode: 'require' as const }],
        }),
      },
    ],
    patients: [{ id: 'p1', protocol: 'talks' }],
  };
}

/** The patient's context after its first talk on Monday 09:00 with therapist t2. */
function afterFirstTalk(required: boolean) {
  const model = compileModel(talks(required));
  const ctx = new PatientContext(model, model.patients[0]);
  const start = Date.parse('2027-03-15T09:00:00Z') / 60_000;
  const slot = model.slotStart.indexOf(start);
  ctx.place({
    series: 0,
    index: 1,
    slot,
    start,
    day: model.slotDay[slot],
    room: -1,
    staff: [[1]],
    existing: null,
    moved: false,
    booking: newBookingId(),
  });
  return { model, ctx };
}

describe('required continuity', () => {
  it('binds the series to the person of its first session, with the use that person must make', () => {
    const { model, ctx } = afterFirstTalk(true);
    expect(requiredPerson(model, ctx, 0, 'therapist')).toBe(1);
    expect(boundUses(model, ctx, 0)).toEqual([
      { person: 1, offset: 0, duration: 60, maxConcurrent: 1 },
    ]);
  });

  it('binds nobody before a session is placed, nor without the rule', () => {
    const model = compileModel(talks(true));
    expect(boundUses(model, new PatientContext(model, model.patients[0]), 0)).toEqual([]);
    const free = afterFirstTalk(false);
    expect(boundUses(free.model, free.ctx, 0)).toEqual([]);
  });
});
