/**
 * Mutations of a valid request body (openapi-fuzz.ts): a value swapped for a hostile one, a
 * field removed, an unknown or `__proto__` key added, a value nested deep.
 */
import fc from 'fast-check';
import { HOSTILE } from './fuzz-values';
import type { Json } from './openapi-spec';

/** Where in a JSON value a mutation applies: every node's path. */
function nodePaths(value: Json): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const stack: { v: Json; p: (string | number)[] }[] = [{ v: value, p: [] }];
  while (stack.length && out.length < 500) {
    const { v, p } = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((c, i) => {
        out.push([...p, i]);
        stack.push({ v: c, p: [...p, i] });
      });
    } else if (v && typeof v === 'object') {
      for (const [k, c] of Object.entries(v)) {
        out.push([...p, k]);
        stack.push({ v: c, p: [...p, k] });
      }
    }
  }
  return out;
}

type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'remove'; at: number }
  | { kind: 'add-key'; at: number; key: string; value: Json }
  | { kind: 'deep'; at: number; levels: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: fc.constantFrom(...HOSTILE),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add-key' as const),
      at: fc.nat(),
      key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', 'x\u0000'),
      value: fc.constantFrom<Json>({ polluted: true }, 1, 'x'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      at: fc.nat(),
      levels: fc.constantFrom(30, 40, 2000),
    }),
  },
);

/** Applies a mutation to a copy of `value` (JSON round trip first: no shared references). */
export function mutate(value: Json, m: Mutation): Json {
  if (m.kind === 'none') return value;
  const root: { v: Json } = { v: JSON.parse(JSON.stringify(value)) as Json };
  const paths = nodePaths(root.v);
  const path = paths[m.at % paths.length];
  let parent: Json = root as unknown as Json;
  let key: string | number = 'v';
  for (const step of path) {
    parent = (parent as Record<string | number, Json>)[key];
    key = step;
  }
  const holder = parent as Record<string | number, Json>;
  switch (m.kind) {
    case 'replace':
      holder[key] = m.value;
      break;
    case 'remove':
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete holder[key];
      break;
    case 'add-key': {
      const target = holder[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true });
      } else holder[key] = { [m.key]: m.value } as Json;
      break;
    }
    case 'deep': {
      let v: Json = holder[key];
      for (let i = 0; i < m.levels; i += 1) v = [v];
      holder[key] = v;
      break;
    }
  }
  return root.v;
}
