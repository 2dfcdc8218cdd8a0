import { checkProblem } from '../../src/domain/planning/problem-check';
import type { Problem } from '../../src/domain/planning/format';
import {
  toPlanningRoom,
  toPlanningSessionType,
  toPlanningStaffMember,
} from '../../src/repositories/planning-shapes';
import { RoomRepository } from '../../src/repositories/room.repository';
import { SessionTypeRepository } from '../../src/repositories/session-type.repository';
import { StaffRepository } from '../../src/repositories/staff.repository';
import type { TestApp, TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';
import {
  bad,
  catalogResourceSuite,
  expectProblem,
  observedState,
} from './support/catalog-resource.suite';

const valid = (i: number) => ({
  code: `ketamine-iv-${i}`,
  name: `IV ketamine ${i}`,
  durationMinutes: 120,
  room: { features: ['infusion', 'monitoring'], turnoverMinutes: 15 },
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 },
    { role: 'rn', count: 1, maxConcurrent: 2 },
  ],
});
const base = valid(9);
const withStaff = (staff: unknown[]) => ({ ...base, staff });

/** A protocol with one version whose series use `codes` (rows as the protocol tables hold them). */
async function insertProtocol(
  t: TestApp,
  clinic: TestClinic,
  code: string,
  versions: { status: 'draft' | 'published'; codes: string[] }[],
  archived = false,
): Promise<string> {
  const [protocol] = await t.dataSource.query(
    `INSERT INTO protocol (clinic_id, code, name, archived_at) VALUES ($1, $2, $3, $4) RETURNING id`,
    [clinic.id, code, `Protocol ${code}`, archived ? new Date() : null],
  );
  for (const [i, v] of versions.entries()) {
    const definition = {
      series: v.codes.map((c, j) => ({
        id: `s${j}`,
        sessionType: c,
        count: { min: 1, max: 1 },
      })),
    };
    await t.dataSource.query(
      `INSERT INTO protocol_version (clinic_id, protocol_id, version, status, definition)
       VALUES ($1, $2, $3, $4, $5)`,
      [clinic.id, protocol.id, i + 1, v.status, JSON.stringify(definition)],
    );
  }
  return protocol.id;
}

