import { checkJsonInput, MAX_JSON_DEPTH } from './json-input';

describe('checkJsonInput', () => {
  const nest = (levels: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i += 1) v = i % 2 ? { a: v } : [v];
    return v;
  };

  it('accepts ordinary documents, including free text with line breaks', () => {
    expect(
      checkJsonInput({ name: 'Zoë', tags: ['a', 'b'], nested: { note: 'a\n\tb', n: 1, x: null } }),
    ).toEqual([]);
  });

  it(`allows ${MAX_JSON_DEPTH} levels and refuses one more, pointing where it goes too deep`, () => {
    expect(checkJsonInput(nest(MAX_JSON_DEPTH))).toEqual([]);
    const issues = checkJsonInput(nest(MAX_JSON_DEPTH + 1));
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('NESTING_TOO_DEEP');
    expect(issues[0].pointer.split('/')).toHaveLength(MAX_JSON_DEPTH + 1);
  });

  it('walks without recursion: 200,000 levels do not overflow the stack', () => {
    expect(checkJsonInput(nest(200_000))[0].code).toBe('NESTING_TOO_DEEP');
  });

  it('points at each refused string and key, escaping pointers (RFC 6901)', () => {
    expect(
      checkJsonInput({ 'a/b': ['ok', 'x\u0000'], 'k~\u0007': 1, s: '\ud800', [`__proto__`]: 1 }),
    ).toEqual([
      {
        pointer: '/a~1b/1',
        code: 'INVALID_CHARACTER',
        message: 'an element of a/b contains control character U+0000 at position 2',
      },
      {
        pointer: '/k~0\u0007',
        code: 'INVALID_CHARACTER',
        message: 'field name contains control character U+0007 at position 3',
      },
      {
        pointer: '/s',
        code: 'INVALID_CHARACTER',
        message: 's contains lone surrogate U+D800 at position 1',
      },
      {
        pointer: '/__proto__',
        code: 'UNKNOWN_FIELD',
        message: 'unknown field (__proto__ is never a field name)',
      },
    ]);
  });

  it('finds __proto__ as JSON.parse makes it (an own key), and constructor/prototype', () => {
    const parsed: unknown = JSON.parse('{"a":{"__proto__":{"x":1}},"constructor":1,"prototype":2}');
    expect(checkJsonInput(parsed).map((i) => i.pointer)).toEqual([
      '/a/__proto__',
      '/constructor',
      '/prototype',
    ]);
  });

  it('reports at most 20 issues', () => {
    expect(checkJsonInput(Array.from({ length: 50 }, () => '\u0000'))).toHaveLength(20);
  });

  it('judges a bare string as the value itself', () => {
    expect(checkJsonInput('a\u0001')).toEqual([
      expect.objectContaining({ pointer: '', message: expect.stringMatching(/^the value/) }),
    ]);
  });
});
