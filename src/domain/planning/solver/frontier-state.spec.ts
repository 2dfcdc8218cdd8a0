import { compileModel } from '../model/compile';
import type { Model } from '../model/types';
import { ContinuityTracker } from './candidates';
import { computeDomains } from './domains';
import type { PatientRun } from './frontier-run';
import { sessionUses, stateItems } from './frontier-state';
import { PatientContext } from './patient-context';
import { newBookingId, type PlacedSession } from './patient-plan';
import { StateHash } from './state-hash';
import { twoTalks } from './two-talks.testing';

function runOf(model: Model, p: number): PatientRun {
  const ctx = new PatientContext(model, model.patients[p]);
  return {
    index: p,
    ctx,
    continuity: new ContinuityTracker(model, ctx.proto),
    doms: computeDomains(model, model.patients[p], new Map()).domains,
    left: 2,
  };
}

const minute = (iso: string) => Date.parse(iso) / 60_000;

function session(model: Model, iso: string, room: number, staff: number): PlacedSession {
  const start = minute(iso);
  const slot = model.slotStart.indexOf(start);
  return {
    series: 0,
    index: 1,
    slot,
    start,
    day: model.slotDay[slot],
    room,
    staff: [[staff]],
    existing: null,
    moved: false,
    booking: newBookingId(),
  };
}

/** The state hash after placing p1 and p2 at Monday 09:00 as given (room, therapist each). */
function hashAfter(required: boolean, p1: [number, number], p2: [number, number]): number {
  const model = compileModel(twoTalks(required));
  const st = model.sessionTypes[0];
  const hash = new StateHash();
  for (const [p, [room, staff]] of [p1, p2].entries()) {
    const run = runOf(model, p);
    const placed = session(model, '2027-03-15T09:00:00Z', room, staff);
    run.ctx.place(placed);
    for (const item of stateItems(run, st, placed, sessionUses(st, placed))) hash.add(item);
  }
  return hash.value;
}

describe('stateItems', () => {
  it('reaches one state when two patients swap rooms and people at the same time', () => {
    const base = hashAfter(false, [0, 0], [1, 1]);
    expect(hashAfter(false, [1, 1], [0, 0])).toBe(base);
    expect(hashAfter(false, [1, 0], [0, 1])).toBe(base);
  });

  it('keeps apart states that differ in a use', () => {
    expect(hashAfter(false, [0, 0], [1, 0])).not.toBe(hashAfter(false, [0, 0], [1, 1]));
  });

  it("keeps a person's use apart by its requirement's maxConcurrent", () => {
    // One nurse watching up to three patients is not one watching one: what else fits differs.
    const model = compileModel(twoTalks(false));
    const st = model.sessionTypes[0];
    const shared = { ...st, needs: st.needs.map((need) => ({ ...need, maxConcurrent: 3 })) };
    const run = runOf(model, 0);
    const placed = session(model, '2027-03-15T09:00:00Z', 0, 0);
    run.ctx.place(placed);
    const hash = (type: typeof st) => {
      const h = new StateHash();
      for (const item of stateItems(run, type, placed, sessionUses(type, placed))) h.add(item);
      return h.value;
    };
    expect(hash(shared)).not.toBe(hash(st));
  });

  it('keeps the person required continuity binds to the patient', () => {
    // The rooms still swap freely; the therapists do not: each patient's next talk needs theirs.
    const base = hashAfter(true, [0, 0], [1, 1]);
    expect(hashAfter(true, [1, 0], [0, 1])).toBe(base);
    expect(hashAfter(true, [0, 1], [1, 0])).not.toBe(base);
  });
});
