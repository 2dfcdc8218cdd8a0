import { DateTime } from 'luxon';
import { BookedSession, patientRuleIssues, PatientRulesInput } from './patient-rules';

const zone = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const M = 60_000;

function dose(index: number, local: string, nurse = 'n1'): BookedSession {
  const start = at(local);
  return {
    series: 'dose',
    index,
    start,
    roomId: 'r1',
    staff: [{ staffId: nurse, role: 'rn', start, end: start + 120 * M }],
  };
}

function input(booked: BookedSession[], candidate: BookedSession): PatientRulesInput {
  const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }];
  return {
    clinic: { timeZone: zone, slotMinutes: 15, closures: ['2027-03-12'] },
    protocol: {
      code: 'iv',
      definition: {
        series: [
          { id: 'dose', sessionType: 'iv', count: { min: 4, max: 4 }, days: ['MO', 'WE', 'FR'] },
        ],
        rules: [{ type: 'separation', series: ['dose'], minHours: 40 }],
        patientDay: { start: '08:00', end: '18:00' },
      },
    },
    enrollment: {
      counts: {},
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
      unavailable: [],
    },
    patientLabel: 'EK',
    sessionTypes: [
      { id: 'iv', durationMinutes: 120, room: { features: ['infusion'] }, staff: [{ role: 'rn' }] },
    ],
    staff: [
      {
        id: 'n1',
        name: 'RN Ada',
        roles: ['rn'],
        availability: weekdays,
        timeOff: [],
        limits: null,
      },
      {
        id: 'n2',
        name: 'RN Bo',
        roles: ['rn'],
        availability: weekdays,
        timeOff: [{ start: '2027-03-10T00:00', end: '2027-03-11T00:00' }],
        limits: null,
      },
    ],
    rooms: [
      {
        id: 'r1',
        name: 'Bay 1',
        features: ['infusion'],
        capacity: 1,
        availability: null,
        timeOff: [],
      },
    ],
    booked,
    candidate,
  };
}

describe('patientRuleIssues (the validator on a one-patient problem)', () => {
  it('accepts a session that fits the patient, the protocol and the calendars', () => {
    expect(
      patientRuleIssues(input([dose(1, '2027-03-08T09:00')], dose(2, '2027-03-10T09:00'))),
    ).toEqual([]);
  });

  it('reports what the new session breaks, with readable names and request pointers', () => {
    const issues = patientRuleIssues(
      input([dose(1, '2027-03-08T09:00')], dose(2, '2027-03-10T09:00', 'n2')),
    );
    expect(issues).toEqual([
      {
        pointer: '/staff/0/staffId',
        code: 'STAFF_TIME_OFF',
        message: 'dose 2: RN Bo is on time off 2027-03-10T00:00..2027-03-11T00:00',
      },
    ]);
  });

  it('finds separation, series weekdays, closures and the patient day', () => {
    const codes = (local: string) =>
      patientRuleIssues(input([dose(1, '2027-03-08T09:00')], dose(2, local))).map((i) => i.code);
    expect(codes('2027-03-09T09:00')).toEqual(
      expect.arrayContaining(['SERIES_DAYS', 'SEPARATION']),
    );
    expect(codes('2027-03-12T09:00')).toEqual(expect.arrayContaining(['CLOSURE']));
    expect(codes('2027-03-10T16:30')).toEqual(
      expect.arrayContaining(['PATIENT_DAY_WINDOW', 'STAFF_UNAVAILABLE']),
    );
  });

  it('does not blame the new session for what the booked ones already break', () => {
    // Dose 1 on a Tuesday already breaks the weekdays rule; a good dose 2 adds nothing.
    const booked = [dose(1, '2027-03-09T09:00')];
    expect(patientRuleIssues(input(booked, dose(2, '2027-03-15T09:00')))).toEqual([]);
    const closed = patientRuleIssues(input(booked, dose(2, '2027-03-12T09:00')));
    expect(new Set(closed.map((i) => i.code))).toEqual(
      new Set(['CLOSURE', 'ROOM_CLOSURE', 'STAFF_CLOSURE']),
    );
  });
});
