import { compileModel } from '../model/compile';
import { PatientContext } from './patient-context';
import { newBookingId } from './patient-plan';
import { boundUses, requiredPerson } from './required-continuity';
import { twoTalks } from './two-talks.testing';

/** Patient p1's context after its first talk on Monday 09:00 in room r1 with therapist t2 (two-talks.testing). */
function afterFirstTalk(required: boolean) {
  const model = compileModel(twoTalks(required));
  const ctx = new PatientContext(model, model.patients[0]);
  const start = Date.parse('2027-03-15T09:00:00Z') / 60_000;
  const slot = model.slotStart.indexOf(start);
  ctx.place({
    series: 0,
    index: 1,
    slot,
    start,
    day: model.slotDay[slot],
    room: 0,
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
    const model = compileModel(twoTalks(true));
    expect(boundUses(model, new PatientContext(model, model.patients[0]), 0)).toEqual([]);
    const free = afterFirstTalk(false);
    expect(boundUses(free.model, free.ctx, 0)).toEqual([]);
  });
});
