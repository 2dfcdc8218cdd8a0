import { childPointer, escapePointerToken, jsonPointer } from './json-pointer';

describe('JSON pointer (RFC 6901)', () => {
  it('escapes ~ before / so escaped-looking keys survive', () => {
    expect(escapePointerToken('a/b')).toBe('a~1b');
    expect(escapePointerToken('c~d')).toBe('c~0d');
    expect(escapePointerToken('~1')).toBe('~01');
    expect(escapePointerToken('/~')).toBe('~1~0');
    expect(escapePointerToken(3)).toBe('3');
  });

  it('builds a pointer from the root, the root being the empty string', () => {
    expect(jsonPointer([])).toBe('');
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(jsonPointer([''])).toBe('/');
  });

  it('extends a pointer by one token, the same as building it whole', () => {
    expect(childPointer('/series/1', 'gap/Hours')).toBe('/series/1/gap~1Hours');
    expect(childPointer(jsonPointer(['x']), 0)).toBe(jsonPointer(['x', 0]));
  });

  it('round-trips: unescaping each token gives the keys back', () => {
    const keys = ['plain', 'a/b', 'c~d', '~0~1', '', '//~~'];
    const unescape = (t: string) => t.replaceAll('~1', '/').replaceAll('~0', '~');
    const tokens = jsonPointer(keys).split('/').slice(1).map(unescape);
    expect(tokens).toEqual(keys);
  });
});
