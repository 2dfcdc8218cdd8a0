/**
 * Tiny problems where booking first fit (input order, earliest slot) is not
 * optimal, and a repair after a clinician's absence.
 */
import type { Problem } from './format';
import { solve } from './solve';
import { validateSolution } from './solution-check';

const daily = (start: string, end: string) => [{ rrule: 'FREQ=DAILY', start, end }];

function tiny(
  parts: Pick<Problem, 'staff' | 'sessionTypes' | 'protocols' | 'patients'> & Partial<Problem>,
): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-19' },
    rooms: [],
    ...parts,
  };
}

const dose = { id: 'dose-60', durationMinutes: 60, room: null, staff: [{ role: 'prescriber' }] };

describe('tight tiny problems', () => {
  it('places the patient with fewer options first (first fit in input order loses one)', () => {
    const problem = tiny({
      staff: [{ id: 'dr', roles: ['prescriber'], availability: daily('09:00', '10:00') }],
      sessionTypes: [dose],
      protocols: [
        { id: 'one', series: [{ id: 'dose', sessionType: 'dose-60', count: { min: 1, max: 1 } }] },
      ],
      patients: [
        { id: 'flexible', protocol: 'one', earliestStart: '2027-03-15', latestEnd: '2027-03-16' },
        {
          id: 'monday-only',
          protocol: 'one',
          earliestStart: '2027-03-15',
          latestEnd: '2027-03-15',
        },
      ],
    });
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.status).toBe('complete');
    expect(s.appointments.find((a) => a.patient === 'monday-only')?.start).toBe(
      '2027-03-15T09:00:00-04:00',
    );
    expect(s.score.completionDays).toBe(1);
  });

  it('backtracks within a patient: an exact 48 h gap needs a later first dose', () => {
    const problem = tiny({
      staff: [
        {
          id: 'dr',
          roles: ['prescriber'],
          availability: [
            { date: '2027-03-15', start: '09:00', end: '12:00' },
            { date: '2027-03-17', start: '11:00', end: '12:00' },
          ],
        },
      ],
      sessionTypes: [dose],
      protocols: [
        {
          id: 'two',
          series: [
            {
              id: 'dose',
              sessionType: 'dose-60',
              count: { min: 2, max: 2 },
              gapHours: { min: 48, max: 48 },
            },
          ],
        },
      ],
      patients: [{ id: 'a', protocol: 'two' }],
    });
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.appointments.map((a) => a.start)).toEqual([
      '2027-03-15T11:00:00-04:00',
      '2027-03-17T11:00:00-04:00',
    ]);
  });

  it('keeps one therapist for a "prefer" group when the earliest choice would break it', () => {
    const problem = tiny({
      staff: [
        {
          id: 't1',
          roles: ['therapist'],
          availability: [{ date: '2027-03-15', start: '09:00', end: '10:00' }],
        },
        { id: 't2', roles: ['therapist'], availability: daily('09:00', '10:00') },
      ],
      sessionTypes: [
        { id: 'emdr', durationMinutes: 60, room: null, staff: [{ role: 'therapist' }] },
      ],
      protocols: [
        {
          id: 'pair',
          series: [{ id: 'emdr', sessionType: 'emdr', count: { min: 2, max: 2 } }],
          continuity: [{ series: ['emdr'], role: 'therapist', mode: 'prefer' }],
        },
      ],
      patients: [{ id: 'a', protocol: 'pair' }],
    });
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.score).toEqual({
      scheduledPatients: 1,
      movedAppointments: 0,
      continuityBreaks: 0,
      completionDays: 1,
    });
    expect(new Set(s.appointments.map((a) => a.staff[0].id))).toEqual(new Set(['t2']));
  });
});

