import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../../src/infra/auth/auth.decorators';
import { useTestApp } from '../harness/test-app';

/** Test-only routes that make the real database raise each constraint error. */
@Public()
@Controller('test-errors')
class ErrorProbeController {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  @Get('unique')
  async unique() {
    await this.ds.query(`CREATE TEMP TABLE IF NOT EXISTS u (v text UNIQUE)`);
    await this.ds.query(`INSERT INTO u VALUES ('Jane Doe')`);
    await this.ds.query(`INSERT INTO u VALUES ('Jane Doe')`);
  }

  @Get('exclusion')
  async exclusion() {
    await this.ds.query(
      `CREATE TEMP TABLE IF NOT EXISTS x (who uuid, during tstzrange,
         EXCLUDE USING gist (who WITH =, during WITH &&))`,
    );
    const who = '00000000-0000-4000-8000-000000000001';
    await this.ds.query(`INSERT INTO x VALUES ($1, '[2027-01-01 09:00Z, 2027-01-01 10:00Z)')`, [
      who,
    ]);
    await this.ds.query(`INSERT INTO x VALUES ($1, '[2027-01-01 09:30Z, 2027-01-01 11:00Z)')`, [
      who,
    ]);
  }

  @Get('foreign-key')
  async foreignKey() {
    await this.ds.query(
      `INSERT INTO api_key (clinic_id, name, role, prefix, secret_hash)
       VALUES ('00000000-0000-4000-8000-000000000009', 'k', 'director', 'kps_x', repeat('a', 64))`,
    );
  }

  @Get('crash')
  crash() {
    throw new TypeError('internal detail: patient Jane Doe');
  }
}

describe('problem+json errors', () => {
  const t = useTestApp({ controllers: [ErrorProbeController] });

  const expectProblem = (res: {
    headers: Record<string, string>;
    body: Record<string, unknown>;
  }) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(res.body)).not.toMatch(/Jane|internal detail|SELECT|INSERT/);
  };

  it.each([
    ['unique', 409, 'DUPLICATE'],
    ['exclusion', 409, 'OVERLAP'],
    ['foreign-key', 422, 'REFERENCE_NOT_FOUND'],
    ['crash', 500, 'INTERNAL_ERROR'],
  ])('database/unknown error %s -> %i %s without leaking details', async (probe, status, code) => {
    const res = await t().http.get(`/test-errors/${probe}`).expect(status);
    expectProblem(res);
    expect(res.body).toMatchObject({ status, code, instance: `/test-errors/${probe}` });
  });

  it('logs an unexpected error with its request id and stack, once', async () => {
    const res = await t().http.get('/test-errors/crash').expect(500);
    const errors = t().logs.filter((l) => l.msg === 'unhandled error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: res.body.requestId, level: 50 });
  });

  it('unknown route -> 404 ROUTE_NOT_FOUND', async () => {
    const res = await t().http.get('/nowhere').expect(404);
    expectProblem(res);
    expect(res.body).toMatchObject({
      type: 'urn:kps:problem:route-not-found',
      title: 'Not Found',
      code: 'ROUTE_NOT_FOUND',
    });
  });

  it('malformed JSON -> 400 MALFORMED_JSON', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .patch('/v1/clinic')
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expectProblem(res);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('too-large body -> 413 PAYLOAD_TOO_LARGE', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .patch('/v1/clinic')
      .send({ name: 'x'.repeat(1024 * 1024 + 10) })
      .expect(413);
    expectProblem(res);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', title: 'Payload Too Large' });
  });

  it('DTO violations -> 400 with one JSON pointer per field', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .patch('/v1/clinic')
      .send({
        timeZone: 'Mars/Olympus_Mons',
        slotMinutes: 0,
        closures: ['2027-01-01', '2027-02-30'],
        colour: 'blue',
      })
      .expect(400);
    expectProblem(res);
    expect(res.body.code).toBe('INVALID_REQUEST');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/timeZone', code: 'INVALID_TIME_ZONE' }),
        expect.objectContaining({ pointer: '/slotMinutes', code: 'OUT_OF_RANGE' }),
        expect.objectContaining({ pointer: '/closures/1', code: 'INVALID_DATE' }),
        expect.objectContaining({ pointer: '/colour', code: 'UNKNOWN_FIELD' }),
      ]),
    );
    expect(res.body.errors).toHaveLength(4);
  });

  it('rejects a non-object body', async () => {
    const clinic = await t().createClinic();
    const res = await clinic.as('director').patch('/v1/clinic').send([1, 2]).expect(400);
    expectProblem(res);
  });
});
