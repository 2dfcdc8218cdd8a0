import { useTestApp } from '../harness/test-app';
import { bad, catalogResourceSuite, expectProblem } from './support/catalog-resource.suite';

const WEEKLY = { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', start: '08:00', end: '16:00' };
const ONE_OFF = { date: '2027-03-13', start: '09:00', end: '12:00' };

const valid = (i: number) => ({
  name: `Dr. Staff ${i}`,
  roles: ['prescriber', 'kap-therapist'],
  availability: [{ ...WEEKLY, from: '2027-03-01', until: '2027-06-30' }, ONE_OFF],
  timeOff: [{ start: '2027-03-10T00:00', end: '2027-03-11T00:00' }],
  limits: { maxSessionsPerDay: 4, maxMinutesPerDay: 420 },
});

const base = valid(9);
const withWindow = (w: Record<string, unknown>) => ({ ...base, availability: [w] });

describe('/v1/staff', () => {
  const t = useTestApp();

  catalogResourceSuite(t, {
    path: '/v1/staff',
    entityType: 'staff',
    valid,
    patch: { name: 'Dr. Renamed', roles: ['rn'], limits: null, availability: [ONE_OFF] },
    badCreates: [
      bad('unknown field', { ...base, email: 'a@b.c' }, '/email', 'UNKNOWN_FIELD'),
      bad('name missing', { roles: ['rn'] }, '/name', 'REQUIRED'),
      bad('name empty', { ...base, name: '' }, '/name', 'OUT_OF_RANGE'),
      bad('roles empty', { ...base, roles: [] }, '/roles', 'OUT_OF_RANGE'),
      bad('roles missing', { name: 'X' }, '/roles', 'REQUIRED'),
      bad('role not a slug', { ...base, roles: ['RN nurse'] }, '/roles', 'INVALID_FORMAT'),
      bad('duplicate role', { ...base, roles: ['rn', 'rn'] }, '/roles', 'DUPLICATE'),
      bad(
        'invalid RRULE',
        withWindow({ ...WEEKLY, rrule: 'FREQ=SOMETIMES' }),
        '/availability/0/rrule',
        'INVALID_RRULE',
      ),
      bad(
        'RRULE with DTSTART',
        withWindow({ ...WEEKLY, rrule: 'DTSTART:20270301T090000\nRRULE:FREQ=DAILY' }),
        '/availability/0/rrule',
        'INVALID_RRULE',
      ),
      bad(
        'window end not after start',
        withWindow({ ...WEEKLY, end: '08:00' }),
        '/availability/0/end',
        'END_NOT_AFTER_START',
      ),
      bad(
        'window time not HH:MM',
        withWindow({ ...WEEKLY, start: '8am' }),
        '/availability/0/start',
        'INVALID_TIME',
      ),
      bad(
        'window with neither rrule nor date',
        withWindow({ start: '08:00', end: '16:00' }),
        '/availability/0/rrule',
        'EXACTLY_ONE_REQUIRED',
      ),
      bad(
        'window with both rrule and date',
        withWindow({ ...WEEKLY, date: '2027-03-13' }),
        '/availability/0/rrule',
        'EXACTLY_ONE_REQUIRED',
      ),
      bad(
        'window until before from',
        withWindow({ ...WEEKLY, from: '2027-03-10', until: '2027-03-01' }),
        '/availability/0/until',
        'RANGE_REVERSED',
      ),
      bad(
        'window unknown field',
        withWindow({ ...WEEKLY, tzid: 'UTC' }),
        '/availability/0/tzid',
        'UNKNOWN_FIELD',
      ),
      bad(
        'one-off date that does not exist',
        withWindow({ ...ONE_OFF, date: '2027-02-30' }),
        '/availability/0/date',
        'INVALID_DATE',
      ),
      bad(
        'time off end before start',
        { ...base, timeOff: [{ start: '2027-03-11T00:00', end: '2027-03-10T00:00' }] },
        '/timeOff/0/end',
        'END_NOT_AFTER_START',
      ),
      bad(
        'time off not a local date-time',
        { ...base, timeOff: [{ start: '2027-03-11T00:00:00Z', end: '2027-03-12T00:00' }] },
        '/timeOff/0/start',
        'INVALID_DATE_TIME',
      ),
      bad(
        'limit of zero',
        { ...base, limits: { maxSessionsPerDay: 0 } },
        '/limits/maxSessionsPerDay',
        'OUT_OF_RANGE',
      ),
      bad(
        'unknown limit',
        { ...base, limits: { maxPatients: 3 } },
        '/limits/maxPatients',
        'UNKNOWN_FIELD',
      ),
    ],
    badPatches: [
      bad('name null', { name: null }, '/name', 'INVALID_TYPE'),
      bad('roles null', { roles: null }, '/roles', 'INVALID_TYPE'),
      bad('roles empty', { roles: [] }, '/roles', 'OUT_OF_RANGE'),
      bad(
        'invalid RRULE',
        { availability: [{ ...WEEKLY, rrule: 'FREQ=WEEKLY;BYDAY=XX' }] },
        '/availability/0/rrule',
        'INVALID_RRULE',
      ),
      bad('archivedAt is not writable', { archivedAt: null }, '/archivedAt', 'UNKNOWN_FIELD'),
    ],
  });

  it('stores availability, time off and limits exactly as the planning format has them', async () => {
    const clinic = await t().createClinic();
    const res = await clinic.as('director').post('/v1/staff').send(valid(1)).expect(201);
    expect(res.body).toMatchObject(valid(1));
    const stored = await t().dataSource.query(
      `SELECT roles, availability, time_off, limits FROM staff WHERE id = $1`,
      [res.body.id],
    );
    expect(stored[0]).toEqual({
      roles: valid(1).roles,
      availability: valid(1).availability,
      time_off: valid(1).timeOff,
      limits: valid(1).limits,
    });
  });

  it('defaults: no availability (never available), no time off, no limits', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .post('/v1/staff')
      .send({ name: 'New hire', roles: ['rn'] })
      .expect(201);
    expect(res.body).toMatchObject({ availability: [], timeOff: [], limits: null });
  });

  it('PATCH changes only the fields sent; limits: null removes the limits', async () => {
    const clinic = await t().createClinic();
    const made = (await clinic.as('director').post('/v1/staff').send(valid(1))).body;
    const res = await clinic
      .as('director')
      .patch(`/v1/staff/${made.id}`)
      .send({ limits: null })
      .expect(200);
    expect(res.body).toMatchObject({ ...valid(1), limits: null });
  });

  it('refuses time off the spring-forward gap empties (422 at its end), on POST and PATCH', async () => {
    const clinic = await t().createClinic(); // America/New_York: 2027-03-14 02:00-02:59 does not exist
    const director = clinic.as('director');
    const gap = [{ start: '2027-03-14T02:59', end: '2027-03-14T03:00' }];
    const res = await director
      .post('/v1/staff')
      .send({ ...base, timeOff: gap })
      .expect(422);
    expect(res.body.errors).toEqual([
      {
        pointer: '/timeOff/0/end',
        code: 'END_NOT_AFTER_START',
        message:
          'end (2027-03-14T03:00) must be after start (2027-03-14T02:59): 2027-03-14T02:59 does not ' +
          'exist in America/New_York (the clocks jump past it that day; it would be read as 03:59), ' +
          'so the period holds no time; give times that exist on that day',
      },
    ]);
    // Across the gap (or in it but still forwards once moved, as the format reads it): kept.
    const fine = [
      { start: '2027-03-14T01:00', end: '2027-03-14T04:00' },
      { start: '2027-03-14T02:30', end: '2027-03-14T03:45' },
    ];
    const made = (
      await director
        .post('/v1/staff')
        .send({ ...base, timeOff: fine })
        .expect(201)
    ).body;
    expect(made.timeOff).toEqual(fine);
    const patch = await director
      .patch(`/v1/staff/${made.id}`)
      .send({ timeOff: [...fine, { start: '2027-03-14T02:00', end: '2027-03-14T03:00' }] })
      .expect(422);
    expect(patch.body.errors[0]).toMatchObject({
      pointer: '/timeOff/2/end',
      message: expect.stringContaining('2027-03-14T02:00 does not exist'),
    });
  });

  it('reports every bad field of one request at once', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .post('/v1/staff')
      .send({ ...base, roles: [], availability: [{ ...WEEKLY, rrule: 'FREQ=NEVER' }] });
    expectProblem(res, 400, '/roles', 'OUT_OF_RANGE');
    expectProblem(res, 400, '/availability/0/rrule', 'INVALID_RRULE');
  });

  it('a window with neither rrule nor date gets one clear error, not an RRULE complaint', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .post('/v1/staff')
      .send(withWindow({ start: '08:00', end: '16:00' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        pointer: '/availability/0/rrule',
        code: 'EXACTLY_ONE_REQUIRED',
        message: 'exactly one of rrule, date is required',
      },
    ]);
  });

  it('an API key can only name a staff member that exists (api_key.staff_id foreign key)', async () => {
    const clinic = await t().createClinic();
    await expect(
      t().dataSource.query(`UPDATE api_key SET staff_id = $1 WHERE id = $2`, [
        '00000000-0000-4000-8000-000000000042',
        clinic.keyIds.clinician,
      ]),
    ).rejects.toMatchObject({ code: '23503' });
  });
});