describe('/v1/session-types', () => {
  const t = useTestApp();

  catalogResourceSuite(t, {
    path: '/v1/session-types',
    entityType: 'session_type',
    valid,
    patch: {
      name: 'IV ketamine, long',
      durationMinutes: 150,
      room: null,
      staff: [{ role: 'rn', count: 2 }],
    },
    badCreates: [
      bad('unknown field', { ...base, colour: 'red' }, '/colour', 'UNKNOWN_FIELD'),
      bad('code missing', { ...base, code: undefined }, '/code', 'REQUIRED'),
      bad('code not a slug', { ...base, code: 'Ketamine IV' }, '/code', 'INVALID_FORMAT'),
      bad('duration 0', { ...base, durationMinutes: 0 }, '/durationMinutes', 'OUT_OF_RANGE'),
      bad('room missing', { ...base, room: undefined }, '/room', 'INVALID_TYPE'),
      bad('room features missing', { ...base, room: {} }, '/room/features', 'INVALID_TYPE'),
      bad('staff missing', { ...base, staff: undefined }, '/staff', 'INVALID_TYPE'),
      bad('requirement role missing', withStaff([{ count: 1 }]), '/staff/0/role', 'INVALID_TYPE'),
      // Staff roles and room features are lowercase slugs: "RN" or "Infusion" could never match.
      bad(
        'requirement role not a slug',
        withStaff([{ role: 'RN' }]),
        '/staff/0/role',
        'INVALID_FORMAT',
      ),
      bad(
        'room feature not a slug',
        { ...base, room: { features: ['infusion', 'Monitoring'] } },
        '/room/features',
        'INVALID_FORMAT',
      ),
      bad(
        'negative turnover',
        { ...base, room: { features: [], turnoverMinutes: -5 } },
        '/room/turnoverMinutes',
        'OUT_OF_RANGE',
      ),
      bad(
        'requirement count 0',
        withStaff([{ role: 'rn', count: 0 }]),
        '/staff/0/count',
        'OUT_OF_RANGE',
      ),
      bad(
        'requirement unknown field',
        withStaff([{ role: 'rn', who: 'x' }]),
        '/staff/0/who',
        'UNKNOWN_FIELD',
      ),
      bad(
        'requirement maxConcurrent 0',
        withStaff([{ role: 'rn', maxConcurrent: 0 }]),
        '/staff/0/maxConcurrent',
        'OUT_OF_RANGE',
      ),
      bad(
        'requirement past the session end',
        withStaff([{ role: 'prescriber', offsetMinutes: 90, durationMinutes: 45 }]),
        '/staff',
        'STAFF_REQUIREMENT_EXCEEDS_SESSION',
      ),
      bad(
        'requirement starting at the session end',
        withStaff([{ role: 'rn', offsetMinutes: 120 }]),
        '/staff',
        'STAFF_REQUIREMENT_EXCEEDS_SESSION',
      ),
    ],
    badPatches: [
      bad('code cannot change', { code: 'other' }, '/code', 'UNKNOWN_FIELD'),
      bad('duration null', { durationMinutes: null }, '/durationMinutes', 'INVALID_TYPE'),
      bad('staff null', { staff: null }, '/staff', 'INVALID_TYPE'),
      bad(
        'requirement role not a slug',
        { staff: [{ role: 'Prescriber' }] },
        '/staff/0/role',
        'INVALID_FORMAT',
      ),
      bad(
        'room feature not a slug',
        { room: { features: ['IV bay'] } },
        '/room/features',
        'INVALID_FORMAT',
      ),
      bad(
        'shorter than a stored requirement',
        { durationMinutes: 30 },
        '/durationMinutes',
        'STAFF_REQUIREMENT_EXCEEDS_SESSION',
        422,
      ),
      bad(
        'requirement past the stored duration',
        { staff: [{ role: 'prescriber', offsetMinutes: 100, durationMinutes: 30 }] },
        '/staff/0',
        'STAFF_REQUIREMENT_EXCEEDS_SESSION',
        422,
      ),
      bad(
        'both given and not fitting',
        { durationMinutes: 60, staff: [{ role: 'rn', offsetMinutes: 30, durationMinutes: 45 }] },
        '/staff',
        'STAFF_REQUIREMENT_EXCEEDS_SESSION',
      ),
    ],
  });

  it('a duplicate code in the clinic is 409 DUPLICATE (even of an archived one); other clinics may reuse it', async () => {
    const clinic = await t().createClinic();
    const other = await t().createClinic();
    const first = await clinic.as('director').post('/v1/session-types').send(valid(1)).expect(201);
    const before = await observedState(t(), clinic, '/v1/session-types');
    const dup = await clinic
      .as('director')
      .post('/v1/session-types')
      .send({ ...valid(2), code: valid(1).code });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DUPLICATE');
    expect(await observedState(t(), clinic, '/v1/session-types')).toEqual(before);

    await clinic.as('director').delete(`/v1/session-types/${first.body.id}`).expect(200);
    const again = await clinic.as('director').post('/v1/session-types').send(valid(1));
    expect(again.status).toBe(409);
    await other.as('director').post('/v1/session-types').send(valid(1)).expect(201);
  });

  it('concurrent writes: one of two same-code creates wins, one of two archives wins', async () => {
    const clinic = await t().createClinic();
    const director = () => clinic.as('director');
    const creates = await Promise.all([
      director().post('/v1/session-types').send(valid(1)),
      director()
        .post('/v1/session-types')
        .send({ ...valid(2), code: valid(1).code }),
    ]);
    expect(creates.map((r) => r.status).sort()).toEqual([201, 409]);
    const id = creates.find((r) => r.status === 201)!.body.id;
    const archives = await Promise.all([
      director().delete(`/v1/session-types/${id}`),
      director().delete(`/v1/session-types/${id}`),
    ]);
    expect(archives.map((r) => r.status).sort()).toEqual([200, 409]);
    const audit = await t().dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'session_type' AND clinic_id = $1 ORDER BY id`,
      [clinic.id],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['create', 'archive']);
  });

  it('allows two requirements for the same role, and no room and no staff', async () => {
    const clinic = await t().createClinic();
    const twoRns = withStaff([
      { role: 'rn', count: 1, offsetMinutes: 0, durationMinutes: 30 },
      { role: 'rn', count: 1, offsetMinutes: 60, durationMinutes: 60 },
    ]);
    const res = await clinic.as('director').post('/v1/session-types').send(twoRns).expect(201);
    expect(res.body.staff).toEqual(twoRns.staff);
    const bare = { code: 'rest', name: 'Rest', durationMinutes: 30, room: null, staff: [] };
    const rest = await clinic.as('director').post('/v1/session-types').send(bare).expect(201);
    expect(rest.body).toMatchObject(bare);
  });

  describe('archiving a session type a protocol uses', () => {
    it('is refused with 409 IN_USE naming each protocol and version, and nothing changes', async () => {
      const clinic = await t().createClinic();
      const type = (await clinic.as('director').post('/v1/session-types').send(valid(1))).body;
      await insertProtocol(t(), clinic, 'kap-2w', [
        { status: 'published', codes: ['intake', valid(1).code] },
        { status: 'draft', codes: ['intake'] },
      ]);
      await insertProtocol(t(), clinic, 'iv-6', [
        { status: 'published', codes: [valid(1).code] },
        { status: 'published', codes: [valid(1).code, 'emdr-90'] },
      ]);
      const before = await observedState(t(), clinic, '/v1/session-types');
      const res = await clinic.as('director').delete(`/v1/session-types/${type.id}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'IN_USE',
        detail:
          'Session type ketamine-iv-1 is still used by protocol iv-6 "Protocol iv-6" (version 1, 2), ' +
          'protocol kap-2w "Protocol kap-2w" (version 1); nothing was changed',
      });
      expect(await observedState(t(), clinic, '/v1/session-types')).toEqual(before);
    });

    it('is allowed when only archived protocols, other codes or other clinics use it', async () => {
      const clinic = await t().createClinic();
      const other = await t().createClinic();
      const type = (await clinic.as('director').post('/v1/session-types').send(valid(1))).body;
      await insertProtocol(
        t(),
        clinic,
        'old',
        [{ status: 'published', codes: [valid(1).code] }],
        true,
      );
      await insertProtocol(t(), clinic, 'kap', [{ status: 'draft', codes: ['ketamine-iv-10'] }]);
      await insertProtocol(t(), other, 'theirs', [{ status: 'draft', codes: [valid(1).code] }]);
      const res = await clinic.as('director').delete(`/v1/session-types/${type.id}`).expect(200);
      expect(res.body.archivedAt).toEqual(expect.any(String));
    });

    it('tolerates protocol versions whose series is not an array', async () => {
      const clinic = await t().createClinic();
      const type = (await clinic.as('director').post('/v1/session-types').send(valid(1))).body;
      const [p] = await t().dataSource.query(
        `INSERT INTO protocol (clinic_id, code, name) VALUES ($1, 'odd', 'Odd') RETURNING id`,
        [clinic.id],
      );
      await t().dataSource.query(
        `INSERT INTO protocol_version (clinic_id, protocol_id, version, status, definition)
         VALUES ($1, $2, 1, 'draft', '{"series": {"sessionType": "ketamine-iv-1"}}')`,
        [clinic.id, p.id],
      );
      await clinic.as('director').delete(`/v1/session-types/${type.id}`).expect(200);
    });
  });

  it('stored staff, rooms and session types make a planning problem the input checker accepts', async () => {
    const clinic = await t().createClinic();
    const director = () => clinic.as('director');
    const prescriber = await director()
      .post('/v1/staff')
      .send({
        name: 'Dr. Amara',
        roles: ['prescriber'],
        availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', start: '08:00', end: '16:00' }],
        limits: { maxSessionsPerDay: 4 },
      })
      .expect(201);
    const nurse = await director()
      .post('/v1/staff')
      .send({
        name: 'Nurse Ben',
        roles: ['rn'],
        availability: [{ date: '2027-03-03', start: '08:00', end: '16:00' }],
        timeOff: [{ start: '2027-03-10T00:00', end: '2027-03-11T00:00' }],
      })
      .expect(201);
    const bay = await director()
      .post('/v1/rooms')
      .send({ name: 'Bay', features: ['infusion', 'monitoring'] })
      .expect(201);
    const type = await director().post('/v1/session-types').send(valid(1)).expect(201);

    const id = clinic.id;
    const problem: Problem = {
      formatVersion: 1,
      clinic: { timeZone: 'America/New_York' },
      horizon: { start: '2027-03-01', end: '2027-03-31' },
      staff: [
        toPlanningStaffMember(await t().get(StaffRepository).get(id, prescriber.body.id)),
        toPlanningStaffMember(await t().get(StaffRepository).get(id, nurse.body.id)),
      ],
      rooms: [toPlanningRoom(await t().get(RoomRepository).get(id, bay.body.id))],
      sessionTypes: [
        toPlanningSessionType(await t().get(SessionTypeRepository).get(id, type.body.id)),
      ],
      protocols: [
        {
          id: 'iv',
          series: [{ id: 'dose', sessionType: valid(1).code, count: { min: 1, max: 1 } }],
        },
      ],
      patients: [{ id: 'p1', protocol: 'iv' }],
    };
    const checked = checkProblem(JSON.parse(JSON.stringify(problem)));
    expect(checked).toEqual({ ok: true, problem: expect.anything() });
    expect(problem.rooms[0]).not.toHaveProperty('availability');
    expect(problem.staff[1]).not.toHaveProperty('limits');
    expect(problem.sessionTypes[0]).toEqual({ id: valid(1).code, ...pick(valid(1)) });
  });

  it('stores format 1.1 groups and presence requirements, and plans them as 1.1 session types', async () => {
    const clinic = await t().createClinic();
    const director = () => clinic.as('director');
    const circle = {
      code: 'integration-circle',
      name: 'Integration circle',
      durationMinutes: 90,
      room: { features: ['group'] },
      staff: [
        { role: 'facilitator', count: 1 },
        { role: 'prescriber', count: 1, mode: 'present' },
      ],
      group: { min: 3, max: 8 },
    };
    const res = await director().post('/v1/session-types').send(circle).expect(201);
    expect(res.body).toMatchObject({ staff: circle.staff, group: circle.group });
    const row = await t().get(SessionTypeRepository).get(clinic.id, res.body.id);
    expect(toPlanningSessionType(row)).toEqual({
      id: circle.code,
      durationMinutes: 90,
      room: circle.room,
      staff: circle.staff,
      group: circle.group,
    });

    const shared = await director()
      .post('/v1/session-types')
      .send({
        ...circle,
        code: 'bad',
        staff: [{ role: 'prescriber', mode: 'present', maxConcurrent: 2 }],
      })
      .expect(400);
    expectProblem(shared, 400, '/staff/0/maxConcurrent', 'FIELD_NOT_ALLOWED');
    await director()
      .post('/v1/session-types')
      .send({ ...circle, code: 'bad', group: { min: 4, max: 2 } })
      .expect(400);

    const solo = await director()
      .patch(`/v1/session-types/${res.body.id}`)
      .send({ group: null })
      .expect(200);
    expect(solo.body.group).toBeNull();
    const plain = await director().post('/v1/session-types').send(valid(1)).expect(201);
    expect(plain.body.group).toBeNull();
    const plainRow = await t().get(SessionTypeRepository).get(clinic.id, plain.body.id);
    expect(toPlanningSessionType(plainRow)).not.toHaveProperty('group');
  });

  it('reports a bad requirement and a bad code of one request together', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .post('/v1/session-types')
      .send({ ...base, code: 'BAD CODE', staff: [{ role: 'rn', count: 0 }] });
    expectProblem(res, 400, '/code', 'INVALID_FORMAT');
    expectProblem(res, 400, '/staff/0/count', 'OUT_OF_RANGE');
  });
});

function pick(v: ReturnType<typeof valid>) {
  return { durationMinutes: v.durationMinutes, room: v.room, staff: v.staff };
}
