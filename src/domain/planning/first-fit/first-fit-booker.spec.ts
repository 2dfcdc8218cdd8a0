import type { Problem } from '../format';
import { person, problem, protocol } from './booker-problem.testing';
import { validateSolution, computeScore } from '../solution-check';
import { firstFitBook } from './first-fit-booker';

function book(p: Problem) {
  const s = firstFitBook(p);
  expect(validateSolution(p, s)).toEqual([]);
  expect(s.score).toEqual(computeScore(p, s));
  return s;
}

const starts = (s: ReturnType<typeof firstFitBook>, patient: string) =>
  s.appointments
    .filter((a) => a.patient === patient)
    .map((a) => `${a.series}${a.index} ${a.start}`);

describe('naive first-fit booker', () => {
  it('books each session at the earliest feasible slot, honouring the gap', () => {
    const s = book(problem());
    expect(s.status).toBe('complete');
    // 44 h after Monday 09:00 is Wednesday 05:00, before the patient day opens.
    expect(starts(s, 'p-1')).toEqual([
      'dose1 2027-03-01T09:00:00-05:00',
      'dose2 2027-03-03T09:00:00-05:00',
    ]);
    expect(s.appointments[0].staff).toEqual([
      {
        id: 'md-1',
        role: 'md',
        start: '2027-03-01T09:00:00-05:00',
        end: '2027-03-01T09:30:00-05:00',
      },
      {
        id: 'rn-1',
        role: 'rn',
        start: '2027-03-01T09:00:00-05:00',
        end: '2027-03-01T11:00:00-05:00',
      },
    ]);
  });

  it('respects room turnover and lets one nurse watch two chairs', () => {
    const p = problem(
      {
        rooms: [
          { id: 'chair-1', features: ['chair'] },
          { id: 'chair-2', features: ['chair'] },
        ],
      },
      3,
    );
    const s = book(p);
    // Two chairs at 09:00 need the prescriber one after the other: 09:00 and 09:30; the RN watches both.
    expect(starts(s, 'p-1')[0]).toBe('dose1 2027-03-01T09:00:00-05:00');
    expect(starts(s, 'p-2')[0]).toBe('dose1 2027-03-01T09:30:00-05:00');
    // Third patient: chair-1 is free again after 11:00 + 15 min turnover.
    expect(starts(s, 'p-3')[0]).toBe('dose1 2027-03-01T11:15:00-05:00');
    expect(
      s.appointments
        .filter((a) => a.start.startsWith('2027-03-01T09'))
        .every((a) => a.staff[1].id === 'rn-1'),
    ).toBe(true);
  });

  it('measures gap hours in real time across the spring-forward change', () => {
    const p = problem({
      protocols: [
        protocol({
          series: [
            {
              id: 'dose',
              sessionType: 'dose',
              count: { min: 2, max: 2 },
              gapHours: { min: 72, max: 100 },
              days: ['FR', 'MO'],
            },
          ],
        }),
      ],
      patients: [{ id: 'p-1', protocol: 'proto', earliestStart: '2027-03-12' }],
    });
    const s = book(p);
    // Fri 09:00 EST to Mon 09:00 EDT is only 71 h: the second dose moves to 10:00.
    expect(starts(s, 'p-1')).toEqual([
      'dose1 2027-03-12T09:00:00-05:00',
      'dose2 2027-03-15T10:00:00-04:00',
    ]);
  });

  it('places a follow-up right after its anchor and keeps a required therapist', () => {
    const p = problem({
      protocols: [
        protocol({
          series: [
            {
              id: 'dose',
              sessionType: 'dose',
              count: { min: 2, max: 2 },
              gapHours: { min: 44, max: 100 },
            },
            { id: 'talk', sessionType: 'talk', count: { min: 2, max: 2 } },
          ],
          rules: [
            {
              type: 'followUp',
              anchor: 'dose',
              targets: ['talk'],
              hours: { min: 1, max: 4 },
              sameDay: true,
            },
          ],
          continuity: [{ series: ['talk'], role: 'therapist', mode: 'require' }],
        }),
      ],
      busy: [{ resource: 'th-1', start: '2027-03-03T12:00', end: '2027-03-03T16:00' }],
    });
    const s = book(p);
    // th-1 (required for every talk) is busy on the 3rd until 16:00, and the talk must start within 4 h
    // of the dose's end that day: the dose moves to 10:00 so that the talk can be at 16:00.
    expect(starts(s, 'p-1')).toEqual([
      'dose1 2027-03-01T09:00:00-05:00',
      'talk1 2027-03-01T12:00:00-05:00',
      'dose2 2027-03-03T10:00:00-05:00',
      'talk2 2027-03-03T16:00:00-05:00',
    ]);
    const talks = s.appointments.filter((a) => a.series === 'talk');
    expect(new Set(talks.map((a) => a.staff[0].id)).size).toBe(1);
  });

  it('drops a patient whole when a later session cannot be placed, leaving nothing booked', () => {
    const p = problem({}, 2);
    // p-2 may only be seen on the 1st: its second dose cannot be placed.
    p.patients[1] = {
      id: 'p-2',
      protocol: 'proto',
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-02',
    };
    p.patients.push({ id: 'p-3', protocol: 'proto', earliestStart: '2027-03-01' });
    const s = book(p);
    expect(s.status).toBe('partial');
    expect(s.unscheduled.map((u) => u.patient)).toEqual(['p-2']);
    expect(s.unscheduled[0].reasons[0].code).toBe('NAIVE_NO_SLOT');
    expect(s.appointments.some((a) => a.patient === 'p-2')).toBe(false);
    // p-3 gets the 11:15 slot p-2 had tried before being rolled back.
    expect(starts(s, 'p-3')[0]).toBe('dose1 2027-03-01T11:15:00-05:00');
    expect(s.score.scheduledPatients).toBe(2);
  });

  it('honours staff daily limits and closures', () => {
    const p = problem(
      { clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: ['2027-03-01'] } },
      2,
    );
    p.staff[0] = { ...person('md-1', ['md']), limits: { maxSessionsPerDay: 1 } };
    p.rooms.push({ id: 'chair-2', features: ['chair'] });
    const s = book(p);
    expect(starts(s, 'p-1')[0]).toBe('dose1 2027-03-02T09:00:00-05:00');
    // md-1 may do one session a day: p-2 starts the next day.
    expect(starts(s, 'p-2')[0]).toBe('dose1 2027-03-03T09:00:00-05:00');
  });

  it('rejects problems with existing bookings instead of half-honouring them', () => {
    const p = problem({
      existing: [
        {
          id: 'a',
          patient: 'p-1',
          series: 'dose',
          index: 1,
          start: '2027-03-01T09:00',
          staff: [],
          mode: 'pinned',
        },
      ],
    });
    expect(() => firstFitBook(p)).toThrow(/existing/);
  });
});
