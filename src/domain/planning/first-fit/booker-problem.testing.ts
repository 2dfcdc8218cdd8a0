/**
 * The first-fit booker spec's small clinic (New York, March 2027: a prescriber, a nurse
 * shared 2 at once, two therapists, one chair), also used by plans-from-appointments.spec.ts.
 */
import type { Patient, Problem, Protocol, SessionType, StaffMember } from '../format';

export const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

export function person(
  id: string,
  roles: string[],
  start = '09:00',
  end = '17:00',
  rrule = WEEKDAYS,
): StaffMember {
  return { id, roles, availability: [{ rrule, start, end }] };
}

export const DOSE: SessionType = {
  id: 'dose',
  durationMinutes: 120,
  room: { features: ['chair'], turnoverMinutes: 15 },
  staff: [
    { role: 'md', count: 1, offsetMinutes: 0, durationMinutes: 30 },
    { role: 'rn', count: 1, maxConcurrent: 2 },
  ],
};
export const TALK: SessionType = {
  id: 'talk',
  durationMinutes: 60,
  room: null,
  staff: [{ role: 'therapist', count: 1 }],
};

export function protocol(over: Partial<Protocol> = {}): Protocol {
  return {
    id: 'proto',
    series: [
      {
        id: 'dose',
        sessionType: 'dose',
        count: { min: 2, max: 2 },
        gapHours: { min: 44, max: 100 },
      },
    ],
    patientDay: { start: '09:00', end: '17:00' },
    restDays: ['SA', 'SU'],
    ...over,
  };
}

export function problem(over: Partial<Problem> = {}, patients = 1): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: '2027-03-01', end: '2027-03-21' },
    staff: [
      person('md-1', ['md']),
      person('rn-1', ['rn']),
      person('th-1', ['therapist']),
      person('th-2', ['therapist']),
    ],
    rooms: [{ id: 'chair-1', features: ['chair'] }],
    sessionTypes: [DOSE, TALK],
    protocols: [protocol()],
    patients: Array.from({ length: patients }, (_, i): Patient => ({
      id: `p-${i + 1}`,
      protocol: 'proto',
      earliestStart: '2027-03-01',
    })),
    ...over,
  };
}
