import type { EntityManager } from 'typeorm';
import type { AppointmentRepository } from '../repositories/appointment.repository';
import type { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { LanePlanner, type PlannedBooking } from './lane-planner';

const ZONE = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

/** The 409's message for a room clash over [from, to), the holder being dose 4. */
async function roomFull(from: string, to: string): Promise<string> {
  const appointments = {
    byIds: () => Promise.resolve([{ id: 'a4', seriesId: 'dose', index: 4 }]),
  } as unknown as AppointmentRepository;
  const planner = new LanePlanner({} as ResourceBookingRepository, appointments);
  const want: PlannedBooking = {
    kind: 'room',
    resourceId: 'r1',
    start: at(from),
    end: at(to),
    cap: 1,
    pointer: '/roomId',
    name: 'QA Room C',
  };
  const hold = { id: 'h', appointmentId: 'a4', start: at(from), end: at(to), lane: 0, cap: 1 };
  const error = await planner.overlap(
    'c1',
    {} as EntityManager,
    [{ want, holds: [hold], limit: 1, from: at(from), to: at(to) }],
    ZONE,
  );
  return error.issues[0].message;
}

describe('LanePlanner 409 messages', () => {
  it('names the offsets of a clash in the hour the clocks repeat, so the range reads forwards', async () => {
    // Was "QA Room C is full on 2027-11-07 01:30–01:00".
    expect(await roomFull('2027-11-07T01:30:00-04:00', '2027-11-07T01:00:00-05:00')).toBe(
      'QA Room C is full on 2027-11-07 01:30 EDT–01:00 EST (no sharing): dose 4 (appointment a4)',
    );
  });

  it('keeps plain wall-clock times elsewhere', async () => {
    expect(await roomFull('2027-03-08T11:00:00-05:00', '2027-03-08T11:15:00-05:00')).toBe(
      'QA Room C is full on 2027-03-08 11:00–11:15 (no sharing): dose 4 (appointment a4)',
    );
  });
});
