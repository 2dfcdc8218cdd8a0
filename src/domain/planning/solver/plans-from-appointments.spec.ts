import type { Appointment, Problem } from '../format';
import { firstFitBook } from '../first-fit/first-fit-booker';
import { DOSE, person, problem, WEEKDAYS } from '../first-fit/booker-problem.testing';
import { compileModel } from '../model/compile';
import { plansFromAppointments } from './plans-from-appointments';
import { appointmentsOf } from './solution-output';

/** Two patients, two doses each (prescriber for the first 30 min, a nurse throughout), across the March DST change in New York. */
const PROBLEM: Problem = problem({
  horizon: { start: '2027-03-11', end: '2027-03-24' },
  staff: [person('md-1', ['md']), person('rn-1', ['rn'])],
  rooms: [
    {
      id: 'chair-1',
      features: ['chair'],
      availability: [{ rrule: WEEKDAYS, start: '08:00', end: '18:00' }],
    },
  ],
  sessionTypes: [DOSE],
  patients: [
    { id: 'a', protocol: 'proto', earliestStart: '2027-03-12' },
    { id: 'b', protocol: 'proto', earliestStart: '2027-03-12' },
  ],
});

const shape = (list: Appointment[]) =>
  list
    .map((a) => ({
      patient: a.patient,
      series: a.series,
      index: a.index,
      start: Date.parse(a.start),
      end: Date.parse(a.end),
      room: a.room,
      staff: a.staff
        .map((s) => `${s.id}/${s.role}/${Date.parse(s.start)}/${Date.parse(s.end)}`)
        .sort(),
    }))
    .sort((x, y) => x.start - y.start || x.patient.localeCompare(y.patient));

describe('plansFromAppointments', () => {
  it("turns the first-fit booker's appointments into plans that give them back", () => {
    const booked = firstFitBook(PROBLEM);
    expect(booked.score.scheduledPatients).toBe(2);
    const model = compileModel(PROBLEM);
    const plans = plansFromAppointments(model, booked.appointments);
    expect(plans.every(Boolean)).toBe(true);
    // Friday 12 March then Monday 15 March (after the change to daylight time).
    expect(plans[0]!.sessions.map((s) => s.day)).toEqual([1, 4]);
    expect(shape(appointmentsOf(model, plans))).toEqual(shape(booked.appointments));
  });

  it('gives no plan to a patient whose appointment is off the slot grid or incomplete', () => {
    const booked = firstFitBook(PROBLEM);
    const model = compileModel(PROBLEM);
    const moved = booked.appointments.map((a) =>
      a.patient === 'a' && a.index === 1
        ? { ...a, start: new Date(Date.parse(a.start) + 5 * 60_000).toISOString() }
        : a,
    );
    expect(plansFromAppointments(model, moved).map(Boolean)).toEqual([false, true]);
    const partial = booked.appointments.filter((a) => !(a.patient === 'b' && a.index === 2));
    expect(plansFromAppointments(model, partial).map(Boolean)).toEqual([true, false]);
  });
});
