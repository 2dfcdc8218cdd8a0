/** How the course rules name sessions and durations in their messages. Pure. */

const HOUR_MS = 3_600_000;

/** `dose 2`. */
export const sessionLabel = (s: { series: string; index: number }) => `${s.series} ${s.index}`;

/** `30 h`, `1.5 h` (to a tenth of an hour). */
export function hoursText(ms: number): string {
  const h = Math.round((ms / HOUR_MS) * 10) / 10;
  return `${h} h`;
}

/** `30 h after`, `2 h before`. */
export const relativeText = (ms: number) =>
  ms >= 0 ? `${hoursText(ms)} after` : `${hoursText(-ms)} before`;
