import { useTestApp } from '../harness/test-app';
import type { TestClinic } from '../harness/test-app';
import {
  createPatient,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';

/**
 * The cohort date rule on every write path: a member enrollment's earliestStart-latestEnd
 * must share a day with the cohort's startDate-endDate (COHORT_DATES_MISMATCH at the field
 * sent; 422 for the enrollment or membership, 409 for a cohort move stranding members).
 */
describe('cohort dates (e2e)', () => {
  const t = useTestApp();

  async function setup() {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    const june = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'June retreat',
      startDate: '2027-06-07',
      endDate: '2027-07-23',
      protocolId: protocol.id,
    });
    return { clinic, protocol, june };
  }

  async function enroll(
    clinic: TestClinic,
    protocolId: string,
    earliestStart: string,
    latestEnd: string,
    extra: Record<string, unknown> = {},
  ) {
    const patient = await createPatient(clinic);
    return post(clinic.as('frontdesk'), '/v1/enrollments', {
      patientId: patient.id,
      protocolId,
      version: 1,
      earliestStart,
      latestEnd,
      ...extra,
    });
  }

  it('refuses adding a member whose window shares no day with the cohort (422)', async () => {
    const { clinic, protocol, june } = await setup();
    const desk = clinic.as('frontdesk');
    const autumn = await enroll(clinic, protocol.id, '2027-09-01', '2027-11-30');
    const res = await desk
      .post(`/v1/cohorts/${june.id}/members`)
      .send({ enrollmentId: autumn.id })
      .expect(422);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/enrollmentId', code: 'COHORT_DATES_MISMATCH' }),
    ]);
    expect(res.body.errors[0].message).toContain('2027-09-01 to 2027-11-30');
    expect(res.body.errors[0].message).toContain('2027-06-07 to 2027-07-23');
    expect((await desk.get(`/v1/enrollments/${autumn.id}`).expect(200)).body.cohortId).toBeNull();
    // Overlapping is enough: follow-up sessions may run past the retreat.
    const after = await enroll(clinic, protocol.id, '2027-07-20', '2027-10-31');
    await post(desk, `/v1/cohorts/${june.id}/members`, { enrollmentId: after.id }, 200);
  });

  it('refuses creating an enrollment into a cohort it shares no day with (422 at /cohortId)', async () => {
    const { clinic, protocol, june } = await setup();
    const patient = await createPatient(clinic);
    const desk = clinic.as('frontdesk');
    const res = await desk
      .post('/v1/enrollments')
      .send({
        patientId: patient.id,
        protocolId: protocol.id,
        version: 1,
        earliestStart: '2027-09-01',
        latestEnd: '2027-11-30',
        cohortId: june.id,
      })
      .expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/cohortId', code: 'COHORT_DATES_MISMATCH' }),
    ]);
    const none = await desk.get(`/v1/enrollments?patientId=${patient.id}`).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('refuses a PATCH setting cohortId or moving a member out of the cohort dates', async () => {
    const { clinic, protocol, june } = await setup();
    const desk = clinic.as('frontdesk');
    const autumn = await enroll(clinic, protocol.id, '2027-09-01', '2027-11-30');
    const join = await desk
      .patch(`/v1/enrollments/${autumn.id}`)
      .send({ cohortId: june.id })
      .expect(422);
    expect(join.body.errors).toEqual([
      expect.objectContaining({ pointer: '/cohortId', code: 'COHORT_DATES_MISMATCH' }),
    ]);

    const member = await enroll(clinic, protocol.id, '2027-06-01', '2027-06-30', {
      cohortId: june.id,
    });
    const later = await desk
      .patch(`/v1/enrollments/${member.id}`)
      .send({ earliestStart: '2027-08-02', latestEnd: '2027-08-31' })
      .expect(422);
    expect(later.body.errors).toEqual([
      expect.objectContaining({ pointer: '/earliestStart', code: 'COHORT_DATES_MISMATCH' }),
    ]);
    const earlier = await desk
      .patch(`/v1/enrollments/${member.id}`)
      .send({ latestEnd: '2027-06-05' })
      .expect(422);
    expect(earlier.body.errors).toEqual([
      expect.objectContaining({ pointer: '/latestEnd', code: 'COHORT_DATES_MISMATCH' }),
    ]);
    const kept = (await desk.get(`/v1/enrollments/${member.id}`).expect(200)).body;
    expect(kept).toMatchObject({ earliestStart: '2027-06-01', latestEnd: '2027-06-30' });
    // Still overlapping, and leaving the cohort while moving away, are fine.
    await desk.patch(`/v1/enrollments/${member.id}`).send({ latestEnd: '2027-06-07' }).expect(200);
    await desk
      .patch(`/v1/enrollments/${member.id}`)
      .send({ cohortId: null, earliestStart: '2027-09-01', latestEnd: '2027-09-30' })
      .expect(200);
  });

  it('refuses moving the cohort dates away from members (409), listing them; nothing changes', async () => {
    const { clinic, protocol, june } = await setup();
    const director = clinic.as('director');
    const early = await enroll(clinic, protocol.id, '2027-06-01', '2027-06-30', {
      cohortId: june.id,
    });
    const late = await enroll(clinic, protocol.id, '2027-07-10', '2027-08-31', {
      cohortId: june.id,
    });
    const res = await director
      .patch(`/v1/cohorts/${june.id}`)
      .send({ startDate: '2027-07-01', endDate: '2027-07-05' })
      .expect(409);
    expect(res.body.code).toBe('COHORT_DATES_MISMATCH');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/startDate', code: 'COHORT_DATES_MISMATCH' }),
      expect.objectContaining({ pointer: '/endDate', code: 'COHORT_DATES_MISMATCH' }),
    ]);
    expect(res.body.errors[0].message).toContain(early.id);
    expect(res.body.errors[1].message).toContain(late.id);
    expect(res.body.enrollments).toEqual([
      expect.objectContaining({ enrollmentId: early.id, earliestStart: '2027-06-01' }),
      expect.objectContaining({ enrollmentId: late.id, latestEnd: '2027-08-31' }),
    ]);
    // Only endDate sent: the member starting after it is reported there.
    const end = await director
      .patch(`/v1/cohorts/${june.id}`)
      .send({ endDate: '2027-07-01' })
      .expect(409);
    expect(end.body.errors).toEqual([
      expect.objectContaining({ pointer: '/endDate', code: 'COHORT_DATES_MISMATCH' }),
    ]);
    const kept = (await director.get(`/v1/cohorts/${june.id}`).expect(200)).body;
    expect(kept).toMatchObject({ startDate: '2027-06-07', endDate: '2027-07-23' });
    // A move every member still overlaps is fine.
    await director.patch(`/v1/cohorts/${june.id}`).send({ endDate: '2027-07-12' }).expect(200);
  });

  it('points an enrollment PATCH window reversal at the field sent (422 RANGE_REVERSED)', async () => {
    const { clinic, protocol } = await setup();
    const desk = clinic.as('frontdesk');
    const e = await enroll(clinic, protocol.id, '2027-03-01', '2027-03-20');
    const start = await desk
      .patch(`/v1/enrollments/${e.id}`)
      .send({ earliestStart: '2027-03-21' })
      .expect(422);
    expect(start.body.errors).toEqual([
      expect.objectContaining({ pointer: '/earliestStart', code: 'RANGE_REVERSED' }),
    ]);
    const end = await desk
      .patch(`/v1/enrollments/${e.id}`)
      .send({ latestEnd: '2027-02-28' })
      .expect(422);
    expect(end.body.errors).toEqual([
      expect.objectContaining({ pointer: '/latestEnd', code: 'RANGE_REVERSED' }),
    ]);
    // Reversed within the request itself: the request is invalid on its own (400).
    const body = await desk
      .patch(`/v1/enrollments/${e.id}`)
      .send({ earliestStart: '2027-03-21', latestEnd: '2027-03-10' })
      .expect(400);
    expect(body.body.code).toBe('INVALID_REQUEST');
  });
});
