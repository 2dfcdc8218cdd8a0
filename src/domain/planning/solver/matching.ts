/**
 * Kuhn's augmenting path for the solver's bipartite checks (anchor sessions
 * to follow-up targets). The independent validator keeps its own matching
 * (solution-check/bipartite.ts) on purpose.
 */

/**
 * Tries to match left vertex `a` along `adj` (left → right candidates),
 * re-routing earlier matches; `matchOf[right]` is the left vertex holding it
 * (-1: free) and is updated on success.
 */
export function augment(adj: readonly number[][], matchOf: Int32Array, a: number): boolean {
  const seen = new Uint8Array(matchOf.length);
  const visit = (x: number): boolean => {
    for (const t of adj[x]) {
      if (seen[t]) continue;
      seen[t] = 1;
      if (matchOf[t] < 0 || visit(matchOf[t])) {
        matchOf[t] = x;
        return true;
      }
    }
    return false;
  };
  return visit(a);
}
