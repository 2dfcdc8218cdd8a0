/** One-talk clinics for the planner's specs: every patient needs one 60-minute talk (a room and a nurse). */
import type { ExistingBooking, Patient, Problem, StaffMember } from './format';

export interface TalkClinic {
  patients: Array<Partial<Patient>>;
  /** First and last day (default Monday 15 and Tuesday 16 March 2027; UTC). */
  days?: [string, string];
  /** Default 60. */
  slotMinutes?: number;
  /** The nurse's daily hours (default 09:00–10:00). */
  nurseHours?: [string, string];
  /** Anything else about the nurse. */
  nurse?: Partial<StaffMember>;
  /** The talk's `maxConcurrent` for the nurse (default 1). */
  maxConcurrent?: number;
  /** Default 1. */
  roomCapacity?: number;
  /** The room's daily hours (default 08:00–18:00). */
  roomHours?: [string, string];
  existing?: ExistingBooking[];
}

export function talkClinic(o: TalkClinic): Problem {
  const daily = ([start, end]: [string, string]) => [{ rrule: 'FREQ=DAILY', start, end }];
  const [first, last] = o.days ?? ['2027-03-15', '2027-03-16'];
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: o.slotMinutes ?? 60 },
    horizon: { start: first, end: last },
    staff: [
      {
        id: 'rn',
        roles: ['rn'],
        availability: daily(o.nurseHours ?? ['09:00', '10:00']),
        ...o.nurse,
      },
    ],
    rooms: [
      {
        id: 'room',
        features: ['talk'],
        capacity: o.roomCapacity ?? 1,
        availability: daily(o.roomHours ?? ['08:00', '18:00']),
      },
    ],
    sessionTypes: [
      {
        id: 'talk',
        durationMinutes: 60,
        room: { features: ['talk'] },
        staff: [{ role: 'rn', maxConcurrent: o.maxConcurrent ?? 1 }],
      },
    ],
    protocols: [
      { id: 'one', series: [{ id: 't', sessionType: 'talk', count: { min: 1, max: 1 } }] },
    ],
    patients: o.patients.map((p, i) => ({ id: `p${i + 1}`, protocol: 'one', ...p })),
    existing: o.existing ?? [],
  };
}
