/**
 * Tight instances where first-fit in input order leaves patients out that a
 * search can place.
 *
 * - tight-chairs-berlin (Europe/Berlin, from Easter Monday, a closure): a
 *   two-chair esketamine room open Tue/Fri mornings,
 *   exactly enough chair-time for all 8 patients. The flexible patients come
 *   first in the input and take the early weeks that the 3 patients with an
 *   early deadline need.
 * - tight-emdr-vacation (America/New_York, across the US DST change): EMDR
 *   intensives that require one therapist throughout; the second-listed
 *   therapist is away in week 2, and first-fit gives him patients whose
 *   first session finds the first-listed therapist busy.
 */
import type { Patient, Problem, Protocol } from '../../src/domain/planning/format';
import { EMDR_INTENSIVE_2W, SESSION_TYPES, staffMember } from './catalog';

const ESK_BRIDGE_2W: Protocol = {
  id: 'esketamine-bridge-2w',
  spanDays: { max: 14 },
  series: [
    {
      id: 'dose',
      sessionType: 'esketamine',
      count: { min: 4, max: 4 },
      gapHours: { min: 72, max: 100 },
      days: ['TU', 'FR'],
    },
  ],
  rules: [],
  patientDay: { start: '08:00', end: '14:00', maxSessions: 1 },
  restDays: ['SA', 'SU'],
};

export function tightChairsProblem(): Problem {
  const flexible = (i: number): Patient => ({
    id: `flex-${i}`,
    protocol: ESK_BRIDGE_2W.id,
    earliestStart: '2027-03-30',
    latestEnd: '2027-04-23',
  });
  const early = (i: number): Patient => ({
    id: `early-${i}`,
    protocol: ESK_BRIDGE_2W.id,
    earliestStart: '2027-03-30',
    latestEnd: '2027-04-09',
  });
  return {
    formatVersion: 1,
    clinic: { timeZone: 'Europe/Berlin', slotMinutes: 15, closures: ['2027-03-29'] },
    horizon: { start: '2027-03-29', end: '2027-04-23' },
    staff: [
      staffMember('prescriber-1', ['prescriber'], ['TU', 'FR'], '08:30', '12:30'),
      staffMember('rn-1', ['rn'], ['TU', 'FR'], '08:30', '14:00'),
    ],
    rooms: [
      {
        id: 'chairs',
        features: ['recliner', 'monitoring'],
        capacity: 2,
        availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU,FR', start: '08:45', end: '13:45' }],
      },
    ],
    sessionTypes: SESSION_TYPES,
    protocols: [ESK_BRIDGE_2W],
    patients: [
      flexible(1),
      flexible(2),
      flexible(3),
      flexible(4),
      flexible(5),
      early(1),
      early(2),
      early(3),
    ],
    options: { timeLimitMs: 5000, seed: 1 },
  };
}

export function tightEmdrVacationProblem(): Problem {
  const patients: Patient[] = Array.from({ length: 4 }, (_, i) => ({
    id: `p-${i + 1}`,
    protocol: 'emdr-intensive-2w-require',
    earliestStart: '2027-03-08',
    latestEnd: '2027-03-19',
  }));
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: [] },
    horizon: { start: '2027-03-08', end: '2027-03-21' },
    staff: [
      staffMember('emdr-ana', ['emdr-therapist'], ['MO', 'TU', 'WE', 'TH'], '08:30', '17:30'),
      staffMember('emdr-ben', ['emdr-therapist'], ['MO', 'TU', 'WE', 'TH'], '08:30', '17:30', [
        '2027-03-15',
        '2027-03-16',
        '2027-03-17',
        '2027-03-18',
      ]),
      staffMember('emdr-cho', ['emdr-therapist'], ['MO', 'TU', 'WE', 'TH'], '08:30', '17:30'),
    ],
    rooms: [1, 2, 3, 4].map((i) => ({ id: `therapy-${i}`, features: ['therapy'] })),
    sessionTypes: SESSION_TYPES,
    protocols: [
      {
        ...EMDR_INTENSIVE_2W,
        id: 'emdr-intensive-2w-require',
        continuity: [{ series: ['emdr'], role: 'emdr-therapist', mode: 'require' }],
      },
    ],
    patients,
    options: { timeLimitMs: 5000, seed: 1 },
  };
}
