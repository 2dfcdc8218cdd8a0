import { StateHash } from './state-hash';

function hashOf(items: number[][]): number {
  const hash = new StateHash();
  for (const item of items) hash.add(item);
  return hash.value;
}

describe('StateHash', () => {
  it('gives a multiset one value whatever the order it was built in', () => {
    const items = [
      [1, 0, 2, 1, 40],
      [2, 3, 600, 690],
      [3, 7, 600, 750],
      [3, 7, 600, 750],
    ];
    expect(hashOf(items)).toBe(hashOf([...items].reverse()));
    expect(hashOf(items)).toBe(hashOf([items[2], items[0], items[3], items[1]]));
  });

  it('tells equal items apart from one (uses of one shared person do not cancel)', () => {
    const use = [3, 7, 600, 750];
    const once = hashOf([use]);
    expect(hashOf([use, use])).not.toBe(once);
    expect(hashOf([use, use])).not.toBe(hashOf([]));
    expect(hashOf([use, use, use])).not.toBe(once);
  });

  it('tells apart items that differ in one number or in their order', () => {
    const values = new Set([
      hashOf([[2, 3, 600, 690]]),
      hashOf([[2, 3, 600, 691]]),
      hashOf([[2, 4, 600, 690]]),
      hashOf([[3, 2, 600, 690]]),
      hashOf([[2, 3, 690, 600]]),
      hashOf([[2, 3, 600]]),
    ]);
    expect(values.size).toBe(6);
  });

  it('is back where it was once the items are removed, in any order', () => {
    const hash = new StateHash();
    hash.add([9, 9]);
    const start = hash.value;
    hash.add([1, 2]);
    hash.add([3, 4]);
    hash.add([1, 2]);
    expect(hash.value).not.toBe(start);
    hash.remove([1, 2]);
    hash.remove([3, 4]);
    hash.remove([1, 2]);
    expect(hash.value).toBe(start);
  });

  it('keeps its value a safe integer', () => {
    const hash = new StateHash();
    for (let i = 0; i < 1000; i++) {
      hash.add([i, i * 7, -i]);
      expect(Number.isSafeInteger(hash.value)).toBe(true);
      expect(hash.value).toBeGreaterThanOrEqual(0);
    }
  });
});
