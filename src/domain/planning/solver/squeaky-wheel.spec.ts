import { compareScores, type Score } from '../format';
import type { PatientPlan } from './patient-plan';
import { squeakyWheel, type Rebuildable } from './squeaky-wheel';

/**
 * A toy clinic: each patient may use some chairs; inserting takes the first
 * free one (greedy, order-dependent like the real packing insertion).
 */
class ToyClinic implements Rebuildable {
  readonly plans: Array<PatientPlan | null>;
  readonly taken = new Map<number, number>();
  passes = 0;
  clock = 0;

  constructor(
    private readonly wants: number[][],
    private readonly passCost = 0,
  ) {
    this.plans = wants.map(() => null);
  }

  score(): Score {
    const scheduled = this.plans.filter((p) => p !== null).length;
    return {
      scheduledPatients: scheduled,
      movedAppointments: 0,
      continuityBreaks: 0,
      completionDays: 0,
    };
  }

  timeLeft(): boolean {
    return true;
  }

  insert(p: number): boolean {
    const chair = this.wants[p].find((c) => !this.taken.has(c));
    if (chair === undefined) return false;
    this.taken.set(chair, p);
    this.plans[p] = { patient: p, sessions: [], moved: 0, breaks: 0, lastDay: chair };
    return true;
  }

  clear(): void {
    this.passes++;
    this.clock += this.passCost;
    this.taken.clear();
    this.plans.fill(null);
  }

  restore(plans: ReadonlyArray<PatientPlan | null>): void {
    plans.forEach((plan, p) => {
      if (!plan) return;
      this.taken.set(plan.lastDay, p);
      this.plans[p] = plan;
    });
  }

  build(order: number[]): void {
    for (const p of order) this.insert(p);
  }
}

const options = { rounds: 10, mayStartPass: () => true, compare: compareScores };

describe('squeakyWheel', () => {
  it('moves the patients left out to the front until everyone fits', () => {
    // Patient 0 can sit anywhere, 1 only in chair 0, 2 only in chair 1.
    const clinic = new ToyClinic([[0, 1, 2], [0], [1]]);
    clinic.build([0, 1, 2]);
    expect(clinic.score().scheduledPatients).toBe(2);
    squeakyWheel(clinic, [0, 1, 2], new Set(), options);
    expect(clinic.score().scheduledPatients).toBe(3);
    expect(clinic.plans.map((p) => p?.lastDay)).toEqual([2, 0, 1]);
  });

  it('keeps the starting plan when no pass beats it, and stops after `rounds` passes', () => {
    // Two patients want the only chair: one always stays out.
    const clinic = new ToyClinic([[0], [0], [1]]);
    clinic.build([0, 1, 2]);
    const before = [...clinic.plans];
    squeakyWheel(clinic, [0, 1, 2], new Set(), { ...options, rounds: 4 });
    expect(clinic.passes).toBe(4 + 1); // four passes, then restoring the best
    expect(clinic.plans).toEqual(before);
    expect([...clinic.taken.entries()].sort()).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it('leaves a better plan found by a pass committed without restoring', () => {
    const clinic = new ToyClinic([[0, 1], [0]]);
    clinic.build([0, 1]);
    squeakyWheel(clinic, [0, 1], new Set(), options);
    expect(clinic.passes).toBe(1);
    expect(clinic.score().scheduledPatients).toBe(2);
  });

  it('does not insert or chase patients proven unschedulable', () => {
    const clinic = new ToyClinic([[0], [], [0, 1]]);
    clinic.build([0, 2]);
    const insert = jest.spyOn(clinic, 'insert');
    squeakyWheel(clinic, [0, 1, 2], new Set([1]), options);
    expect(clinic.passes).toBe(0);
    expect(insert).not.toHaveBeenCalled();
  });

  it('starts no pass once mayStartPass says no, and reports the best after each pass', () => {
    const clinic = new ToyClinic([[0], [0], [0]], 10);
    clinic.build([0, 1, 2]);
    const reported: number[] = [];
    squeakyWheel(clinic, [0, 1, 2], new Set(), {
      ...options,
      mayStartPass: () => clinic.clock < 20,
      onRound: (best) => reported.push(best),
    });
    expect(reported).toEqual([1, 1]);
    expect(clinic.score().scheduledPatients).toBe(1);
  });
});
