import { useTestApp } from '../harness/test-app';
import {
  createPatient,
  ivDefinition,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';

describe('enrollments API (e2e)', () => {
  const t = useTestApp();

  async function setup() {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    const patient = await createPatient(clinic);
    const body = {
      patientId: patient.id,
      protocolId: protocol.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
    };
    return { clinic, protocol, patient, body };
  }

  const enrollmentRows = async () =>
    (await t().dataSource.query(`SELECT count(*)::int AS n FROM enrollment`))[0].n as number;

  it('front desk enrolls a patient in a published version; reads, lists, updates, deletes', async () => {
    const { clinic, protocol, patient, body } = await setup();
    const desk = clinic.as('frontdesk');
    const created = await post(desk, '/v1/enrollments', {
      ...body,
      counts: { dose: 8 },
      unavailable: [{ start: '2027-03-09T12:00', end: '2027-03-09T18:00' }],
    });
    expect(created).toMatchObject({
      patientId: patient.id,
      protocolId: protocol.id,
      protocolCode: 'iv-mwf',
      version: 1,
      counts: { dose: 8 },
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
      unavailable: [{ start: '2027-03-09T12:00', end: '2027-03-09T18:00' }],
      status: 'active',
      cohortId: null,
    });
    expect(
      (await clinic.as('director').get(`/v1/enrollments/${created.id}`).expect(200)).body,
    ).toEqual(created);
    const second = await post(desk, '/v1/enrollments', { ...body, earliestStart: '2027-02-01' });
    const page1 = await desk.get('/v1/enrollments?limit=1').expect(200);
    expect(page1.body.items.map((e: { id: string }) => e.id)).toEqual([second.id]);
    const page2 = await desk
      .get(`/v1/enrollments?limit=1&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items.map((e: { id: string }) => e.id)).toEqual([created.id]);
    expect(page2.body.nextCursor).toBeNull();
    const filtered = await desk
      .get(`/v1/enrollments?patientId=${patient.id}&protocolId=${protocol.id}&status=active`)
      .expect(200);
    expect(filtered.body.items).toHaveLength(2);

    const upd = await desk
      .patch(`/v1/enrollments/${created.id}`)
      .send({ latestEnd: '2027-04-15', status: 'completed' })
      .expect(200);
    expect(upd.body).toMatchObject({
      latestEnd: '2027-04-15',
      status: 'completed',
      counts: { dose: 8 },
    });
    expect(
      (await desk.get('/v1/enrollments?status=completed').expect(200)).body.items,
    ).toHaveLength(1);
    await desk.delete(`/v1/enrollments/${created.id}`).expect(204);
    await desk.get(`/v1/enrollments/${created.id}`).expect(404);
  });

  it('stores local dates unchanged whatever the host zone', async () => {
    const { clinic, body } = await setup();
    const e = await post(clinic.as('frontdesk'), '/v1/enrollments', {
      ...body,
      earliestStart: '2027-03-14',
      latestEnd: '2027-11-07',
    });
    const got = await clinic.as('frontdesk').get(`/v1/enrollments/${e.id}`).expect(200);
    expect(got.body).toMatchObject({ earliestStart: '2027-03-14', latestEnd: '2027-11-07' });
  });

  it('refuses a draft version (422 at /version) and a count outside the range (422 at /counts/dose)', async () => {
    const { clinic, protocol, body } = await setup();
    await post(clinic.as('director'), `/v1/protocols/${protocol.id}/versions`, {});
    const desk = clinic.as('frontdesk');
    const draft = await desk
      .post('/v1/enrollments')
      .send({ ...body, version: 2 })
      .expect(422);
    expect(draft.body.errors).toEqual([
      expect.objectContaining({ pointer: '/version', code: 'PROTOCOL_VERSION_NOT_PUBLISHED' }),
    ]);
    const counts = await desk
      .post('/v1/enrollments')
      .send({ ...body, counts: { dose: 9, emdr: 2 } })
      .expect(422);
    expect(counts.body.errors).toEqual([
      expect.objectContaining({ pointer: '/counts/dose', code: 'COUNT_OUT_OF_RANGE' }),
      expect.objectContaining({ pointer: '/counts/emdr', code: 'UNKNOWN_REFERENCE' }),
    ]);
    expect(await enrollmentRows()).toBe(0);
  });

  it.each([
    [
      'unknown patient',
      { patientId: '00000000-0000-4000-8000-000000000000' },
      422,
      '/patientId',
      'UNKNOWN_REFERENCE',
    ],
    [
      'unknown protocol',
      { protocolId: '00000000-0000-4000-8000-000000000000' },
      422,
      '/protocolId',
      'UNKNOWN_REFERENCE',
    ],
    ['unknown version', { version: 7 }, 422, '/version', 'UNKNOWN_REFERENCE'],
    [
      'unknown cohort',
      { cohortId: '00000000-0000-4000-8000-000000000000' },
      422,
      '/cohortId',
      'UNKNOWN_REFERENCE',
    ],
    ['latestEnd before earliestStart', { latestEnd: '2027-02-01' }, 400, '/latestEnd', undefined],
    ['bad date', { earliestStart: '2027-13-01' }, 400, '/earliestStart', undefined],
    ['counts not a number', { counts: { dose: 'eight' } }, 400, '/counts', 'INVALID_COUNTS'],
    [
      'bad unavailable period',
      { unavailable: [{ start: '2027-03-09T12:00', end: '2027-03-09T11:00' }] },
      400,
      '/unavailable/0/end',
      undefined,
    ],
    ['status on create', { status: 'completed' }, 400, '/status', 'UNKNOWN_FIELD'],
  ])('bad input (%s): nothing stored', async (_n, change, status, pointer, code) => {
    const { clinic, body } = await setup();
    const res = await clinic
      .as('frontdesk')
      .post('/v1/enrollments')
      .send({ ...body, ...change })
      .expect(status);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining(code ? { pointer, code } : { pointer })]),
    );
    expect(await enrollmentRows()).toBe(0);
  });

  it('refuses an archived patient', async () => {
    const { clinic, patient, body } = await setup();
    await clinic.as('frontdesk').delete(`/v1/patients/${patient.id}`).expect(200);
    const res = await clinic.as('frontdesk').post('/v1/enrollments').send(body).expect(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/patientId', code: 'PATIENT_ARCHIVED' });
  });

  it('refuses an unavailable period the spring-forward gap empties (422 at its end), on create and update', async () => {
    const { clinic, body } = await setup();
    const desk = clinic.as('frontdesk');
    // New York, 2027-03-14: 02:00-02:59 does not exist; 02:59 is read as 03:59, after 03:00.
    const gap = [{ start: '2027-03-14T02:59', end: '2027-03-14T03:00' }];
    const res = await desk
      .post('/v1/enrollments')
      .send({ ...body, unavailable: gap })
      .expect(422);
    expect(res.body.errors).toEqual([
      {
        pointer: '/unavailable/0/end',
        code: 'END_NOT_AFTER_START',
        message: expect.stringContaining(
          '2027-03-14T02:59 does not exist in America/New_York (the clocks jump past it that day; it would be read as 03:59)',
        ),
      },
    ]);
    expect(await enrollmentRows()).toBe(0);
    // A period across the gap is kept as given.
    const across = [{ start: '2027-03-14T01:00', end: '2027-03-14T04:00' }];
    const e = await post(desk, '/v1/enrollments', { ...body, unavailable: across });
    const patch = await desk
      .patch(`/v1/enrollments/${e.id}`)
      .send({ unavailable: gap })
      .expect(422);
    expect(patch.body.errors[0]).toMatchObject({ pointer: '/unavailable/0/end' });
    const stored = await desk.get(`/v1/enrollments/${e.id}`).expect(200);
    expect(stored.body.unavailable).toEqual(across);
  });

  it('re-pins to another version only when that version is published and the counts fit it', async () => {
    const { clinic, protocol, body } = await setup();
    const director = clinic.as('director');
    const desk = clinic.as('frontdesk');
    const e = await post(desk, '/v1/enrollments', { ...body, counts: { dose: 8 } });
    const v2 = ivDefinition();
    v2.series[1].count = { min: 6, max: 6, default: 6 };
    await post(director, `/v1/protocols/${protocol.id}/versions`, {});
    await director
      .put(`/v1/protocols/${protocol.id}/versions/2`)
      .send({ definition: v2 })
      .expect(200);
    const draft = await desk.patch(`/v1/enrollments/${e.id}`).send({ version: 2 }).expect(422);
    expect(draft.body.errors[0].code).toBe('PROTOCOL_VERSION_NOT_PUBLISHED');
    await director.post(`/v1/protocols/${protocol.id}/versions/2/publish`).expect(200);
    const tooMany = await desk.patch(`/v1/enrollments/${e.id}`).send({ version: 2 }).expect(422);
    expect(tooMany.body.errors).toEqual([
      expect.objectContaining({ pointer: '/counts/dose', code: 'COUNT_OUT_OF_RANGE' }),
    ]);
    expect((await desk.get(`/v1/enrollments/${e.id}`)).body.version).toBe(1);
    const moved = await desk
      .patch(`/v1/enrollments/${e.id}`)
      .send({ version: 2, counts: { dose: 6 } })
      .expect(200);
    expect(moved.body).toMatchObject({ version: 2, counts: { dose: 6 } });
    const reversed = await desk
      .patch(`/v1/enrollments/${e.id}`)
      .send({ latestEnd: '2027-02-01' })
      .expect(422);
    expect(reversed.body.errors[0]).toMatchObject({
      pointer: '/latestEnd',
      code: 'RANGE_REVERSED',
    });
  });

  it('clinicians read only; other clinics get 404 everywhere and cannot reference our rows', async () => {
    const { clinic, body } = await setup();
    const e = await post(clinic.as('frontdesk'), '/v1/enrollments', body);
    const doc = clinic.as('clinician');
    // Not linked to a staff member: no patients to read (clinician-scope.e2e-spec.ts).
    await doc.get('/v1/enrollments').expect(403);
    await doc.post('/v1/enrollments').send(body).expect(403);
    await doc.patch(`/v1/enrollments/${e.id}`).send({ status: 'withdrawn' }).expect(403);
    await doc.delete(`/v1/enrollments/${e.id}`).expect(403);

    const other = await t().createClinic();
    const o = other.as('director');
    await o.get(`/v1/enrollments/${e.id}`).expect(404);
    await o.patch(`/v1/enrollments/${e.id}`).send({ status: 'withdrawn' }).expect(404);
    await o.delete(`/v1/enrollments/${e.id}`).expect(404);
    expect((await o.get('/v1/enrollments').expect(200)).body.items).toEqual([]);
    const theirPatient = await createPatient(other);
    const res = await o
      .post('/v1/enrollments')
      .send({ ...body, patientId: theirPatient.id })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/protocolId', code: 'UNKNOWN_REFERENCE' });
  });

  it('audits create, update and delete with before/after', async () => {
    const { clinic, body } = await setup();
    const desk = clinic.as('frontdesk');
    const e = await post(desk, '/v1/enrollments', body);
    await desk.patch(`/v1/enrollments/${e.id}`).send({ status: 'withdrawn' }).expect(200);
    await desk.delete(`/v1/enrollments/${e.id}`).expect(204);
    const audit = await clinic.as('director').get('/v1/audit-log?limit=200').expect(200);
    const rows = audit.body.items.filter((a: { entityId: string }) => a.entityId === e.id);
    expect(rows.map((a: { action: string }) => a.action)).toEqual(['delete', 'update', 'create']);
    expect(rows[1].before.status).toBe('active');
    expect(rows[1].after.status).toBe('withdrawn');
    expect(rows[0].after).toBeNull();
    expect(rows[0].before.id).toBe(e.id);
  });
});
