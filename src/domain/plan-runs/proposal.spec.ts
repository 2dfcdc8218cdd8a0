import { buildPlanRunProblem } from './build-problem';
import { at, appointment, input } from './build-problem.testing';
import { proposalOf, RunNames } from './proposal';

describe('proposalOf', () => {
  it('tells added, kept, moved and removed apart, and leaves unscheduled patients alone', () => {
    const problem = buildPlanRunProblem(
      input({
        repair: true,
        appointments: [
          appointment({}),
          appointment({
            id: 'a2',
            index: 2,
            start: at('2027-03-12T14:00:00Z'),
            end: at('2027-03-12T16:00:00Z'),
          }),
        ],
      }),
    );
    const names: RunNames = {
      patients: { e1: { patientId: 'p1', displayName: 'Ann', initials: 'A', externalRef: null } },
      staff: { dr: 'Dr. A' },
      rooms: { bay: 'Bay 1' },
      sessionTypes: { iv: { id: 'st1', name: 'IV' } },
      existing: {
        a1: {
          index: 1,
          start: at('2027-03-10T14:00:00Z'),
          roomId: 'bay',
          staff: ['dr:prescriber'],
          status: 'booked',
        },
        a2: {
          index: 2,
          start: at('2027-03-12T14:00:00Z'),
          roomId: 'bay',
          staff: ['dr:prescriber'],
          status: 'booked',
        },
      },
    };
    const staff = (start: string) => [{ id: 'dr', role: 'prescriber', start, end: start }];
    const solution = {
      formatVersion: 1.1 as const,
      status: 'complete' as const,
      appointments: [
        {
          id: 'a1',
          patient: 'e1',
          series: 'dose',
          index: 1,
          sessionType: 'iv',
          start: '2027-03-10T09:00:00-05:00',
          end: '2027-03-10T11:00:00-05:00',
          room: 'bay',
          staff: staff('2027-03-10T09:00:00-05:00'),
        },
        {
          id: 'a2',
          patient: 'e1',
          series: 'dose',
          index: 2,
          sessionType: 'iv',
          start: '2027-03-15T09:00:00-04:00',
          end: '2027-03-15T11:00:00-04:00',
          room: 'bay',
          staff: staff('2027-03-15T09:00:00-04:00'),
        },
      ],
      unscheduled: [],
      score: { scheduledPatients: 1, movedAppointments: 1, continuityBreaks: 0, completionDays: 8 },
      stats: { elapsedMs: 1, proof: 'feasible' as const },
    };
    const p = proposalOf(problem, solution, names);
    expect(p.counts).toEqual({ added: 0, kept: 1, moved: 1, removed: 0, done: 0 });
    expect(p.appointments[0]).toMatchObject({
      change: 'kept',
      room: { name: 'Bay 1' },
      staff: [{ name: 'Dr. A' }],
      patient: { displayName: 'Ann' },
    });
    const dropped = proposalOf(
      problem,
      { ...solution, appointments: [solution.appointments[0]] },
      names,
    );
    expect(dropped.removed.map((r) => r.id)).toEqual(['a2']);
    const out = proposalOf(
      problem,
      { ...solution, appointments: [], unscheduled: [{ patient: 'e1', reasons: [] }] },
      names,
    );
    expect(out.counts).toEqual({ added: 0, kept: 0, moved: 0, removed: 0, done: 0 });
  });

  it('writes the stored start of a moved or removed appointment with the clinic offset, after the DST change', () => {
    // Monday 2027-03-15 09:00 EDT (the clocks went forward on the 14th): 13:00Z.
    const stored = { start: at('2027-03-15T13:00:00Z'), end: at('2027-03-15T15:00:00Z') };
    const problem = buildPlanRunProblem(
      input({ repair: true, appointments: [appointment({ ...stored, staff: [] })] }),
    );
    const names: RunNames = {
      patients: { e1: { patientId: 'p1', displayName: 'Ann', initials: 'A', externalRef: null } },
      staff: { dr: 'Dr. A' },
      rooms: { bay: 'Bay 1' },
      sessionTypes: { iv: { id: 'st1', name: 'IV' } },
      existing: {
        a1: { index: 1, start: stored.start, roomId: 'bay', staff: [], status: 'booked' },
      },
    };
    const to = '2027-03-16T10:00:00-04:00';
    const solution = {
      formatVersion: 1.1 as const,
      status: 'complete' as const,
      appointments: [
        {
          id: 'a1',
          patient: 'e1',
          series: 'dose',
          index: 1,
          sessionType: 'iv',
          start: to,
          end: '2027-03-16T12:00:00-04:00',
          room: 'bay',
          staff: [],
        },
      ],
      unscheduled: [],
      score: { scheduledPatients: 1, movedAppointments: 1, continuityBreaks: 0, completionDays: 1 },
      stats: { elapsedMs: 1, proof: 'feasible' as const },
    };
    expect(proposalOf(problem, solution, names).moved).toEqual([
      { id: 'a1', from: '2027-03-15T09:00:00-04:00', to },
    ]);
    const dropped = proposalOf(problem, { ...solution, appointments: [] }, names);
    expect(dropped.removed).toEqual([
      expect.objectContaining({ id: 'a1', start: '2027-03-15T09:00:00-04:00' }),
    ]);
  });
});
