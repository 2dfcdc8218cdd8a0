/**
 * What the planner plans, the database can book: every schedule the planning format allows
 * fits the lane layout of resource_booking (src/domain/booking/lanes.ts), replayed in
 * memory per person and room in start order. First-fit planted schedules share nurses between
 * sessions watched 2, 3 and 4 at once; on seed 21 one IM dose (3 at once) next to esketamine
 * holds (4 at once) needs a hold split across lanes (before that split, the layout refused
 * it: 409 at a plan run's commit).
 */
import { planLane, type LaneHold } from '../../src/domain/booking/lanes';
import { applyLanePlan } from '../../src/domain/booking/lanes.testing';
import type { Problem, Solution } from '../../src/domain/planning/format';
import { firstFitPlanted } from '../factories/planning/firstfit-planted';

interface Claim {
  id: string;
  start: number;
  end: number;
  cap: number;
}

/** Each person's and room's claims in the schedule, as the booking service writes them. */
function claims(problem: Problem, solution: Solution): Map<string, Claim[]> {
  const types = new Map(problem.sessionTypes.map((t) => [t.id, t]));
  const rooms = new Map(problem.rooms.map((r) => [r.id, r]));
  const out = new Map<string, Claim[]>();
  const add = (key: string, claim: Claim) => out.set(key, [...(out.get(key) ?? []), claim]);
  for (const a of solution.appointments) {
    const type = types.get(a.sessionType)!;
    for (const s of a.staff) {
      const need = type.staff.find((n) => n.role === s.role)!;
      const cap = need.maxConcurrent ?? 1;
      add(`staff ${s.id}`, { id: a.id, start: Date.parse(s.start), end: Date.parse(s.end), cap });
    }
    if (a.room) {
      const end = Date.parse(a.end) + (type.room?.turnoverMinutes ?? 0) * 60_000;
      add(`room ${a.room}`, {
        id: a.id,
        start: Date.parse(a.start),
        end,
        cap: rooms.get(a.room)!.capacity ?? 1,
      });
    }
  }
  return out;
}

/** Claims refused when booked one by one in start order, each plan's moves and rows applied. */
function refusedClaims(problem: Problem, solution: Solution): string[] {
  const refused: string[] = [];
  for (const [resource, list] of claims(problem, solution)) {
    let holds: LaneHold[] = [];
    for (const c of [...list].sort((a, b) => a.start - b.start)) {
      const plan = planLane(holds, c);
      if (!plan.ok) {
        refused.push(`${resource}: ${c.id}`);
        continue;
      }
      const next = applyLanePlan(holds, plan, { id: c.id, appointmentId: c.id, cap: c.cap });
      holds = next;
    }
  }
  return refused;
}

describe('the lane layout takes every schedule the format allows', () => {
  it.each([21, 13, 10007])('first-fit planted seed %i: nothing refused', (seed) => {
    const { problem, planted } = firstFitPlanted(seed);
    expect(refusedClaims(problem, planted)).toEqual([]);
  });
});
