/**
 * A hash of a multiset of items (each a short list of integers) that is
 * updated in constant time when an item comes or goes: the sum of the
 * items' keys (additive, not XOR, so that two equal items do not cancel:
 * three patients watched by one nurse at the same time are three equal
 * uses). The same multiset has the same hash whatever the order it was
 * built in. The frontier search keys the states it has exhausted by it
 * (frontier-search.ts). 53 bits, a safe JavaScript integer: two different
 * multisets share a value with probability about 2^-53, and with a million
 * states stored the chance that any lookup meets a stranger is below 10^-4
 * — a branch skipped that could have been searched, never a wrong schedule.
 * Hand-written: no kept library offers an incremental multiset hash.
 */
export class StateHash {
  private lo = 0;
  private hi = 0;

  add(item: readonly number[]): void {
    this.lo = (this.lo + itemKey(item, 0x243f6a88)) | 0;
    this.hi = (this.hi + itemKey(item, 0x85a308d3)) | 0;
  }

  remove(item: readonly number[]): void {
    this.lo = (this.lo - itemKey(item, 0x243f6a88)) | 0;
    this.hi = (this.hi - itemKey(item, 0x85a308d3)) | 0;
  }

  get value(): number {
    return (this.hi & 0x1fffff) * 4294967296 + (this.lo >>> 0);
  }
}

/** A 32-bit key of the item (murmur3's mixing and finalizer over its integers). */
function itemKey(item: readonly number[], seed: number): number {
  let h = seed ^ item.length;
  for (const x of item) {
    let k = Math.imul(x | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
