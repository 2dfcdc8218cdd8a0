/** A compact builder for hand-made tiny problems (60-minute grid, no rooms unless given). */
import type { Problem } from '../../../src/domain/planning/format';

export function tinyProblem(
  parts: Partial<Problem> &
    Pick<Problem, 'staff' | 'sessionTypes' | 'protocols' | 'patients'> & {
      zone: string;
      start: string;
      end: string;
    },
): Problem {
  const { zone, start, end, ...rest } = parts;
  return {
    formatVersion: 1,
    clinic: { timeZone: zone, slotMinutes: 60 },
    horizon: { start, end },
    rooms: [],
    ...rest,
  };
}
