/**
 * Maximum bipartite matching (Kuhn's augmenting paths). `edges[i]` lists the
 * right-hand vertices (0..rightCount-1) left vertex `i` may take. Returns, per
 * left vertex, its matched right vertex or -1.
 */
export function maximumMatching(edges: number[][], rightCount: number): number[] {
  const rightMatch = new Array<number>(rightCount).fill(-1);
  const tryAugment = (left: number, seen: boolean[]): boolean => {
    for (const right of edges[left]) {
      if (seen[right]) continue;
      seen[right] = true;
      if (rightMatch[right] === -1 || tryAugment(rightMatch[right], seen)) {
        rightMatch[right] = left;
        return true;
      }
    }
    return false;
  };
  for (let left = 0; left < edges.length; left++)
    tryAugment(left, new Array<boolean>(rightCount).fill(false));
  const leftMatch = new Array<number>(edges.length).fill(-1);
  rightMatch.forEach((left, right) => {
    if (left !== -1) leftMatch[left] = right;
  });
  return leftMatch;
}
