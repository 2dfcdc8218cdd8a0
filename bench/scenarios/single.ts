/** One esketamine patient on the 6-week protocol (IFS follow-ups, weekly EMDR), across the US DST change. */
import type { Problem } from '../../src/domain/planning/format';
import { ESKETAMINE_6W, MON_FRI, SESSION_TYPES, staffMember } from './catalog';

export function singleProblem(): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: ['2027-04-02'] },
    horizon: { start: '2027-03-01', end: '2027-04-30' },
    staff: [
      staffMember('prescriber-1', ['prescriber'], MON_FRI, '08:00', '17:00'),
      staffMember('rn-1', ['rn'], MON_FRI, '08:00', '17:30'),
      staffMember('emdr-2', ['emdr-therapist'], MON_FRI, '08:00', '17:30'),
      staffMember('emdr-1', ['emdr-therapist'], ['MO', 'WE', 'FR'], '09:00', '17:00', [
        '2027-03-17',
      ]),
      staffMember('ifs-1', ['ifs-therapist'], MON_FRI, '08:00', '17:30'),
      staffMember('ifs-2', ['ifs-therapist'], ['TU', 'TH'], '12:00', '18:00'),
    ],
    rooms: [
      { id: 'recliner-1', features: ['recliner', 'monitoring'], capacity: 2 },
      { id: 'therapy-1', features: ['therapy'] },
      { id: 'therapy-2', features: ['therapy'] },
    ],
    sessionTypes: SESSION_TYPES,
    protocols: [ESKETAMINE_6W],
    patients: [
      {
        id: 'p-001',
        protocol: 'esketamine-6w',
        earliestStart: '2027-03-08',
        latestEnd: '2027-04-25',
      },
    ],
    busy: [{ resource: 'prescriber-1', start: '2027-03-09T08:00', end: '2027-03-09T12:00' }],
    options: { timeLimitMs: 5000, seed: 1 },
  };
}
