import { augment } from './matching';

describe('augment', () => {
  it('re-routes an earlier match to make room', () => {
    // Left 0 can take right 0 or 1; left 1 only right 0.
    const adj = [[0, 1], [0]];
    const matchOf = new Int32Array(2).fill(-1);
    expect(augment(adj, matchOf, 0)).toBe(true);
    expect(augment(adj, matchOf, 1)).toBe(true);
    expect([...matchOf]).toEqual([1, 0]);
  });

  it('fails when no augmenting path exists and leaves the matching as it was', () => {
    const adj = [[0], [0]];
    const matchOf = new Int32Array(1).fill(-1);
    expect(augment(adj, matchOf, 0)).toBe(true);
    expect(augment(adj, matchOf, 1)).toBe(false);
    expect([...matchOf]).toEqual([0]);
  });
});
