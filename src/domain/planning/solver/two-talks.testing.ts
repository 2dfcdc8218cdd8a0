/** Test support: a small clinic of talks with a therapist (frontier and continuity specs). */
import type { Problem } from '../format';

/**
 * Two patients, two 60-minute talks each with a therapist in a care room;
 * two therapists and two rooms, 09:00–12:00 on Monday 15 to Wednesday 17
 * March 2027 (UTC, hourly grid). `required`: continuity of the therapist is
 * required across the talks.
 */
export function twoTalks(required: boolean): Problem {
  const hours = [{ rrule: 'FREQ=DAILY', start: '09:00', end: '12:00' }];
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-17' },
    staff: ['t1', 't2'].map((id) => ({ id, roles: ['therapist'], availability: hours })),
    rooms: ['r1', 'r2'].map((id) => ({ id, features: ['care'], capacity: 1, availability: hours })),
    sessionTypes: [
      {
        id: 'talk',
        durationMinutes: 60,
        room: { features: ['care'] },
        staff: [{ role: 'therapist' }],
      },
    ],
    protocols: [
      {
        id: 'talks',
        series: [{ id: 'talk', sessionType: 'talk', count: { min: 2, max: 2 } }],
        ...(required && {
          continuity: [{ series: ['talk'], role: 'therapist', mode: 'require' as const }],
        }),
      },
    ],
    patients: [
      { id: 'p1', protocol: 'talks' },
      { id: 'p2', protocol: 'talks' },
    ],
  };
}
