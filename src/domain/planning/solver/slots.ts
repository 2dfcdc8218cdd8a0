/** Small lookups on the model's sorted arrays. */
import type { Model } from '../model/types';

/** First index i with arr[i] >= v (arr ascending). */
export function lowerBound(arr: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Day index (clamped to the horizon) of the local date containing instant t. */
export function dayOfInstant(model: Model, t: number): number {
  const d = lowerBound(model.dayStartAt, t + 1) - 1;
  return Math.max(0, Math.min(model.numDays - 1, d));
}

/** First index i with T[slots[i]] >= t (slots ascending slot indices, T the slot starts). */
export function firstSlotAtOrAfter(T: Int32Array, slots: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (T[slots[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
