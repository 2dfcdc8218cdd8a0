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

/**
 * An id-only cursor `[uuid]`, or undefined: for lists sorted by a column that holds personal
 * data (a patient's or staff member's name), which must not travel in URLs. The list seeks
 * after the named row's current (sort value, id).
 */
export function idCursor(cursor: string): string | undefined {
  const key = decodeCursor(cursor);
  if (key?.length !== 1) return undefined;
  const [id] = key;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
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
export function invalidCursor(
  message = 'cursor is not one this API issued',
): RequestValidationError {
  return new RequestValidationError([{ pointer: '/cursor', code: 'INVALID_CURSOR', message }]);
}

/** 400 INVALID_CURSOR for an id-only cursor whose row the clinic no longer has. */
export function staleCursor(): RequestValidationError {
  return invalidCursor(
    'cursor names a record that no longer exists; list again from the first page (no cursor)',
  );
}
