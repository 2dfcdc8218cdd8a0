import { compileModel } from '../model/compile';
import { ExclusiveTime } from './exclusive-time';
import { talkClinic } from '../talk-clinic.testing';

/** Two patients needing one 60-minute talk each; one room and one nurse free 09:00–12:00. */
const clinic = (roomUntil = '12:00') =>
  talkClinic({
    patients: [{}, {}],
    days: ['2027-03-15', '2027-03-15'],
    slotMinutes: 30,
    nurseHours: ['09:00', '12:00'],
    roomHours: ['09:00', roomUntil],
  });

function setUp() {
  const model = compileModel(clinic());
  const time = new ExclusiveTime(model, [0, 1]);
  const room = time.room(0)!;
  return { time, room, nine: room.free[0] };
}

describe('ExclusiveTime', () => {
  it('counts the free minutes of the exclusive room and person, and the slack', () => {
    const { time, room, nine } = setUp();
    expect(time.list).toHaveLength(2);
    expect(room.free).toEqual([nine, nine + 180]);
    // 2 × 180 free minutes; the two talks take 2 × 60 of the room's and of the nurse's.
    expect(time.supply).toBe(360);
    expect(time.slack).toBe(120);
  });

  it('charges a piece left too short for any use once, and takes it out of the free time', () => {
    const { time, room, nine } = setUp();
    const undo = time.take(room, nine + 30, nine + 90);
    // 09:00–09:30 can hold no 60-minute talk: waste now, and gone, so that the frontier
    // does not reach it later and leave it unused a second time.
    expect(time.waste).toBe(30);
    expect(room.free).toEqual([nine + 90, nine + 180]);
    expect(time.frontier().map((ex) => ex.free[0])).toEqual([nine]); // the nurse, still free
    undo();
    expect(time.waste).toBe(0);
    expect(room.free).toEqual([nine, nine + 180]);
  });

  it('keeps a piece long enough for a use', () => {
    const { time, room, nine } = setUp();
    time.take(room, nine + 60, nine + 120);
    expect(time.waste).toBe(0);
    expect(room.free).toEqual([nine, nine + 60, nine + 120, nine + 180]);
  });

  it('charges time left unused on purpose', () => {
    const { time, room, nine } = setUp();
    const undo = time.leave(room, nine, nine + 30);
    expect(time.waste).toBe(30);
    expect(room.free).toEqual([nine + 30, nine + 180]);
    undo();
    expect(time.waste).toBe(0);
  });

  it("counts the slack per pool: the nurse's spare hour is not the room's", () => {
    // The room is free 09:00–11:00 (two talks fill it), the nurse 09:00–12:00.
    const model = compileModel(clinic('11:00'));
    const time = new ExclusiveTime(model, [0, 1]);
    const room = time.room(0)!;
    const nurse = time.person(0)!;
    expect(time.slack).toBe(60);
    expect([time.poolSlack[room.pool], time.poolSlack[nurse.pool]]).toEqual([0, 60]);
    expect(time.canLeave(room, 30)).toBe(false);
    expect(time.canLeave(nurse, 30)).toBe(true);
    const undo = time.leave(room, room.free[0], room.free[0] + 30);
    // Within the clinic's slack of 60, but the room has none to spare.
    expect(time.overspent()).toBe(true);
    undo();
    expect(time.overspent()).toBe(false);
    // The frontier search follows only pools with at most a tenth to spare: the room.
    const tight = ExclusiveTime.tightPools(model, [0, 1], 0.1);
    expect(tight.list.map((ex) => ex.kind)).toEqual(['room']);
  });
});
