/**
 * Delta debugging for planning problems: greedily deletes array elements and
 * object fields (a patient together with its existing bookings) while the
 * input checker still accepts the problem and `stillFails` still holds, until
 * no single deletion keeps the failure. Used to report solver failures as
 * the smallest problem JSON found.
 */
import type { Problem } from '../../../src/domain/planning/format';
import { checkProblem } from './problem-check-api';

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

function without(problem: Problem, path: Path): Problem {
  const copy = structuredClone(problem) as unknown as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  const result = copy as unknown as Problem;
  if (path.length === 2 && path[0] === 'patients') {
    const ids = new Set(result.patients.map((p) => p.id));
    if (result.existing) result.existing = result.existing.filter((e) => ids.has(e.patient));
  }
  return result;
}

export function shrinkProblem(
  problem: Problem,
  stillFails: (p: Problem) => boolean,
  maxRounds = 20,
): Problem {
  let current = problem;
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    // Larger structures first: shorter paths come first.
    const candidates = paths(current).sort((a, b) => a.length - b.length);
    for (const path of candidates) {
      let next: Problem;
      try {
        next = without(current, path);
      } catch {
        continue;
      }
      if (!checkProblem(JSON.parse(JSON.stringify(next))).ok) continue;
      if (!stillFails(next)) continue;
      current = next;
      changed = true;
      break;
    }
    if (!changed) return current;
  }
  return current;
}
