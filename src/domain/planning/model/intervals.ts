/**
 * Half-open integer interval sets `[s, e)` stored flat and sorted:
 * `[s0, e0, s1, e1, …]` with `e_i < s_{i+1}` (touching intervals merged).
 */
export type IntervalList = number[];

/** Sorts and merges arbitrary `[s, e)` pairs (empty ones dropped). */
export function normalize(pairs: Array<[number, number]>): IntervalList {
  const sorted = pairs.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: IntervalList = [];
  for (const [s, e] of sorted) {
    const n = out.length;
    if (n > 0 && s <= out[n - 1]) out[n - 1] = Math.max(out[n - 1], e);
    else out.push(s, e);
  }
  return out;
}

/** `list` minus every interval of `cut`. */
export function subtract(list: IntervalList, cut: IntervalList): IntervalList {
  const out: IntervalList = [];
  let j = 0;
  for (let i = 0; i < list.length; i += 2) {
    let s = list[i];
    const e = list[i + 1];
    while (j < cut.length && cut[j + 1] <= s) j += 2;
    let k = j;
    while (k < cut.length && cut[k] < e) {
      if (cut[k] > s) out.push(s, cut[k]);
      s = Math.max(s, cut[k + 1]);
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out;
}

export function intersect(a: IntervalList, b: IntervalList): IntervalList {
  const out: IntervalList = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i], b[j]);
    const e = Math.min(a[i + 1], b[j + 1]);
    if (s < e) out.push(s, e);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

/** Whether `[s, e)` lies inside a single interval of `list`. */
export function covers(list: IntervalList, s: number, e: number): boolean {
  let lo = 0;
  let hi = list.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[2 * mid + 1] <= s) lo = mid + 1;
    else if (list[2 * mid] > s) hi = mid - 1;
    else return list[2 * mid + 1] >= e;
  }
  return false;
}

/** Whether `[s, e)` overlaps any interval of `list`. */
export function overlapsAny(list: IntervalList, s: number, e: number): boolean {
  let lo = 0;
  let hi = list.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[2 * mid + 1] <= s) lo = mid + 1;
    else if (list[2 * mid] >= e) hi = mid - 1;
    else return true;
  }
  return false;
}

export function totalLength(list: IntervalList): number {
  let sum = 0;
  for (let i = 0; i < list.length; i += 2) sum += list[i + 1] - list[i];
  return sum;
}

/** End of the interval of `list` containing instant t, or -Infinity. */
export function coveringEnd(list: IntervalList, t: number): number {
  let lo = 0;
  let hi = list.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[2 * mid + 1] <= t) lo = mid + 1;
    else if (list[2 * mid] > t) hi = mid - 1;
    else return list[2 * mid + 1];
  }
  return -Infinity;
}
