import {
  bigintIdCursor,
  decodeCursor,
  encodeCursor,
  idCursor,
  keysetCursor,
  versionCursor,
} from './cursor';

const ID = '0b6c2f7e-3a51-4d8e-9c1a-2f4b6d8e0a1c';
const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('paging cursors', () => {
  it('decode what encode issued', () => {
    const key = ['Ada Lovelace', ID, 7];
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['JSON but not an array', raw('{"a":1}')],
    ['a float', raw('[1.5]')],
    ['an unsafe integer', raw('[9007199254740993]')],
    ['a NUL in a string', raw('["a\\u0000b"]')],
    ['a nested array', raw('[[1]]')],
    ['null', raw('null')],
  ])('refuse %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });

  it('keyset cursors are [string, uuid]', () => {
    expect(keysetCursor(encodeCursor(['2027-03-01', ID]))).toEqual(['2027-03-01', ID]);
    expect(keysetCursor(encodeCursor(['x', 'not-a-uuid']))).toBeUndefined();
    expect(keysetCursor(encodeCursor([1, ID]))).toBeUndefined();
    expect(keysetCursor(encodeCursor(['x']))).toBeUndefined();
    expect(keysetCursor(encodeCursor(['x', ID, 'y']))).toBeUndefined();
    expect(keysetCursor('garbage')).toBeUndefined();
  });

  it('id cursors are [uuid] alone', () => {
    expect(idCursor(encodeCursor([ID]))).toBe(ID);
    expect(idCursor(encodeCursor(['Ada Lovelace', ID]))).toBeUndefined();
    expect(idCursor(encodeCursor(['not-a-uuid']))).toBeUndefined();
    expect(idCursor(encodeCursor([7]))).toBeUndefined();
    expect(idCursor(encodeCursor([]))).toBeUndefined();
    expect(idCursor('garbage')).toBeUndefined();
  });

  it('version cursors are one whole number within [0, max]', () => {
    expect(versionCursor(encodeCursor([0]), 10)).toBe(0);
    expect(versionCursor(encodeCursor([10]), 10)).toBe(10);
    expect(versionCursor(encodeCursor([11]), 10)).toBeUndefined();
    expect(versionCursor(encodeCursor([-1]), 10)).toBeUndefined();
    expect(versionCursor(encodeCursor(['3']), 10)).toBeUndefined();
    expect(versionCursor(encodeCursor([1, 2]), 10)).toBeUndefined();
  });

  it('bigint id cursors are decimal strings up to 2^63 - 1', () => {
    expect(bigintIdCursor(encodeCursor(['42']))).toBe('42');
    expect(bigintIdCursor(encodeCursor(['9223372036854775807']))).toBe('9223372036854775807');
    expect(bigintIdCursor(encodeCursor(['9223372036854775808']))).toBeUndefined();
    expect(bigintIdCursor(encodeCursor(['-1']))).toBeUndefined();
    expect(bigintIdCursor(encodeCursor([42]))).toBeUndefined();
    expect(bigintIdCursor(encodeCursor([]))).toBeUndefined();
  });
});
