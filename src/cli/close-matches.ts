/**
 * Names close to a mistyped one, for "did you mean" hints: equal ignoring case, spacing and
 * punctuation, one containing the other, or a few typing mistakes apart (Levenshtein distance
 * at most a quarter of the name, at least 2). A few lines of code for a CLI hint, so no
 * library: best first, at most `limit`.
 */
export function closeMatches(given: string, candidates: readonly string[], limit = 5): string[] {
  const g = normalise(given);
  if (g === '') return [];
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const c = normalise(name);
    if (c === '') continue;
    let score: number;
    if (c === g) score = 0;
    else if (c.includes(g) || g.includes(c)) score = 1;
    else {
      const distance = levenshtein(g, c);
      if (distance > Math.max(2, Math.floor(g.length / 4))) continue;
      score = 1 + distance;
    }
    scored.push({ name, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((s) => s.name);
}

function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Edit distance (insert, delete, substitute), two rows of the usual table. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitute = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length];
}
