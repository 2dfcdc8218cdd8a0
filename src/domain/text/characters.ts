/**
 * Which characters a string given to the API may hold. Two kinds of text:
 *
 * - any text (every string and object key of a request, free text such as a protocol's
 *   `description`): no C0 control character except TAB, LF and CR, no DEL, and well-formed
 *   UTF-16 (no lone surrogate). NUL cannot be stored by PostgreSQL at all and a lone
 *   surrogate is refused inside jsonb, so these never reach the database.
 * - single-line text (names, initials, external references, key labels): additionally no
 *   TAB, LF, CR, no C1 control (U+0080–U+009F) and no U+2028/U+2029 line separators.
 *
 * Identifiers and formatted values (slugs, dates, zones, RRULEs, UUIDs) are narrower still;
 * their own format rules refuse every control character.
 */

export type TextKind = 'text' | 'single-line';

/** The first refused character of `value`: its UTF-16 index and why. */
export interface CharacterProblem {
  index: number;
  /** `U+0000`, four or more hex digits. */
  codePoint: string;
  reason: 'control character' | 'line break or tab' | 'lone surrogate';
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** The first character `value` may not hold as text of `kind`, or undefined when it is clean. */
export function findRefusedCharacter(
  value: string,
  kind: TextKind = 'text',
): CharacterProblem | undefined {
  const singleLine = kind === 'single-line';
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c < 0x20) {
      if (c === TAB || c === LF || c === CR) {
        if (singleLine) return problem(i, c, 'line break or tab');
        continue;
      }
      return problem(i, c, 'control character');
    }
    if (c < 0x7f) continue;
    if (c === 0x7f) return problem(i, c, 'control character');
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return problem(i, c, 'lone surrogate');
    }
    if (c >= 0xdc00 && c <= 0xdfff) return problem(i, c, 'lone surrogate');
    if (singleLine && c <= 0x9f) return problem(i, c, 'control character');
    if (singleLine && (c === 0x2028 || c === 0x2029)) return problem(i, c, 'line break or tab');
  }
  return undefined;
}

/** "contains control character U+0000 at position 2" (1-based, for people). */
export function describeCharacterProblem(p: CharacterProblem): string {
  return `contains ${p.reason} ${p.codePoint} at position ${p.index + 1}`;
}

function problem(index: number, code: number, reason: CharacterProblem['reason']) {
  const codePoint = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return { index, codePoint, reason };
}
