/**
 * An 8-patient residential retreat near full capacity, across the US DST
 * change (Sunday 2027-03-14): intake on arrival, three IM ketamine doses on
 * consecutive days each followed the same day by integration, two IFS and two
 * EMDR sessions (same EMDR therapist). One dosing lounge of 4 recliners, one
 * prescriber in the mornings and one in the afternoons, two nurses, three KAP
 * therapists.
 */
import type { Problem, Protocol, SessionType } from '../../src/domain/planning/format';
import { SESSION_TYPES, staffMember } from './catalog';

const EVERY_DAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const GROUP_DOSE: SessionType = {
  id: 'ketamine-im-retreat',
  durationMinutes: 150,
  room: { features: ['recliner'], turnoverMinutes: 15 },
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 30 },
    { role: 'rn', count: 1, maxConcurrent: 4 },
    { role: 'kap-therapist', count: 1, maxConcurrent: 2 },
  ],
};

export const RETREAT_5D: Protocol = {
  id: 'retreat-5d',
  spanDays: { max: 5 },
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    {
      id: 'dose',
      sessionType: 'ketamine-im-retreat',
      count: { min: 3, max: 3 },
      gapHours: { min: 20, max: 28 },
    },
    { id: 'integration', sessionType: 'integration-50', count: { min: 3, max: 3 } },
    { id: 'ifs', sessionType: 'ifs-60', count: { min: 2, max: 2 }, gapHours: { min: 18 } },
    { id: 'emdr', sessionType: 'emdr-90', count: { min: 2, max: 2 }, gapHours: { min: 18 } },
  ],
  rules: [
    {
      type: 'offset',
      from: { series: 'intake', occurrence: 'last', point: 'end' },
      to: { series: 'dose', occurrence: 'first', point: 'start' },
      hours: { min: 12, max: 36 },
    },
    {
      type: 'followUp',
      anchor: 'dose',
      targets: ['integration'],
      hours: { min: 0.5, max: 6 },
      sameDay: true,
    },
    { type: 'notSameDay', series: ['dose', 'emdr'] },
  ],
  patientDay: {
    start: '08:00',
    end: '20:00',
    maxSessions: 3,
    maxMinutes: 330,
    minBreakMinutes: 30,
  },
  restDays: [],
  continuity: [
    { series: ['emdr'], role: 'emdr-therapist', mode: 'require' },
    { series: ['dose', 'integration'], role: 'kap-therapist', mode: 'prefer' },
  ],
};

export function retreatProblem(): Problem {
  const days = [...EVERY_DAY];
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: [] },
    horizon: { start: '2027-03-12', end: '2027-03-18' },
    staff: [
      staffMember('prescriber-am', ['prescriber'], days, '07:30', '12:30'),
      staffMember('prescriber-pm', ['prescriber'], days, '13:00', '19:00'),
      staffMember('rn-1', ['rn'], days, '07:30', '20:00'),
      staffMember('rn-2', ['rn'], days, '07:30', '20:00'),
      staffMember('kap-1', ['kap-therapist'], days, '08:00', '20:00'),
      staffMember('kap-2', ['kap-therapist'], days, '08:00', '20:00'),
      staffMember('kap-3', ['kap-therapist'], days, '08:00', '20:00'),
      staffMember('ifs-1', ['ifs-therapist'], days, '08:00', '20:00'),
      staffMember('emdr-1', ['emdr-therapist'], days, '08:00', '20:00'),
      staffMember('emdr-2', ['emdr-therapist'], days, '08:00', '20:00'),
    ],
    rooms: [
      { id: 'recliner-lounge', features: ['recliner'], capacity: 4 },
      { id: 'therapy-1', features: ['therapy'] },
      { id: 'therapy-2', features: ['therapy'] },
      { id: 'therapy-3', features: ['therapy'] },
      { id: 'therapy-4', features: ['therapy'] },
    ],
    sessionTypes: [...SESSION_TYPES, GROUP_DOSE],
    protocols: [RETREAT_5D],
    patients: Array.from({ length: 8 }, (_, i) => ({
      id: `r-${i + 1}`,
      protocol: RETREAT_5D.id,
      earliestStart: '2027-03-13',
      latestEnd: '2027-03-17',
    })),
    options: { timeLimitMs: 1000, seed: 1 },
  };
}
