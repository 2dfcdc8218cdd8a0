import { covers, intersect, normalize, overlapsAny, subtract, totalLength } from './intervals';

describe('interval lists', () => {
  it('normalizes: sorts, merges overlapping and touching intervals, drops empty ones', () => {
    expect(
      normalize([
        [10, 20],
        [0, 5],
        [5, 7],
        [15, 30],
        [40, 40],
      ]),
    ).toEqual([0, 7, 10, 30]);
  });

  it('subtracts and intersects', () => {
    const a = [0, 100, 200, 300];
    expect(subtract(a, [50, 60, 90, 210, 250, 400])).toEqual([0, 50, 60, 90, 210, 250]);
    expect(intersect(a, [50, 250])).toEqual([50, 100, 200, 250]);
    expect(totalLength(a)).toBe(200);
  });

  it('tests half-open containment and overlap', () => {
    const a = [0, 100, 200, 300];
    expect(covers(a, 0, 100)).toBe(true);
    expect(covers(a, 50, 101)).toBe(false);
    expect(covers(a, 100, 150)).toBe(false);
    expect(overlapsAny(a, 100, 200)).toBe(false); // touching does not overlap
    expect(overlapsAny(a, 99, 200)).toBe(true);
  });
});
