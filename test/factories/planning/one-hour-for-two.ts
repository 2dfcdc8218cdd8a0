import type { Problem } from '../../../src/domain/planning/format';

/**
 * A clinic booked to the minute with no complete schedule: one room free
 * 09:00–11:00 and two patients needing it for an hour, both away from 10:00.
 * Each fits alone; together one stays out. (The frontier search once
 * restarted for ever on it: see test/planner/frontier-search.spec.ts.)
 */
export function oneHourForTwo(): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'Europe/Berlin', slotMinutes: 15 },
    horizon: { start: '2027-03-01', end: '2027-03-01' },
    staff: [],
    rooms: [
      {
        id: 'therapy-1',
        features: ['therapy'],
        availability: [{ date: '2027-03-01', start: '09:00', end: '11:00' }],
      },
    ],
    sessionTypes: [{ id: 'talk', durationMinutes: 60, room: { features: ['therapy'] }, staff: [] }],
    protocols: [
      { id: 'one', series: [{ id: 'talk', sessionType: 'talk', count: { min: 1, max: 1 } }] },
    ],
    patients: ['a', 'b'].map((id) => ({
      id,
      protocol: 'one',
      unavailable: [{ start: '2027-03-01T10:00', end: '2027-03-01T11:00' }],
    })),
  };
}
