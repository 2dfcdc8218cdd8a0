/** Stored rows for the plan-run domain specs: one IV enrollment in New York, March 2027. */
import type { BuildInput, StoredAppointment } from './build-problem';

export const H = 3_600_000;
export const at = (iso: string) => Date.parse(iso);

export function appointment(over: Partial<StoredAppointment>): StoredAppointment {
  return {
    id: 'a1',
    enrollmentId: 'e1',
    patientId: 'p1',
    seriesId: 'dose',
    index: 1,
    sessionType: 'iv',
    status: 'booked',
    start: at('2027-03-10T14:00:00Z'),
    end: at('2027-03-10T16:00:00Z'),
    roomId: 'bay',
    turnoverMinutes: 15,
    staff: [
      {
        staffId: 'dr',
        role: 'prescriber',
        start: at('2027-03-10T14:00:00Z'),
        end: at('2027-03-10T14:45:00Z'),
        mode: 'occupied',
      },
    ],
    ...over,
  };
}

export function input(over: Partial<BuildInput> = {}): BuildInput {
  return {
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: [] },
    catalog: {
      staff: [
        {
          id: 'dr',
          roles: ['prescriber'],
          availability: [
            { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' },
          ],
          timeOff: [],
        },
      ],
      rooms: [{ id: 'bay', features: ['infusion'], capacity: 1, timeOff: [] }],
      sessionTypes: [
        {
          id: 'iv',
          durationMinutes: 120,
          room: { features: ['infusion'], turnoverMinutes: 15 },
          staff: [{ role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 }],
        },
        { id: 'unused', durationMinutes: 60, room: null, staff: [] },
      ],
    },
    enrollments: [
      {
        id: 'e1',
        patientId: 'p1',
        status: 'active',
        protocolKey: 'iv@v1',
        definition: {
          series: [
            {
              id: 'dose',
              sessionType: 'iv',
              count: { min: 2, max: 2 },
              gapHours: { min: 44, max: 100 },
            },
          ],
        },
        counts: {},
        earliestStart: '2027-03-08',
        latestEnd: '2027-03-26',
        unavailable: [],
      },
    ],
    appointments: [],
    now: new Date('2027-03-01T17:00:00Z'),
    repair: false,
    timeLimitMs: 1000,
    seed: 1,
    ...over,
  };
}
