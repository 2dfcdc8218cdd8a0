import type { ExistingBooking, Patient, Problem, StaffMember } from '../format';
import { compileModel } from '../model/compile';
import { countCapacity } from './capacity-count';
import { computeDomains } from './domains';
import { pinnedSlots } from './fixed-state';
import { talkClinic } from '../talk-clinic.testing';

/** Patients needing one 60-minute talk each on Monday 15 March 2027 (UTC, hourly grid). */
function clinic(parts: {
  patients: number;
  nurse: Partial<StaffMember>;
  maxConcurrent?: number;
  roomCapacity?: number;
  roomHours?: [string, string];
  patientDays?: Array<[string, string]>;
  existing?: ExistingBooking[];
}): Problem {
  const patients: Array<Partial<Patient>> = Array.from({ length: parts.patients }, (_, i) =>
    parts.patientDays
      ? { earliestStart: parts.patientDays[i][0], latestEnd: parts.patientDays[i][1] }
      : {},
  );
  return talkClinic({ ...parts, patients, roomCapacity: parts.roomCapacity ?? 4 });
}

function count(problem: Problem, excluded = new Set<number>()) {
  const model = compileModel(problem);
  const domains = model.patients.map((p) => computeDomains(model, p, pinnedSlots(model, p.index)));
  return countCapacity(model, domains, excluded);
}

describe('countCapacity', () => {
  it('counts one nurse hour a day over two days: at most 2 of 3 patients', () => {
    const c = count(clinic({ patients: 3, nurse: {} }));
    expect(c.bound).toBe(2);
    const shortage = c.byPatient.get(0)!;
    expect(shortage.kind).toEqual({ type: 'role', role: 'rn' });
    expect(shortage).toMatchObject({ fit: 2, supplyMinutes: 120 });
    expect(shortage.demands.map((d) => d.minutes)).toEqual([60, 60, 60]);
  });

  it('lets a shared nurse (maxConcurrent 3) watch three at once', () => {
    expect(count(clinic({ patients: 3, nurse: {}, maxConcurrent: 3 })).bound).toBe(3);
    expect(count(clinic({ patients: 7, nurse: {}, maxConcurrent: 3 })).bound).toBe(6);
  });

  it('caps a person by maxMinutesPerDay', () => {
    const nurse = {
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '18:00' }],
      limits: { maxMinutesPerDay: 60 },
    };
    expect(count(clinic({ patients: 3, nurse })).bound).toBe(2);
  });

  it('counts room places (capacity × free minutes)', () => {
    const nurse = { availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '18:00' }] };
    const c = count(clinic({ patients: 5, nurse, roomCapacity: 2, roomHours: ['09:00', '10:00'] }));
    expect(c.bound).toBe(4);
    expect(c.byPatient.get(0)!.kind).toEqual({ type: 'room', features: ['talk'] });
  });

  it('takes pinned bookings out of the supply', () => {
    const pinned: ExistingBooking = {
      id: 'b1',
      patient: 'p1',
      series: 't',
      index: 1,
      start: '2027-03-15T09:00',
      room: 'room',
      staff: [{ id: 'rn', role: 'rn' }],
      mode: 'pinned',
    };
    // p1 is pinned on Monday's only nurse hour: of p2, p3 only one fits (Tuesday).
    expect(count(clinic({ patients: 3, nurse: {}, existing: [pinned] })).bound).toBe(2);
  });

  it('uses each patient window: one patient per day fits, two on the same day do not', () => {
    const days: Array<[string, string]> = [
      ['2027-03-15', '2027-03-15'],
      ['2027-03-16', '2027-03-16'],
    ];
    expect(count(clinic({ patients: 2, nurse: {}, patientDays: days })).bound).toBe(2);
    const sameDay: Array<[string, string]> = [
      ['2027-03-15', '2027-03-15'],
      ['2027-03-15', '2027-03-15'],
    ];
    const c = count(clinic({ patients: 2, nurse: {}, patientDays: sameDay }));
    expect(c.bound).toBe(1);
    expect(c.byPatient.get(1)).toMatchObject({ firstDay: 0, lastDay: 0, fit: 1 });
  });

  it('proves a patient unschedulable alone when its own need exceeds the supply', () => {
    // Three series of one talk each (no chain between them): 3 h of nurse time, 2 h free.
    const problem = clinic({ patients: 1, nurse: {} });
    problem.protocols[0].series = ['t', 'u', 'v'].map((id) => ({
      id,
      sessionType: 'talk',
      count: { min: 1, max: 1 },
    }));
    const c = count(problem);
    expect(c.alone.has(0)).toBe(true);
    expect(c.bound).toBe(0);
  });

  it('leaves excluded patients out of the bound and the groups', () => {
    const c = count(clinic({ patients: 3, nurse: {} }), new Set([0]));
    expect(c.bound).toBe(2);
    expect(c.byPatient.size).toBe(0);
  });
});
