import { maximumMatching } from './bipartite';

describe('maximumMatching', () => {
  it('re-routes an earlier choice where first-fit would fail', () => {
    // Left 0 may take 0 or 1, left 1 only 0: first-fit gives 0 to left 0 and strands left 1.
    expect(maximumMatching([[0, 1], [0]], 2)).toEqual([1, 0]);
  });

  it('leaves unmatched what cannot be matched', () => {
    expect(maximumMatching([[0], [0], []], 1)).toEqual([0, -1, -1]);
  });
});
