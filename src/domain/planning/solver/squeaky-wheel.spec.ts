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

const options = { rounds: 10, repairMaxOut: 0, mayStartPass: () => true, compare: compareScores };

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

  describe('repair after a pass', () => {
    /** A toy repair: seats every patient still out in a spare chair (99 on). */
    function withRepair(clinic: ToyClinic): jest.Mock {
      const repair = jest.fn(() => {
        clinic.plans.forEach((plan, p) => {
          if (plan) return;
          const chair = 99 + p;
          clinic.taken.set(chair, p);
          clinic.plans[p] = { patient: p, sessions: [], moved: 0, breaks: 0, lastDay: chair };
        });
      });
      (clinic as Rebuildable).repair = repair;
      return repair;
    }

    it('repairs a pass leaving at most repairMaxOut patients out and scores the repaired plan', () => {
      // Two patients want the only chair 0: a pass alone always leaves one out.
      const clinic = new ToyClinic([[0], [0], [1]]);
      const repair = withRepair(clinic);
      clinic.build([0, 1, 2]);
      squeakyWheel(clinic, [0, 1, 2], new Set(), { ...options, repairMaxOut: 1 });
      expect(repair).toHaveBeenCalledTimes(1);
      expect(clinic.passes).toBe(1);
      expect(clinic.score().scheduledPatients).toBe(3);
    });

    it('orders the next pass by the patients the pass left out, not the repair', () => {
      // Patients 0 and 1 both want only chair 0. The repair swaps: it seats
      // the patient left out and unseats the other.
      const clinic = new ToyClinic([[0], [0], [1]]);
      clinic.build([0, 1, 2]);
      (clinic as Rebuildable).repair = () => {
        const out = clinic.plans.findIndex((plan) => plan === null);
        const seated = clinic.taken.get(0)!;
        clinic.plans[seated] = null;
        clinic.taken.set(0, out);
        clinic.plans[out] = { patient: out, sessions: [], moved: 0, breaks: 0, lastDay: 0 };
      };
      const order: number[] = [];
      const insert = clinic.insert.bind(clinic);
      jest.spyOn(clinic, 'insert').mockImplementation((p) => (order.push(p), insert(p)));
      squeakyWheel(clinic, [0, 1, 2], new Set(), { ...options, rounds: 2, repairMaxOut: 1 });
      // Pass 1 puts 1 first (left out by the build) and leaves 0 out; the
      // repair then leaves 1 out, but pass 2 puts 0 first.
      expect(order).toEqual([1, 0, 2, 0, 1, 2]);
    });

    it('leaves passes with more patients out than repairMaxOut, or none, unrepaired', () => {
      const crowded = new ToyClinic([[0], [0], [0]]);
      const repairCrowded = withRepair(crowded);
      crowded.build([0, 1, 2]);
      squeakyWheel(crowded, [0, 1, 2], new Set(), { ...options, rounds: 3, repairMaxOut: 1 });
      expect(repairCrowded).not.toHaveBeenCalled();
      expect(crowded.score().scheduledPatients).toBe(1);

      const roomy = new ToyClinic([[0, 1], [0]]);
      const repairRoomy = withRepair(roomy);
      roomy.build([0, 1]);
      squeakyWheel(roomy, [0, 1], new Set(), { ...options, repairMaxOut: 1 });
      expect(roomy.passes).toBe(1);
      expect(repairRoomy).not.toHaveBeenCalled();
      expect(roomy.score().scheduledPatients).toBe(2);
    });
  });
});
