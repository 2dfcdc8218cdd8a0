import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import {
  clinicWithIvCatalog,
  createPatient,
  ivDefinition,
  post,
} from '../factories/clinic-catalog';

/**
 * A 409 DUPLICATE whose holder is archived says so and how to proceed: the lists hide
 * archived rows, so "already has" alone leaves the caller nothing to find.
 */
describe(`a unique code or reference held by an archived row (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp();

  it('protocols: create, rename and template copy name the archived protocol and the way out', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const held = await post(director, '/v1/protocols', {
      code: 'emdr-intensive',
      name: 'EMDR',
      definition: ivDefinition(),
    });
    const live = await director
      .post('/v1/protocols')
      .send({ code: 'emdr-intensive', name: 'again', definition: ivDefinition() })
      .expect(409);
    expect(live.body).toMatchObject({
      code: 'DUPLICATE',
      detail: `The clinic already has a protocol with code "emdr-intensive" (${held.id}); choose another code`,
    });
    await director.delete(`/v1/protocols/${held.id}`).expect(200);
    const archived = `The clinic already has an archived protocol with code "emdr-intensive" (${held.id}; listed with ?includeArchived=true): restore it (POST /v1/protocols/${held.id}/restore) or choose another code`;
    const created = await director
      .post('/v1/protocols')
      .send({ code: 'emdr-intensive', name: 'again', definition: ivDefinition() })
      .expect(409);
    expect(created.body).toMatchObject({ code: 'DUPLICATE', detail: archived });
    const other = await post(director, '/v1/protocols', {
      code: 'other',
      name: 'Other',
      definition: ivDefinition(),
    });
    const renamed = await director
      .patch(`/v1/protocols/${other.id}`)
      .send({ code: 'emdr-intensive' })
      .expect(409);
    expect(renamed.body.detail).toBe(archived);

    const copied = await post(director, '/v1/protocol-templates/iv-ketamine-6-mwf/copy', {});
    const copiedId = (copied.protocol as { id: string }).id;
    await director.delete(`/v1/protocols/${copiedId}`).expect(200);
    const copy = await director
      .post('/v1/protocol-templates/iv-ketamine-6-mwf/copy')
      .send({})
      .expect(409);
    expect(copy.body).toMatchObject({ code: 'DUPLICATE' });
    expect(copy.body.detail).toContain(`archived protocol with code "iv-ketamine-6-mwf"`);
    expect(copy.body.detail).toContain(`POST /v1/protocols/${copiedId}/restore`);
    // The way out works: restoring it lists it again.
    await director.post(`/v1/protocols/${held.id}/restore`).expect(200);
  });

  it('session types: a taken code names the holder, archived or not, not the generic answer', async () => {
    const clinic = await t().createClinic();
    const director = clinic.as('director');
    const body = { code: 'intake', name: 'Intake', durationMinutes: 45, room: null, staff: [] };
    const held = await post(director, '/v1/session-types', body);
    const live = await director.post('/v1/session-types').send(body).expect(409);
    expect(live.body).toMatchObject({
      code: 'DUPLICATE',
      detail: `The clinic already has a session type with code "intake" (${held.id}); choose another code`,
    });
    await director.delete(`/v1/session-types/${held.id}`).expect(200);
    const archived = await director.post('/v1/session-types').send(body).expect(409);
    expect(archived.body).toMatchObject({
      code: 'DUPLICATE',
      detail: `The clinic already has an archived session type with code "intake" (${held.id}; listed with ?includeArchived=true): restore it (POST /v1/session-types/${held.id}/restore) or choose another code`,
    });
  });

  it('patients: an externalRef held by an archived patient says so', async () => {
    const clinic = await t().createClinic();
    const desk = clinic.as('frontdesk');
    const held = await createPatient(clinic, { externalRef: 'MRN-9' });
    const send = { displayName: 'Other', initials: 'O', externalRef: 'MRN-9' };
    const live = await desk.post('/v1/patients').send(send).expect(409);
    expect(live.body.detail).toBe(`Another patient (${held.id}) already has this externalRef`);
    await desk.delete(`/v1/patients/${held.id}`).expect(200);
    const archived = await desk.post('/v1/patients').send(send).expect(409);
    expect(archived.body).toMatchObject({
      code: 'DUPLICATE',
      detail: `An archived patient (${held.id}; listed with ?includeArchived=true) already has this externalRef: restore them (POST /v1/patients/${held.id}/restore) or use another externalRef`,
    });
    const other = await createPatient(clinic);
    const patched = await desk
      .patch(`/v1/patients/${other.id}`)
      .send({ externalRef: 'MRN-9' })
      .expect(409);
    expect(patched.body.detail).toBe(archived.body.detail);
  });
});
