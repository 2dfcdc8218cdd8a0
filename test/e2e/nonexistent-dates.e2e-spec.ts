import { usesPostgres } from '../harness/test-database';
import type { TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';
import { rowCounts } from './support/row-counts';

const SOME_ID = '00000000-0000-4000-8000-000000000001';

/**
 * A value naming a calendar date that does not exist is told so, by field, whatever the
 * field's format: a date (INVALID_DATE), a local date-time (INVALID_DATE_TIME) or an instant
 * (INVALID_INSTANT) each keep their code and say "<field> 2027-02-30 does not exist: ...".
 */
describe(`dates that do not exist (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp();
  let clinic: TestClinic;

  beforeEach(async () => {
    clinic = await t().createClinic();
  });

  const booking = (start: unknown) => ({
    enrollmentId: SOME_ID,
    series: 'dose',
    index: 1,
    start,
    roomId: null,
    staff: [],
  });

  /** The whole answer of a refused request: 400 INVALID_REQUEST with exactly these issues. */
  function expectIssues(
    res: { status: number; body: Record<string, unknown> },
    errors: { pointer: string; code: string; message: string }[],
  ) {
    expect({ status: res.status, code: res.body.code, errors: res.body.errors }).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
      errors,
    });
    expect(res.body.detail).toBe(`${errors[0].pointer}: ${errors[0].message}`);
  }

  it.each([
    ['2027-02-30T10:00:00-05:00', '2027-02-30 does not exist: February 2027 has 28 days'],
    ['2027-02-29T10:00:00Z', '2027-02-29 does not exist: February 2027 has 28 days'],
    ['2028-02-30T10:00-05:00', '2028-02-30 does not exist: February 2028 has 29 days'],
    ['2027-04-31T09:00:00.000+02:00', '2027-04-31 does not exist: April 2027 has 30 days'],
    ['2027-13-01T09:00:00Z', '2027-13-01 does not exist: there is no month 13'],
    ['2027-03-00T09:00:00Z', '2027-03-00 does not exist: March 2027 has 31 days'],
  ])('POST /v1/appointments start %s: the field and the missing date named', async (start, why) => {
    const before = await rowCounts(t().dataSource);
    const res = await clinic.as('frontdesk').post('/v1/appointments').send(booking(start));
    expectIssues(res, [{ pointer: '/start', code: 'INVALID_INSTANT', message: `start ${why}` }]);
    expect(await rowCounts(t().dataSource)).toEqual(before);
  });

  it('an instant of the wrong shape keeps the format message', async () => {
    for (const start of ['2027-02-30T10:00', '2027-03-08', 'soon', '2027-03-08T25:00:00Z']) {
      const res = await clinic.as('frontdesk').post('/v1/appointments').send(booking(start));
      expectIssues(res, [
        {
          pointer: '/start',
          code: 'INVALID_INSTANT',
          message:
            'start must be an ISO 8601 instant with an offset, e.g. 2027-03-08T09:00:00-05:00',
        },
      ]);
    }
  });

  it('every instant field, in a body or a query, says so', async () => {
    const desk = clinic.as('frontdesk');
    const feb = (field: string) => ({
      pointer: `/${field}`,
      code: 'INVALID_INSTANT',
      message: `${field} 2027-02-30 does not exist: February 2027 has 28 days`,
    });
    const q = encodeURIComponent('2027-02-30T10:00:00-05:00');
    const ok = encodeURIComponent('2027-03-01T10:00:00-05:00');
    expectIssues(
      await desk
        .patch(`/v1/appointments/${SOME_ID}`)
        .set('If-Match', '"1"')
        .send({ start: '2027-02-30T10:00:00-05:00' }),
      [feb('start')],
    );
    expectIssues(await desk.get(`/v1/appointments?from=${q}`), [feb('from')]);
    expectIssues(await desk.get(`/v1/appointments?from=${ok}&to=${q}`), [feb('to')]);
    expectIssues(await desk.get(`/v1/appointments/${SOME_ID}/options?from=${q}`), [feb('from')]);
    expectIssues(await desk.get(`/v1/affected-appointments?to=${q}`), [feb('to')]);
  });

  it('the same date in a date field and a local date-time field: their codes, the same words', async () => {
    const director = clinic.as('director');
    expectIssues(await director.patch('/v1/clinic').send({ closures: ['2027-02-30'] }), [
      {
        pointer: '/closures/0',
        code: 'INVALID_DATE',
        message: 'closures 2027-02-30 does not exist: February 2027 has 28 days',
      },
    ]);
    expectIssues(
      await director.post('/v1/staff').send({
        name: 'N',
        roles: ['rn'],
        timeOff: [{ start: '2027-02-30T09:00', end: '2027-03-01T00:00' }],
      }),
      [
        {
          pointer: '/timeOff/0/start',
          code: 'INVALID_DATE_TIME',
          message: 'start 2027-02-30 does not exist: February 2027 has 28 days',
        },
      ],
    );
  });
});
