/**
 * RFC 6901 JSON pointers, the one place that escapes a reference token: `~` -> `~0`,
 * `/` -> `~1` (in that order, so `~1` in a key stays `~01`). Every pointer the API answers
 * with (`errors[].pointer`, protocol findings, planning-problem errors) is built here. Pure.
 */

/** One reference token, escaped. */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The pointer to `tokens` from the document root; `[]` is the root itself (`''`). */
export function jsonPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

/** `pointer` extended by one token. */
export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapePointerToken(token)}`;
}
