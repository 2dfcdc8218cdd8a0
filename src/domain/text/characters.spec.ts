import fc from 'fast-check';
import { describeCharacterProblem, findRefusedCharacter } from './characters';

describe('findRefusedCharacter', () => {
  it.each([
    ['a\u0000b', 'U+0000', 'control character', 1],
    ['\u001b[31m', 'U+001B', 'control character', 0],
    ['x\u007f', 'U+007F', 'control character', 1],
    ['a\ud800b', 'U+D800', 'lone surrogate', 1],
    ['\udc00', 'U+DC00', 'lone surrogate', 0],
    ['ab\ud83d', 'U+D83D', 'lone surrogate', 2],
  ])('refuses %j in any text', (value, codePoint, reason, index) => {
    expect(findRefusedCharacter(value)).toEqual({ index, codePoint, reason });
    expect(findRefusedCharacter(value, 'single-line')).toEqual({ index, codePoint, reason });
  });

  it.each(['line one\nline two', 'a\tb', 'crlf\r\n', '\u0085', 'a\u2028b'])(
    'allows %j as free text but not as single-line text',
    (value) => {
      expect(findRefusedCharacter(value)).toBeUndefined();
      expect(findRefusedCharacter(value, 'single-line')).toBeDefined();
    },
  );

  it.each(['', 'Dr. Amara Okafor', 'Zoë Ångström', 'Ω 😀 名前', 'a\u00a0b'])(
    'accepts %j as single-line text',
    (value) => {
      expect(findRefusedCharacter(value, 'single-line')).toBeUndefined();
    },
  );

  it('accepts only what PostgreSQL stores unchanged (no NUL, survives UTF-8)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        // Well-formed strings survive a UTF-8 round trip unchanged; lone surrogates do not.
        const storable = !value.includes('\u0000') && Buffer.from(value).toString() === value;
        if (!storable) expect(findRefusedCharacter(value)).toBeDefined();
      }),
      { seed: 11 },
    );
  });

  it('describes the character for people (1-based position)', () => {
    expect(describeCharacterProblem(findRefusedCharacter('a\u0000b')!)).toBe(
      'contains control character U+0000 at position 2',
    );
  });
});
