import { closeMatches, levenshtein } from './close-matches';

describe('closeMatches', () => {
  const clinics = ['Demo Clinic', 'Riverside Trauma Clinic', 'Lakeside', 'Northside Clinic'];

  it.each([
    ['Demo clinic', ['Demo Clinic']],
    ['demo-clinic', ['Demo Clinic']],
    ['Demo Clnic', ['Demo Clinic']],
    ['riverside', ['Riverside Trauma Clinic']],
    ['Lakesid', ['Lakeside']],
    ['Westwood', []],
    ['', []],
  ])('%j -> %j', (given, expected) => {
    expect(closeMatches(given, clinics)).toEqual(expected);
  });

  it('lists the closest first and at most `limit`', () => {
    expect(closeMatches('clinic', clinics, 2)).toEqual(['Demo Clinic', 'Northside Clinic']);
  });

  it('computes the edit distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});
