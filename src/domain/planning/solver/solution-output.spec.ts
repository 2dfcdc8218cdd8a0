/**
 * Pinned bookings are part of every solution unchanged, also when their
 * patient cannot be completed and is listed as unscheduled.
 */
import type { Problem } from '../format';
import { solve } from '../solve';
import { validateSolution } from '../solution-check';

/** Two doses needed; the only prescriber hour is taken by a's pinned dose 1. */
function pinnedButIncomplete(): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 60 },
    horizon: { start: '2027-03-14', end: '2027-03-15' },
    staff: [
      {
        id: 'dr',
        roles: ['prescriber'],
        availability: [{ date: '2027-03-14', start: '09:00', end: '10:00' }],
      },
    ],
    rooms: [{ id: 'room-1' }],
    sessionTypes: [
      {
        id: 'dose-60',
        durationMinutes: 60,
        room: { features: [] },
        staff: [{ role: 'prescriber' }],
      },
    ],
    protocols: [
      {
        id: 'two-doses',
        series: [{ id: 'dose', sessionType: 'dose-60', count: { min: 2, max: 2 } }],
      },
    ],
    patients: [
      { id: 'a', protocol: 'two-doses' },
      { id: 'b', protocol: 'two-doses' },
    ],
    existing: [
      {
        id: 'booking-a1',
        patient: 'a',
        series: 'dose',
        index: 1,
        start: '2027-03-14T09:00',
        room: 'room-1',
        staff: [{ id: 'dr', role: 'prescriber' }],
        mode: 'pinned',
      },
    ],
  };
}

describe('pinned bookings in the solution', () => {
  it('keeps a pinned booking, with its id, when its patient is unscheduled', () => {
    const problem = pinnedButIncomplete();
    const s = solve(problem);
    expect(s.unscheduled.map((u) => u.patient).sort()).toEqual(['a', 'b']);
    expect(s.appointments).toEqual([
      {
        id: 'booking-a1',
        patient: 'a',
        series: 'dose',
        index: 1,
        sessionType: 'dose-60',
        start: '2027-03-14T09:00:00-04:00',
        end: '2027-03-14T10:00:00-04:00',
        room: 'room-1',
        staff: [
          {
            id: 'dr',
            role: 'prescriber',
            start: '2027-03-14T09:00:00-04:00',
            end: '2027-03-14T10:00:00-04:00',
          },
        ],
      },
    ]);
    expect(validateSolution(problem, s)).toEqual([]);
  });

  it('lists no appointment for an unscheduled patient without pinned bookings', () => {
    const problem = pinnedButIncomplete();
    problem.existing = [];
    const s = solve(problem);
    expect(s.status).toBe('none');
    expect(s.appointments).toEqual([]);
    expect(validateSolution(problem, s)).toEqual([]);
  });
});
