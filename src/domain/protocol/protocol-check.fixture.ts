/** A small clinic and a valid protocol for the protocol-check specs. */
import type { Protocol, SessionType } from '../planning/format';
import type { ProtocolCatalog } from './protocol-finding';

export const SESSION_TYPES: SessionType[] = [
  {
    id: 'intake',
    durationMinutes: 60,
    room: { features: ['therapy'] },
    staff: [{ role: 'prescriber' }],
  },
  {
    id: 'ketamine-iv',
    durationMinutes: 120,
    room: { features: ['infusion', 'monitoring'], turnoverMinutes: 15 },
    staff: [
      { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 },
      { role: 'rn', count: 1, maxConcurrent: 3 },
      { role: 'kap-therapist', count: 1 },
    ],
  },
  {
    id: 'integration-50',
    durationMinutes: 50,
    room: { features: ['therapy'] },
    staff: [{ role: 'kap-therapist' }],
  },
  {
    id: 'emdr-90',
    durationMinutes: 90,
    room: { features: ['therapy'] },
    staff: [{ role: 'emdr-therapist' }],
  },
  { id: 'phone-check', durationMinutes: 15, room: null, staff: [{ role: 'rn' }] },
];

export function catalog(overrides: Partial<ProtocolCatalog> = {}): ProtocolCatalog {
  return {
    sessionTypes: SESSION_TYPES,
    staff: [
      { id: 'dr-a', roles: ['prescriber'] },
      { id: 'rn-a', roles: ['rn'] },
      { id: 'kap-a', roles: ['kap-therapist'] },
      { id: 'emdr-a', roles: ['emdr-therapist'] },
    ],
    rooms: [
      { id: 'infusion-1', features: ['infusion', 'monitoring'] },
      { id: 'therapy-1', features: ['therapy'] },
    ],
    ...overrides,
  };
}

/** Six IV doses on MO/WE/FR with an integration after each; valid against `catalog()`. */
export function ivProtocol(): Protocol {
  return {
    id: 'iv-6',
    spanDays: { max: 18 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'dose',
        sessionType: 'ketamine-iv',
        count: { min: 6, max: 8, default: 6 },
        gapHours: { min: 44, max: 100 },
        days: ['MO', 'WE', 'FR'],
      },
      { id: 'integration', sessionType: 'integration-50', count: { min: 6, max: 8, default: 6 } },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 24, max: 168 },
      },
      { type: 'followUp', anchor: 'dose', targets: ['integration'], hours: { min: 1, max: 30 } },
    ],
    patientDay: {
      start: '08:00',
      end: '18:00',
      maxSessions: 2,
      maxMinutes: 240,
      minBreakMinutes: 60,
    },
    restDays: ['SA', 'SU'],
    continuity: [{ series: ['dose', 'integration'], role: 'kap-therapist', mode: 'prefer' }],
  };
}
