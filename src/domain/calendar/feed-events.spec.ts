import { FeedAppointment, feedEvents, patientCode } from './feed-events';

const base: FeedAppointment = {
  id: 'a1',
  uid: 'u1',
  occurrenceId: null,
  start: new Date('2027-03-08T14:00:00Z'),
  end: new Date('2027-03-08T15:00:00Z'),
  status: 'booked',
  sequence: 0,
  updatedAt: new Date('2027-03-01T00:00:00Z'),
  sessionTypeName: 'EMDR',
  roomName: 'Room 1',
  patientId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  patientInitials: 'EK',
  patientPseudonym: null,
};
const opts = {
  kind: 'staff' as const,
  patientLabel: 'initials' as const,
  cancelledShownSince: new Date('2027-03-05T00:00:00Z'),
};

describe('feedEvents', () => {
  it('titles staff/room/cohort events with type and patient code, patient feeds by type', () => {
    expect(feedEvents([base], opts)[0]).toMatchObject({ summary: 'EMDR · EK', location: 'Room 1' });
    expect(feedEvents([base], { ...opts, kind: 'patient' })[0].summary).toBe('EMDR');
  });

  it('uses the pseudonym when the clinic asks for one, never the initials', () => {
    expect(patientCode('pseudonym', { ...base, patientPseudonym: 'Heron' })).toBe('Heron');
    expect(patientCode('pseudonym', base)).toBe('P-7C9E66');
    expect(patientCode('initials', { ...base, patientPseudonym: 'Heron' })).toBe('EK');
  });

  it('shows a cancellation until the retention ends, then leaves it out', () => {
    const recent = {
      ...base,
      uid: 'u2',
      status: 'cancelled' as const,
      updatedAt: new Date('2027-03-06T00:00:00Z'),
    };
    const old = {
      ...base,
      uid: 'u3',
      status: 'cancelled' as const,
      updatedAt: new Date('2027-03-04T00:00:00Z'),
    };
    const events = feedEvents([base, recent, old], opts);
    expect(events.map((e) => [e.uid, e.cancelled])).toEqual([
      ['u1', false],
      ['u2', true],
    ]);
  });

  it('one event per group occurrence outside patient feeds, cancelled only when all are', () => {
    const g = (uid: string, over: Partial<FeedAppointment>) => ({
      ...base,
      uid,
      occurrenceId: 'occ',
      ...over,
    });
    const rows = [
      g('m1', { sequence: 1, updatedAt: new Date('2027-03-06T00:00:00Z') }),
      g('m2', { status: 'cancelled', sequence: 3, updatedAt: new Date('2027-03-07T00:00:00Z') }),
      g('m3', {}),
    ];
    expect(feedEvents(rows, opts)).toEqual([
      {
        uid: 'occ',
        start: base.start,
        end: base.end,
        summary: 'EMDR · group (2)',
        location: 'Room 1',
        cancelled: false,
        sequence: 3,
        stamp: new Date('2027-03-07T00:00:00Z'),
      },
    ]);
    expect(feedEvents(rows, { ...opts, kind: 'patient' }).map((e) => e.uid)).toEqual([
      'm1',
      'm2',
      'm3',
    ]);
    const allCancelled = rows.map((r) => ({
      ...r,
      status: 'cancelled' as const,
      updatedAt: new Date('2027-03-07T00:00:00Z'),
    }));
    expect(feedEvents(allCancelled, opts)[0]).toMatchObject({
      cancelled: true,
      summary: 'EMDR · group (3)',
    });
  });

  it('orders by start, then uid', () => {
    const later = {
      ...base,
      uid: 'u0',
      start: new Date('2027-03-09T14:00:00Z'),
      end: new Date('2027-03-09T15:00:00Z'),
    };
    const same = { ...base, uid: 'u0b' };
    expect(feedEvents([later, base, same], opts).map((e) => e.uid)).toEqual(['u0b', 'u1', 'u0']);
  });
});
