import { MAX_JSON_DEPTH } from '../../src/infra/http/json-input';
import { publishedIvProtocol, seedIvCatalog } from '../factories/clinic-catalog';
import type { Agent, TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';
import { lastUpdates, rowCounts } from './support/row-counts';

type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

/** Inputs that used to answer 500 or be accepted silently (issue 11), each a regression test. */
describe('hostile and surprising input (e2e)', () => {
  const t = useTestApp();

  /** Runs `send`, expects a problem+json `status` and that no table changed. */
  async function refused(send: () => Promise<Res>, status: number): Promise<Res> {
    const before = { rows: await rowCounts(t().dataSource), at: await lastUpdates(t().dataSource) };
    const res = await send();
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(typeof res.body.code).toBe('string');
    expect(await rowCounts(t().dataSource)).toEqual(before.rows);
    expect(await lastUpdates(t().dataSource)).toEqual(before.at);
    return res;
  }

  const json = (agent: Agent, method: 'post' | 'patch' | 'put', path: string, raw: string) =>
    agent[method](path)
      .set('Content-Type', 'application/json')
      .send(raw) as unknown as Promise<Res>;

  const issue = (pointer: string, code: string) => expect.objectContaining({ pointer, code });

  describe('control characters', () => {
    it.each([
      ['/v1/staff', 'post', { name: 'a\u0000b', roles: ['rn'] }, '/name'],
      ['/v1/patients', 'post', { displayName: 'a\u0000b', initials: 'AB' }, '/displayName'],
      ['/v1/clinic', 'patch', { name: 'a\u0000b' }, '/name'],
      ['/v1/rooms', 'post', { name: 'Bay', features: ['infu\u0000sion'] }, '/features/0'],
      [
        '/v1/staff',
        'post',
        {
          name: 'N',
          roles: ['rn'],
          availability: [{ rrule: 'FREQ=DAILY\u0001', start: '08:00', end: '09:00' }],
        },
        '/availability/0/rrule',
      ],
      [
        '/v1/protocols',
        'post',
        { code: 'x', name: 'X', description: 'a\u001bb', definition: {} },
        '/description',
      ],
    ] as const)(
      '%s (%s): NUL or another C0 control -> 400 at the field',
      async (path, method, body, pointer) => {
        const clinic = await t().createClinic();
        const res = await refused(
          () => clinic.as('director')[method](path).send(body) as never,
          400,
        );
        expect(res.body.code).toBe('INVALID_REQUEST');
        expect(res.body.errors).toEqual([issue(pointer, 'INVALID_CHARACTER')]);
        expect((res.body.errors as { message: string }[])[0].message).toMatch(
          /contains control character U\+00(00|01|1B) at position \d+/,
        );
      },
    );

    it('a lone surrogate (not storable as UTF-8 or jsonb) -> 400', async () => {
      const clinic = await t().createClinic();
      const res = await refused(
        () => json(clinic.as('director'), 'patch', '/v1/clinic', '{"name":"a\\ud800b"}'),
        400,
      );
      expect(res.body.errors).toEqual([issue('/name', 'INVALID_CHARACTER')]);
      expect(JSON.stringify(res.body)).toContain('lone surrogate U+D800');
    });

    it('in a field name or a query parameter -> 400', async () => {
      const clinic = await t().createClinic();
      const director = clinic.as('director');
      const key = await refused(
        () => director.post('/v1/staff').send({ name: 'N', roles: ['rn'], 'x\u0000': 1 }) as never,
        400,
      );
      expect(key.body.errors).toEqual([issue('/x\u0000', 'INVALID_CHARACTER')]);
      const query = await refused(() => director.get('/v1/patients?externalRef=%00') as never, 400);
      expect(query.body.errors).toEqual([issue('/externalRef', 'INVALID_CHARACTER')]);
      await refused(() => director.get('/v1/staff?cursor=a%01b') as never, 400);
    });

    it('names are one line; a protocol description may have line breaks and tabs', async () => {
      const clinic = await t().createClinic();
      const director = clinic.as('director');
      for (const [path, body, pointer] of [
        ['/v1/staff', { name: 'Dr.\nWho', roles: ['rn'] }, '/name'],
        ['/v1/patients', { displayName: 'Erin\tK.', initials: 'EK' }, '/displayName'],
        [
          '/v1/patients',
          { displayName: 'Erin', initials: 'EK', externalRef: 'MRN\r1' },
          '/externalRef',
        ],
        ['/v1/api-keys', { name: 'desk\u2028tablet', role: 'frontdesk' }, '/name'],
      ] as const) {
        const res = await refused(() => director.post(path).send(body) as never, 400);
        expect(res.body.errors).toEqual([issue(pointer, 'INVALID_CHARACTER')]);
        expect((res.body.errors as { message: string }[])[0].message).toMatch(/single line/);
      }
      await seedIvCatalog(clinic);
      const protocol = await publishedIvProtocol(clinic);
      const described = await director
        .patch(`/v1/protocols/${protocol.id}`)
        .send({ description: 'Week 1:\n\t- intake\r\n\t- doses' })
        .expect(200);
      expect(described.body.description).toBe('Week 1:\n\t- intake\r\n\t- doses');
    });
  });

  describe('nesting depth', () => {
    const nested = (levels: number, open: string, close: string) =>
      open.repeat(levels) + '1' + close.repeat(levels);

    it.each([
      ['arrays', '[', ']'],
      ['objects', '{"a":', '}'],
    ])(
      '1,500 levels of %s -> 400 NESTING_TOO_DEEP, checked before any transformation',
      async (_k, open, close) => {
        const clinic = await t().createClinic();
        for (const [method, path] of [
          ['patch', '/v1/clinic'],
          ['post', '/v1/staff'],
          ['post', '/v1/plans/solve'],
        ] as const) {
          const res = await refused(
            () =>
              json(
                clinic.as('director'),
                method,
                path,
                `{"closures":${nested(1500, open, close)}}`,
              ),
            400,
          );
          expect(res.body.errors).toEqual([
            expect.objectContaining({
              code: 'NESTING_TOO_DEEP',
              message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`),
            }),
          ]);
        }
      },
    );

    it(`${MAX_JSON_DEPTH} levels pass the depth check (judged by the DTO), one more does not`, async () => {
      const clinic = await t().createClinic();
      const atLimit = await json(
        clinic.as('director'),
        'patch',
        '/v1/clinic',
        `{"closures":${nested(MAX_JSON_DEPTH - 1, '[', ']')}}`,
      );
      expect(atLimit.status).toBe(400);
      expect(atLimit.body.errors).toEqual([issue('/closures/0', 'INVALID_DATE')]);
      const over = await json(
        clinic.as('director'),
        'patch',
        '/v1/clinic',
        `{"closures":${nested(MAX_JSON_DEPTH, '[', ']')}}`,
      );
      expect((over.body.errors as { code: string }[])[0].code).toBe('NESTING_TOO_DEEP');
    });
  });

  describe('numbers in the path and query', () => {
    it.each([
      '2147483648',
      '99999999999999999999',
      '1000001',
      '0',
      '-1',
      '1e3',
      '01',
      '1.5',
      '0x1',
    ])('version %s -> 404 on GET, PUT, DELETE, publish and check', async (v) => {
      const clinic = await t().createClinic();
      await seedIvCatalog(clinic);
      const protocol = await publishedIvProtocol(clinic);
      const director = clinic.as('director');
      const base = `/v1/protocols/${protocol.id}/versions/${v}`;
      for (const send of [
        () => director.get(base),
        () => director.put(base).send({ definition: {} }),
        () => director.delete(base),
        () => director.post(`${base}/publish`),
        () => director.post(`${base}/check`),
      ]) {
        const res = await refused(send as never, 404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
    });

    it.each(['0', '201', '-1', '1.5', '1e3', '99999999999999999999', 'x', ''])(
      '?limit=%s -> 400 on every list',
      async (limit) => {
        const clinic = await t().createClinic();
        const res = await refused(
          () => clinic.as('director').get(`/v1/audit-log?limit=${limit}`) as never,
          400,
        );
        expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/limit' })]);
      },
    );
  });

  describe('forged cursors (found by the fuzzer)', () => {
    const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const id = '00000000-0000-4000-8000-000000000000';

    it.each([
      ['/v1/staff', ['\u0000', id]],
      ['/v1/patients', ['a\u0001', id]],
      ['/v1/cohorts', ['not-a-date', id]],
      ['/v1/enrollments', ['2027-02-30', id]],
      ['/v1/audit-log', ['9999999999999999999']],
      ['/v1/protocols', [1e20, id]],
      ['/v1/plan-runs', ['a', id]],
      ['/v1/appointments', ['2027-02-30T10:00:00.000Z', id]],
    ])('%s with cursor %j -> 400 INVALID_CURSOR', async (path, key) => {
      const clinic = await t().createClinic();
      const res = await refused(
        () => clinic.as('director').get(`${path}?cursor=${cursor(key)}`) as never,
        400,
      );
      expect(res.body.errors).toEqual([issue('/cursor', 'INVALID_CURSOR')]);
    });

    it('a version-list cursor beyond any version -> 400', async () => {
      const clinic = await t().createClinic();
      await seedIvCatalog(clinic);
      const protocol = await publishedIvProtocol(clinic);
      const res = await refused(
        () =>
          clinic
            .as('director')
            .get(`/v1/protocols/${protocol.id}/versions?cursor=${cursor([2147483648])}`) as never,
        400,
      );
      expect(res.body.errors).toEqual([issue('/cursor', 'INVALID_CURSOR')]);
    });
  });

  describe('bodies', () => {
    it.each(['__proto__', 'constructor', 'prototype'])(
      '"%s" as a key is an unknown field, at any depth',
      async (key) => {
        const clinic = await t().createClinic();
        const top = await refused(
          () => json(clinic.as('director'), 'patch', '/v1/clinic', `{"${key}":{"x":1},"name":"z"}`),
          400,
        );
        expect(top.body.errors).toEqual([issue(`/${key}`, 'UNKNOWN_FIELD')]);
        const nestedKey = await refused(
          () =>
            json(
              clinic.as('director'),
              'post',
              '/v1/staff',
              `{"name":"N","roles":["rn"],"limits":{"maxSessionsPerDay":2,"${key}":{"polluted":true}}}`,
            ),
          400,
        );
        expect(nestedKey.body.errors).toEqual([issue(`/limits/${key}`, 'UNKNOWN_FIELD')]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      },
    );

    it.each([
      ['null', 'null'],
      ['42', 'number'],
      ['"text"', 'string'],
      ['true', 'boolean'],
    ])('a JSON %s body -> 400 "must be a JSON object"', async (raw, got) => {
      const clinic = await t().createClinic();
      const res = await refused(() => json(clinic.as('director'), 'patch', '/v1/clinic', raw), 400);
      expect(res.body).toMatchObject({
        code: 'INVALID_REQUEST',
        errors: [
          {
            pointer: '',
            code: 'INVALID_BODY',
            message: `the body must be a JSON object, got ${got}`,
          },
        ],
      });
    });

    it('broken JSON is still MALFORMED_JSON', async () => {
      const clinic = await t().createClinic();
      const res = await refused(
        () => json(clinic.as('director'), 'patch', '/v1/clinic', 'nul'),
        400,
      );
      expect(res.body.code).toBe('MALFORMED_JSON');
    });

    it.each([
      ['text/plain', '{"name":"q"}'],
      ['application/x-www-form-urlencoded', 'name=q'],
      ['application/xml', '<name>q</name>'],
    ])('a %s body -> 415 UNSUPPORTED_MEDIA_TYPE', async (type, raw) => {
      const clinic = await t().createClinic();
      for (const send of [
        () => clinic.as('director').patch('/v1/clinic').set('Content-Type', type).send(raw),
        () => clinic.as('director').post('/v1/staff').set('Content-Type', type).send(raw),
      ]) {
        const res = await refused(send as never, 415);
        expect(res.body).toMatchObject({
          code: 'UNSUPPORTED_MEDIA_TYPE',
          title: 'Unsupported Media Type',
          detail: expect.stringContaining(type),
        });
      }
    });

    it('requests without a body need no content type; +json types are JSON', async () => {
      const clinic = await t().createClinic();
      await seedIvCatalog(clinic);
      const protocol = await publishedIvProtocol(clinic);
      await clinic.as('director').post(`/v1/protocols/${protocol.id}/versions/1/check`).expect(200);
      const res = await clinic
        .as('director')
        .patch('/v1/clinic')
        .set('Content-Type', 'application/merge-patch+json')
        .send('{"name":"Merged"}')
        .expect(200);
      expect(res.body.name).toBe('Merged');
    });
  });

  describe('values stored as written elsewhere', () => {
    it('a time zone in any case is stored as IANA spells it', async () => {
      const clinic: TestClinic = await t().createClinic();
      const res = await clinic
        .as('director')
        .patch('/v1/clinic')
        .send({ timeZone: 'america/new_york' })
        .expect(200);
      expect(res.body.timeZone).toBe('America/New_York');
      const berlin = await clinic
        .as('director')
        .patch('/v1/clinic')
        .send({ timeZone: 'EUROPE/BERLIN' })
        .expect(200);
      expect(berlin.body.timeZone).toBe('Europe/Berlin');
      expect((await clinic.as('director').get('/v1/clinic')).body.timeZone).toBe('Europe/Berlin');
    });

    it('a date that does not exist is told so', async () => {
      const clinic = await t().createClinic();
      const director = clinic.as('director');
      const closures = await refused(
        () =>
          director
            .patch('/v1/clinic')
            .send({ closures: ['2027-01-01', '2027-02-30', '2027-04-31'] }) as never,
        400,
      );
      expect(closures.body.errors).toEqual([
        {
          pointer: '/closures/1',
          code: 'INVALID_DATE',
          message: 'closures 2027-02-30 does not exist: February 2027 has 28 days',
        },
        {
          pointer: '/closures/2',
          code: 'INVALID_DATE',
          message: 'closures 2027-04-31 does not exist: April 2027 has 30 days',
        },
      ]);
      const period = await refused(
        () =>
          director.post('/v1/staff').send({
            name: 'N',
            roles: ['rn'],
            timeOff: [{ start: '2027-02-29T09:00', end: '2027-03-01T00:00' }],
          }) as never,
        400,
      );
      expect(period.body.errors).toEqual([
        {
          pointer: '/timeOff/0/start',
          code: 'INVALID_DATE_TIME',
          message: 'start 2027-02-29 does not exist: February 2027 has 28 days',
        },
      ]);
    });
  });
});
