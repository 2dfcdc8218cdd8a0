/**
 * A patient's keepIfPossible bookings are placed before the patient's other
 * series, so those start from where the booking stays (not only a day's
 * earliest or latest start, which may both block another patient).
 */
import type { Problem } from '../format';
import { solve } from '../solve';
import { validateSolution } from '../solution-check';

/**
 * One RN, one room, hourly slots 09:00-13:00 on the Berlin fall-back day;
 * each patient needs a dose and an EMDR session an hour apart. a's EMDR
 * booking at 09:00 stays only if a's dose is at 11:00 and b takes 10:00 and
 * 12:00.
 */
function interleaved(): Problem {
  const session = {
    id: 'session-60',
    durationMinutes: 60,
    room: { features: [] },
    staff: [{ role: 'rn' }],
  };
  return {
    formatVersion: 1,
    clinic: { timeZone: 'Europe/Berlin', slotMinutes: 60 },
    horizon: { start: '2027-10-31', end: '2027-10-31' },
    staff: [
      {
        id: 'rn-1',
        roles: ['rn'],
        availability: [{ rrule: 'FREQ=DAILY', start: '07:00', end: '13:00' }],
      },
    ],
    rooms: [{ id: 'room-1' }],
    sessionTypes: [session],
    protocols: [
      {
        id: 'dose-emdr',
        series: [
          { id: 'dose', sessionType: 'session-60', count: { min: 1, max: 1 } },
          { id: 'emdr', sessionType: 'session-60', count: { min: 1, max: 1 } },
        ],
        patientDay: { start: '09:00', end: '13:00', minBreakMinutes: 60 },
      },
    ],
    patients: [
      { id: 'a', protocol: 'dose-emdr' },
      { id: 'b', protocol: 'dose-emdr' },
    ],
    existing: [
      {
        id: 'booking-a',
        patient: 'a',
        series: 'emdr',
        index: 1,
        start: '2027-10-31T09:00',
        room: 'room-1',
        staff: [{ id: 'rn-1', role: 'rn' }],
        mode: 'keepIfPossible',
      },
    ],
  };
}

describe('keepIfPossible bookings', () => {
  it('keeps the booking when the patients can alternate around it', () => {
    const problem = interleaved();
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.score).toMatchObject({ scheduledPatients: 2, movedAppointments: 0 });
    expect(s.appointments.find((a) => a.id === 'booking-a')?.start).toBe(
      '2027-10-31T09:00:00+01:00',
    );
  });
});
