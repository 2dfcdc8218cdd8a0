import { DateTime } from 'luxon';
import { offGridProblem } from './clinic-time';

const ZONE = 'America/New_York';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

describe('offGridProblem', () => {
  it.each([
    [
      '2027-03-10T05:00:00.001',
      15,
      'starts at 05:00:00.001, not on the 15-minute grid (starts are whole minutes on it: 05:00 and 05:15 are)',
    ],
    [
      '2027-03-10T05:00:30',
      15,
      'starts at 05:00:30, not on the 15-minute grid (starts are whole minutes on it: 05:00 and 05:15 are)',
    ],
    [
      '2027-03-10T09:10',
      15,
      'starts at 09:10, not on the 15-minute grid (09:00 and 09:15 are on it)',
    ],
    [
      '2027-03-10T23:50',
      30,
      'starts at 23:50, not on the 30-minute grid (23:30 and 00:00 are on it)',
    ],
  ])('%s on a %i-minute grid: %s', (local, slot, message) => {
    expect(offGridProblem(at(local), ZONE, slot)).toBe(message);
    expect(message).not.toMatch(/\d\.\d{5}/);
  });
});
