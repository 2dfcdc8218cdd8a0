/**
 * Format 1.1 presence requirements ("a physician on site") added to a
 * generated problem, from a seed: each session type gets, half of the time, a
 * requirement that one or two holders of a staffed role be present for the
 * whole session or its second half. The rest of the problem is unchanged.
 */
import type { Problem } from '../../../src/domain/planning/format';
import { Rng } from './rng';

export function withPresenceCover(problem: Problem, seed: number): Problem {
  const rng = new Rng(seed ^ 0x2c1b3c6d);
  const out = structuredClone(problem);
  out.formatVersion = 1.1;
  const roles = [...new Set(out.staff.flatMap((s) => s.roles))].sort();
  for (const type of out.sessionTypes) {
    if (roles.length === 0 || rng.int(0, 1) === 0) continue;
    const role = rng.pick(roles);
    const holders = out.staff.filter((s) => s.roles.includes(role)).length;
    const half = type.durationMinutes >= 120 && rng.int(0, 1) === 0;
    type.staff.push({
      role,
      count: holders >= 2 && rng.int(0, 3) === 0 ? 2 : 1,
      mode: 'present',
      ...(half && { offsetMinutes: type.durationMinutes / 2 }),
    });
  }
  return out;
}
