import type { Problem } from '../format';
import { compileModel } from '../model/compile';
import { assignSession, canAssign, noWishes } from './assign';
import { ResourceState } from './resource-state';

/**
 * Three therapists in input order: t-long is free all day, t-short until
 * 12:00, t-noon until 13:00. Two rooms: room-long open all day, room-short
 * until 12:00. A pair session needs two therapists.
 */
const problem: Problem = {
  formatVersion: 1,
  clinic: { timeZone: 'UTC', slotMinutes: 30 },
  horizon: { start: '2027-03-01', end: '2027-03-01' },
  staff: [
    {
      id: 't-long',
      roles: ['t'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '18:00' }],
    },
    {
      id: 't-short',
      roles: ['t'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '12:00' }],
    },
    {
      id: 't-noon',
      roles: ['t'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '13:00' }],
    },
  ],
  rooms: [
    {
      id: 'room-long',
      features: ['therapy'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '18:00' }],
    },
    {
      id: 'room-short',
      features: ['therapy'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '12:00' }],
    },
  ],
  sessionTypes: [
    { id: 'one', durationMinutes: 60, room: { features: ['therapy'] }, staff: [{ role: 't' }] },
    { id: 'pair', durationMinutes: 60, room: null, staff: [{ role: 't', count: 2 }] },
    // Two requirements sharing people: checked by first fit, not one by one.
    { id: 'co', durationMinutes: 60, room: null, staff: [{ role: 't' }, { role: 't' }] },
  ],
  protocols: [],
  patients: [],
};

describe('assignSession', () => {
  const model = compileModel(problem);
  const [one, pair, co] = model.sessionTypes;
  const at = (hh: number) => model.dayStartAt[0] + hh * 60;
  const staffIds = (staff: number[][]) => staff.map((g) => g.map((p) => model.staff[p].id));

  it('best fit takes the room and the person whose free time ends soonest', () => {
    const asg = assignSession(model, new ResourceState(model), one, at(10), 0, null);
    expect(asg && model.rooms[asg.room].id).toBe('room-short');
    expect(asg && staffIds(asg.staff)).toEqual([['t-short']]);
  });

  it('packing takes the first free room and people in input order', () => {
    const asg = assignSession(model, new ResourceState(model), one, at(10), 0, noWishes(one, true));
    expect(asg && model.rooms[asg.room].id).toBe('room-long');
    expect(asg && staffIds(asg.staff)).toEqual([['t-long']]);
  });

  it('best fit skips people already booked and still orders the rest by their free time', () => {
    const state = new ResourceState(model);
    state.addStaff(1, at(10), at(11), 1, 0, 1); // t-short busy 10:00-11:00
    const asg = assignSession(model, state, pair, at(10), 0, noWishes(pair));
    expect(asg && staffIds(asg.staff)).toEqual([['t-noon', 't-long']]);
  });

  it('canAssign says whether any assignment exists, at every start and occupancy', () => {
    const state = new ResourceState(model);
    state.addStaff(0, at(9), at(10), 1, 0, 1);
    state.addStaff(2, at(11), at(12), 1, 0, 2);
    state.addRoom(1, at(8), at(9), 3);
    for (let h = 8; h < 18; h++)
      for (const st of [one, pair, co])
        expect([st.id, h, canAssign(model, state, st, at(h), 0)]).toEqual([
          st.id,
          h,
          assignSession(model, state, st, at(h), 0, null) !== null,
        ]);
    expect(canAssign(model, state, pair, at(11), 0)).toBe(true);
    expect(canAssign(model, state, pair, at(13), 0)).toBe(false);
    expect(canAssign(model, state, co, at(12), 0)).toBe(true);
    expect(canAssign(model, state, co, at(13), 0)).toBe(false);
  });
});