describe('repair with existing bookings', () => {
  const base = (gapMin = 20): Problem =>
    tiny({
      staff: [
        { id: 'dr-a', roles: ['prescriber'], availability: daily('09:00', '12:00') },
        { id: 'dr-b', roles: ['prescriber'], availability: daily('09:00', '12:00') },
      ],
      sessionTypes: [dose],
      protocols: [
        {
          id: 'two',
          series: [
            {
              id: 'dose',
              sessionType: 'dose-60',
              count: { min: 2, max: 2 },
              gapHours: { min: gapMin, max: 52 },
            },
          ],
        },
      ],
      patients: [{ id: 'a', protocol: 'two' }],
      existing: [
        {
          id: 'appt-1',
          patient: 'a',
          series: 'dose',
          index: 1,
          start: '2027-03-15T10:00',
          room: null,
          staff: [{ id: 'dr-a', role: 'prescriber' }],
          mode: 'keepIfPossible',
        },
        {
          id: 'appt-2',
          patient: 'a',
          series: 'dose',
          index: 2,
          start: '2027-03-17T10:00',
          room: null,
          staff: [{ id: 'dr-a', role: 'prescriber' }],
          mode: 'keepIfPossible',
        },
      ],
    });

  it('keeps bookings that still fit, though an earlier plan exists', () => {
    const problem = base();
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.score.movedAppointments).toBe(0);
    expect(s.appointments.map((a) => [a.id, a.start, a.staff[0].id])).toEqual([
      ['appt-1', '2027-03-15T10:00:00-04:00', 'dr-a'],
      ['appt-2', '2027-03-17T10:00:00-04:00', 'dr-a'],
    ]);
  });

  it('moves only the booking whose prescriber called in sick, to another prescriber at the same time', () => {
    // At least 44 h between doses: the second cannot move earlier, so same time, other prescriber.
    const problem = {
      ...base(44),
      busy: [{ resource: 'dr-a', start: '2027-03-17T00:00', end: '2027-03-18T00:00' }],
    };
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.score.movedAppointments).toBe(1);
    expect(s.appointments.map((a) => [a.id, a.start, a.staff[0].id])).toEqual([
      ['appt-1', '2027-03-15T10:00:00-04:00', 'dr-a'],
      ['appt-2', '2027-03-17T10:00:00-04:00', 'dr-b'],
    ]);
  });

  it('moves a missed dose and keeps the rest when the clinic is closed that day', () => {
    const problem = {
      ...base(),
      clinic: { timeZone: 'America/New_York', slotMinutes: 60, closures: ['2027-03-15'] },
    };
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.score.movedAppointments).toBe(1);
    const kept = s.appointments.find((a) => a.id === 'appt-2');
    expect(kept?.start).toBe('2027-03-17T10:00:00-04:00');
    expect(s.appointments.find((a) => a.id === 'appt-1')?.start).not.toBe(
      '2027-03-15T10:00:00-04:00',
    );
  });
});

describe('time limit', () => {
  it('returns a valid partial plan with SEARCH_LIMIT when the clock runs out', () => {
    // One prescriber hour a day; a can come any day, b only on Monday. The
    // first-fit floor (problem order, not cut by the clock) books a on Monday;
    // the searches that would move a never start.
    const problem = tiny({
      staff: [{ id: 'dr', roles: ['prescriber'], availability: daily('09:00', '10:00') }],
      sessionTypes: [dose],
      protocols: [
        { id: 'one', series: [{ id: 'dose', sessionType: 'dose-60', count: { min: 1, max: 1 } }] },
      ],
      patients: [
        { id: 'a', protocol: 'one' },
        { id: 'b', protocol: 'one', latestEnd: '2027-03-15' },
      ],
    });
    let now = 0;
    // Each reading of the clock moves it 40 ms; the limit is 50 ms.
    const s = solve(problem, { timeLimitMs: 50, clock: () => (now += 40) });
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.score.scheduledPatients).toBe(1);
    expect(s.unscheduled.map((u) => u.patient)).toEqual(['b']);
    expect(s.unscheduled[0].reasons[0].code).toBe('SEARCH_LIMIT');
    // With time, the planner moves a and schedules both.
    expect(solve(problem, { timeLimitMs: 5000 }).score.scheduledPatients).toBe(2);
  });
});
