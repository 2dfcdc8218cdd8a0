import { useTestApp } from '../harness/test-app';
import { RoomRepository } from '../../src/repositories/room.repository';
import { bad, catalogResourceSuite, observedState } from './support/catalog-resource.suite';

const WEEKDAYS = { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '07:30', end: '18:00' };

const valid = (i: number) => ({
  name: `Infusion bay ${i}`,
  features: ['infusion', 'monitoring'],
  capacity: 2,
  availability: [WEEKDAYS],
  timeOff: [{ start: '2027-03-19T00:00', end: '2027-03-20T00:00' }],
});
const base = valid(9);

describe('/v1/rooms', () => {
  const t = useTestApp();
  afterEach(() => jest.restoreAllMocks());

  catalogResourceSuite(t, {
    path: '/v1/rooms',
    entityType: 'room',
    valid,
    patch: { name: 'Therapy room', features: ['therapy'], capacity: 1, availability: null },
    badCreates: [
      bad('unknown field', { ...base, floor: 2 }, '/floor', 'UNKNOWN_FIELD'),
      bad('name missing', { features: [] }, '/name', 'REQUIRED'),
      bad('capacity 0', { ...base, capacity: 0 }, '/capacity', 'OUT_OF_RANGE'),
      bad('capacity not whole', { ...base, capacity: 1.5 }, '/capacity', 'INVALID_TYPE'),
      bad('capacity as text', { ...base, capacity: '2' }, '/capacity', 'INVALID_TYPE'),
      bad(
        'feature not a slug',
        { ...base, features: ['Infusion Bay'] },
        '/features',
        'INVALID_FORMAT',
      ),
      bad(
        'duplicate feature',
        { ...base, features: ['therapy', 'therapy'] },
        '/features',
        'DUPLICATE',
      ),
      bad(
        'invalid RRULE',
        { ...base, availability: [{ ...WEEKDAYS, rrule: 'FREQ=WEEKLY;BYDAY=MO;TZID=UTC' }] },
        '/availability/0/rrule',
        'INVALID_RRULE',
      ),
      bad(
        'window end not after start',
        { ...base, availability: [{ date: '2027-03-13', start: '12:00', end: '09:00' }] },
        '/availability/0/end',
        'END_NOT_AFTER_START',
      ),
      bad(
        'time off end equal to start',
        { ...base, timeOff: [{ start: '2027-03-19T09:00', end: '2027-03-19T09:00' }] },
        '/timeOff/0/end',
        'END_NOT_AFTER_START',
      ),
    ],
    badPatches: [
      bad('capacity 0', { capacity: 0 }, '/capacity', 'OUT_OF_RANGE'),
      bad('capacity null', { capacity: null }, '/capacity', 'INVALID_TYPE'),
      bad('features null', { features: null }, '/features', 'INVALID_TYPE'),
      bad('timeOff null', { timeOff: null }, '/timeOff', 'INVALID_TYPE'),
      bad(
        'invalid RRULE',
        { availability: [{ ...WEEKDAYS, rrule: 'FREQ=HOURLY' }] },
        '/availability/0/rrule',
        'INVALID_RRULE',
      ),
    ],
  });

  it('pages through rooms with the same name without skipping or repeating any', async () => {
    const clinic = await t().createClinic();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await clinic.as('director').post('/v1/rooms').send({ name: 'Bay' })).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await clinic.as('director').get(`/v1/rooms?limit=1${query}`).expect(200);
      seen.push(...page.body.items.map((x: { id: string }) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort());
  });

  it('keeps "no availability" (open across the horizon) apart from an empty list', async () => {
    const clinic = await t().createClinic();
    const director = () => clinic.as('director');
    const open = await director().post('/v1/rooms').send({ name: 'Open' }).expect(201);
    expect(open.body).toMatchObject({ features: [], capacity: 1, availability: null, timeOff: [] });
    const closed = await director()
      .post('/v1/rooms')
      .send({ name: 'Closed', availability: [] })
      .expect(201);
    expect(closed.body.availability).toEqual([]);
    const rows = await t().dataSource.query(
      `SELECT name, availability FROM room WHERE clinic_id = $1 ORDER BY name`,
      [clinic.id],
    );
    expect(rows).toEqual([
      { name: 'Closed', availability: [] },
      { name: 'Open', availability: null },
    ]);

    // PATCH availability: null goes back to "open"; leaving it out changes nothing.
    const windowed = await director()
      .patch(`/v1/rooms/${open.body.id}`)
      .send({ availability: [WEEKDAYS] })
      .expect(200);
    expect(windowed.body.availability).toEqual([WEEKDAYS]);
    const renamed = await director()
      .patch(`/v1/rooms/${open.body.id}`)
      .send({ name: 'Open again' })
      .expect(200);
    expect(renamed.body.availability).toEqual([WEEKDAYS]);
    const reopened = await director()
      .patch(`/v1/rooms/${open.body.id}`)
      .send({ availability: null })
      .expect(200);
    expect(reopened.body.availability).toBeNull();
  });

  it('archiving is refused with 409 IN_USE naming the users when the usage hook finds any', async () => {
    const clinic = await t().createClinic();
    const room = (await clinic.as('director').post('/v1/rooms').send(valid(1))).body;
    // Nothing references rooms yet (bookings are not built); stand in for them at the hook.
    const usages = jest.spyOn(RoomRepository.prototype, 'usages').mockResolvedValue([
      { kind: 'booking', id: 'b-1', label: 'appt-17 on 2027-03-08 09:00' },
      { kind: 'booking', id: 'b-2', label: 'appt-18 on 2027-03-10 09:00' },
    ]);
    const before = await observedState(t(), clinic, '/v1/rooms');
    const res = await clinic.as('director').delete(`/v1/rooms/${room.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IN_USE');
    expect(res.body.detail).toBe(
      'Room "Infusion bay 1" is still used by booking appt-17 on 2027-03-08 09:00, booking appt-18 on 2027-03-10 09:00; nothing was changed',
    );
    expect(usages).toHaveBeenCalledWith(
      expect.objectContaining({ id: room.id, clinicId: clinic.id }),
      expect.anything(),
    );
    expect(await observedState(t(), clinic, '/v1/rooms')).toEqual(before);
  });
});
