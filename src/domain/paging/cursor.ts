/**
 * Paging cursors: opaque base64url JSON of the last item's sort key. Parsing lives here once;
 * each parser returns undefined for anything this API did not issue (bad base64 or JSON, a key
 * part that is not a safe integer or a clean string, the wrong shape), and the caller answers
 * 400 INVALID_CURSOR without running a query. Pure.
 */
import { RequestValidationError } from '../errors/request-validation.error';
import { findRefusedCharacter } from '../text/characters';

export type CursorKey = (string | number)[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BIGINT = 9223372036854775807n;

/** Opaque cursor holding the sort key of the last item returned. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key of a cursor this API issued, or undefined. */
export function decodeCursor(cursor: string): CursorKey | undefined {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const part = (k: unknown) =>
    (typeof k === 'string' && findRefusedCharacter(k) === undefined) || Number.isSafeInteger(k);
  return Array.isArray(key) && key.every(part) ? (key as CursorKey) : undefined;
}

/** A keyset cursor `[sort value, uuid]` (lists ordered by a column, then id), or undefined. */
export function keysetCursor(cursor: string): [string, string] | undefined {
  const key = decodeCursor(cursor);
  if (key?.length !== 2) return undefined;
  const [value, id] = key;
  if (typeof value !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
  return [value, id];
}

/** A `[version]` cursor: a whole number in [0, max], or undefined. */
export function versionCursor(cursor: string, max: number): number | undefined {
  const key = decodeCursor(cursor);
  if (key?.length !== 1) return undefined;
  const [v] = key;
  return typeof v === 'number' && v >= 0 && v <= max ? v : undefined;
}

/** A `[bigint id]` cursor, the id as its decimal string (at most 2^63 - 1), or undefined. */
export function bigintIdCursor(cursor: string): string | undefined {
  const key = decodeCursor(cursor);
  const id = key?.[0];
  if (typeof id !== 'string' || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_BIGINT) {
    return undefined;
  }
  return id;
}

/** 400 INVALID_CURSOR at /cursor (query parameters are addressed as fields of the query). */
export function invalidCursor(): RequestValidationError {
  return new RequestValidationError([
    { pointer: '/cursor', code: 'INVALID_CURSOR', message: 'cursor is not one this API issued' },
  ]);
}
