import { FieldIssue } from '../../domain/errors';
import { describeCharacterProblem, findRefusedCharacter } from '../../domain/text/characters';
import { pointerOf } from './request-validation.error';

/**
 * Deepest nesting of objects and arrays a request may have. The deepest real documents (a
 * planning problem, a protocol definition) nest about six levels; class-transformer recurses
 * once per level, so without a limit ~1,500 levels overflow the stack (a 500).
 */
export const MAX_JSON_DEPTH = 32;

/** Keys that name JavaScript internals, never a field: refused like any unknown field. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const MAX_ISSUES = 20;

interface Node {
  value: unknown;
  key: string | number | undefined;
  parent: Node | undefined;
  depth: number;
}

/**
 * Checks a parsed JSON body or query before any transformation, with an explicit stack (no
 * recursion, so no depth can overflow it): nesting at most `maxDepth`, every string and key
 * free of refused characters (`domain/text/characters`), no `__proto__`/`constructor`/
 * `prototype` key. Returns issues by JSON pointer (at most 20; one for too deep a document).
 */
export function checkJsonInput(value: unknown, maxDepth = MAX_JSON_DEPTH): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: Node[] = [{ value, key: undefined, parent: undefined, depth: 0 }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const node = stack.pop()!;
    if (typeof node.key === 'string' && !checkKey(node, issues)) continue;
    const v = node.value;
    if (typeof v === 'string') {
      checkString(v, node, issues);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const depth = node.depth + 1;
    if (depth > maxDepth) {
      return [
        {
          pointer: pointerOf(pathOf(node)),
          code: 'NESTING_TOO_DEEP',
          message: `objects and arrays may be nested at most ${maxDepth} levels deep`,
        },
      ];
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) {
        stack.push({ value: v[i], key: i, parent: node, depth });
      }
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i];
      stack.push({ value: (v as Record<string, unknown>)[key], key, parent: node, depth });
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

/** Checks an object member's key; false (and an issue) when the member must not be read. */
function checkKey(node: Node, issues: FieldIssue[]): boolean {
  const key = node.key as string;
  if (RESERVED_KEYS.has(key)) {
    issues.push({
      pointer: pointerOf(pathOf(node)),
      code: 'UNKNOWN_FIELD',
      message: `unknown field (${key} is never a field name)`,
    });
    return false;
  }
  const bad = findRefusedCharacter(key);
  if (!bad) return true;
  issues.push({
    pointer: pointerOf(pathOf(node)),
    code: 'INVALID_CHARACTER',
    message: `field name ${describeCharacterProblem(bad)}`,
  });
  return false;
}

function checkString(value: string, node: Node, issues: FieldIssue[]): void {
  const bad = findRefusedCharacter(value);
  if (!bad) return;
  const path = pathOf(node);
  issues.push({
    pointer: pointerOf(path),
    code: 'INVALID_CHARACTER',
    message: `${nameOf(path)} ${describeCharacterProblem(bad)}`,
  });
}

/** `name`, `an element of roles`, `the body`: what a message calls the value at `path`. */
function nameOf(path: readonly (string | number)[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the value';
  if (typeof last === 'string') return last;
  const field = [...path].reverse().find((p) => typeof p === 'string');
  return field === undefined ? 'an element' : `an element of ${field}`;
}

function pathOf(node: Node): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.push(n.key);
  return path.reverse();
}
