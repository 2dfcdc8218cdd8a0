/** Filters of a session's ascending slot domain, shared by the domain propagations. */
/** The slots of dom that `keep` accepts (dom itself when it accepts all). */
export function filter(dom: Int32Array, keep: (slot: number) => boolean): Int32Array {
  let n = 0;
  for (let i = 0; i < dom.length; i++) if (keep(dom[i])) n++;
  if (n === dom.length) return dom;
  const out = new Int32Array(n);
  n = 0;
  for (let i = 0; i < dom.length; i++) if (keep(dom[i])) out[n++] = dom[i];
  return out;
}

/**
 * Keeps the slots i of `dom` for which some slot j of `other` has
 * T[j] + otherShift in [T[i] + loOff, T[i] + hiOff]. Linear: both ascending.
 */
export function keepWithin(
  T: Int32Array,
  dom: Int32Array,
  other: Int32Array,
  otherShift: number,
  loOff: number,
  hiOff: number,
): Int32Array {
  const n = other.length;
  // First pass counts; the common case (nothing removed) allocates nothing.
  let j = 0;
  let count = 0;
  for (let a = 0; a < dom.length; a++) {
    const t = T[dom[a]];
    while (j < n && T[other[j]] + otherShift < t + loOff) j++;
    if (j < n && T[other[j]] + otherShift <= t + hiOff) count++;
  }
  if (count === dom.length) return dom;
  const out = new Int32Array(count);
  j = 0;
  count = 0;
  for (let a = 0; a < dom.length; a++) {
    const t = T[dom[a]];
    while (j < n && T[other[j]] + otherShift < t + loOff) j++;
    if (j < n && T[other[j]] + otherShift <= t + hiOff) out[count++] = dom[a];
  }
  return out;
}

/** Scratch marks per slot count, all zero between calls (unionOf clears what it set). */
const scratchMarks = new Map<number, Uint8Array>();

/** Sorted distinct slots of several domains. */
export function unionOf(doms: Int32Array[], slotCount: number): Int32Array {
  if (doms.length === 1) return doms[0];
  let mark = scratchMarks.get(slotCount);
  if (!mark) scratchMarks.set(slotCount, (mark = new Uint8Array(slotCount)));
  let n = 0;
  let lo = slotCount;
  let hi = -1;
  for (const d of doms) {
    for (let i = 0; i < d.length; i++) {
      if (mark[d[i]]) continue;
      mark[d[i]] = 1;
      n++;
      if (d[i] < lo) lo = d[i];
      if (d[i] > hi) hi = d[i];
    }
  }
  const out = new Int32Array(n);
  n = 0;
  for (let i = lo; i <= hi; i++)
    if (mark[i]) {
      out[n++] = i;
      mark[i] = 0;
    }
  return out;
}
