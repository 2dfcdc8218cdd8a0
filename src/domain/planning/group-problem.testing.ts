/** Group-session problems for the planner's specs. */
import type { Problem } from './format';

const weekdays = (start: string, end: string) => [
  { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start, end },
];

/**
 * A retreat cohort: each patient has a daily integration circle (group) and
 * a daily individual IFS session with one of two therapists, Monday to
 * Friday of one week, inside 08:00–18:00. One facilitator, one circle room.
 */
export function retreat(
  patients: number,
  group: { min: number; max: number },
  opts: { from?: string; to?: string; days?: number } = {},
): Problem {
  const from = opts.from ?? '2027-03-01';
  const to = opts.to ?? '2027-03-05';
  const days = opts.days ?? 5;
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 30 },
    horizon: { start: from, end: to },
    staff: [
      { id: 'fac', roles: ['facilitator'], availability: weekdays('09:00', '17:00') },
      { id: 'ther-1', roles: ['therapist'], availability: weekdays('08:00', '18:00') },
      { id: 'ther-2', roles: ['therapist'], availability: weekdays('08:00', '18:00') },
    ],
    rooms: [
      { id: 'circle-room', features: ['group'] },
      { id: 'office-1', features: ['therapy'] },
      { id: 'office-2', features: ['therapy'] },
    ],
    sessionTypes: [
      {
        id: 'integration-circle',
        durationMinutes: 90,
        room: { features: ['group'] },
        staff: [{ role: 'facilitator', count: 1 }],
        group,
      },
      {
        id: 'ifs-60',
        durationMinutes: 60,
        room: { features: ['therapy'] },
        staff: [{ role: 'therapist', count: 1 }],
      },
    ],
    protocols: [
      {
        id: 'retreat',
        series: [
          {
            id: 'circle',
            sessionType: 'integration-circle',
            count: { min: days, max: days },
            gapHours: { min: 20, max: 100 },
          },
          { id: 'ifs', sessionType: 'ifs-60', count: { min: days, max: days } },
        ],
        rules: [
          {
            type: 'followUp',
            anchor: 'circle',
            targets: ['ifs'],
            hours: { min: 0, max: 8 },
            sameDay: true,
          },
        ],
        patientDay: { start: '08:00', end: '18:00', maxSessions: 2, minBreakMinutes: 30 },
        restDays: ['SA', 'SU'],
      },
    ],
    patients: Array.from({ length: patients }, (_, i) => ({
      id: `p${i + 1}`,
      protocol: 'retreat',
      earliestStart: from,
      latestEnd: to,
    })),
    options: { timeLimitMs: 4000, seed: 1 },
  };
}
