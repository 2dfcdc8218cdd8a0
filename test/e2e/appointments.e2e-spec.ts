import { SPLIT_CASE } from '../../src/domain/booking/lanes.testing';
import { ConflictError } from '../../src/domain/errors';
import { ResourceBookingRepository } from '../../src/repositories/resource-booking.repository';
import { CLOCK } from '../../src/services/clock';
import { LanePlanner, PlannedBooking } from '../../src/services/lane-planner';
import {
  doseBody,
  enrollPatient,
  intakeBody,
  IvClinic,
  ivClinic,
  TestClock,
} from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import { expectProblem } from './support/catalog-resource.suite';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/** Monday 2027-03-08 (EST, -05:00) and the days around it. */
const MON = '2027-03-08';
const at = (date: string, time: string) => `${date}T${time}:00-05:00`;

describe(`appointments (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const book = (body: object, key?: string) => {
    const req = desk().post('/v1/appointments');
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const count = async (table: string) =>
    (await t().dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  describe('booking', () => {
    it('books a session: 201 with staff intervals, ETag, lane rows and an audit row', async () => {
      const e = await enrollPatient(iv);
      const res = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      expect(res.body).toMatchObject({
        enrollmentId: e.id,
        patientId: e.patientId,
        series: 'dose',
        index: 1,
        start: '2027-03-08T09:00:00-05:00',
        end: '2027-03-08T11:00:00-05:00',
        roomId: iv.rooms.bay1,
        status: 'booked',
        version: 1,
        sequence: 0,
        staff: [
          {
            staffId: iv.staff.drA,
            role: 'prescriber',
            start: '2027-03-08T09:00:00-05:00',
            end: '2027-03-08T09:45:00-05:00',
            mode: 'occupied',
          },
          {
            staffId: iv.staff.rnB,
            role: 'rn',
            start: '2027-03-08T09:00:00-05:00',
            end: '2027-03-08T11:00:00-05:00',
            mode: 'occupied',
          },
        ],
      });
      expect(res.headers.etag).toBe('"1"');
      const got = await desk().get(`/v1/appointments/${res.body.id}`).expect(200);
      expect(got.body).toEqual(res.body);
      expect(got.headers.etag).toBe('"1"');
      const rows = await t().dataSource.query(
        `SELECT resource_kind, claim, lanes::text AS lanes, during::text AS during
           FROM resource_booking WHERE appointment_id = $1 ORDER BY resource_kind, claim`,
        [res.body.id],
      );
      // Patient, room (with 15 min turnover) and prescriber take every lane; the RN (shared
      // by 2) holds one lane and blocks lanes 2 and up.
      expect(
        rows.map((r: { resource_kind: string; claim: string; lanes: string }) => [
          r.resource_kind,
          r.claim,
          r.lanes,
        ]),
      ).toEqual([
        ['patient', 'hold', '[0,)'],
        ['room', 'hold', '[0,)'],
        ['staff', 'block', '[2,)'],
        ['staff', 'hold', '[0,)'],
        ['staff', 'hold', '[0,1)'],
      ]);
      const room = rows.find((r: { resource_kind: string }) => r.resource_kind === 'room');
      expect(room.during).toBe('["2027-03-08 14:00:00+00","2027-03-08 16:15:00+00")');
      const audit = await iv.clinic.as('director').get('/v1/audit-log?limit=1').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'create',
        entityType: 'appointment',
        entityId: res.body.id,
        before: null,
        after: expect.objectContaining({ id: res.body.id, status: 'booked' }),
      });
    });

    it('refuses a malformed body with 400 and writes nothing', async () => {
      const e = await enrollPatient(iv);
      const body = doseBody(iv, e.id, 1, '2027-03-08T09:00');
      expectProblem(await book(body), 400, '/start', 'INVALID_INSTANT');
      expectProblem(
        await book({ ...body, start: at(MON, '09:00'), staff: undefined }),
        400,
        '/staff',
        'REQUIRED',
      );
      expectProblem(
        await book({ ...body, start: at(MON, '09:00'), notes: 'x' }),
        400,
        '/notes',
        'UNKNOWN_FIELD',
      );
      expect(await count('appointment')).toBe(0);
    });

    it('refuses what the clinic or enrollment does not have (422, each field named)', async () => {
      const e = await enrollPatient(iv);
      const good = doseBody(iv, e.id, 1, at(MON, '09:00'));
      const other = await enrollPatient(iv);
      await desk().patch(`/v1/enrollments/${other.id}`).send({ status: 'withdrawn' }).expect(200);
      const cases: [object, string, string][] = [
        [
          { ...good, enrollmentId: '00000000-0000-4000-8000-000000000000' },
          '/enrollmentId',
          'UNKNOWN_REFERENCE',
        ],
        [{ ...good, enrollmentId: other.id }, '/enrollmentId', 'ENROLLMENT_NOT_ACTIVE'],
        [{ ...good, series: 'emdr' }, '/series', 'UNKNOWN_REFERENCE'],
        [{ ...good, index: 7 }, '/index', 'INDEX_OUT_OF_RANGE'],
        [{ ...good, roomId: null }, '/roomId', 'ROOM_REQUIRED'],
        [{ ...good, roomId: iv.rooms.room1 }, '/roomId', 'ROOM_FEATURES'],
        [{ ...good, staff: [good.staff[0]] }, '/staff', 'STAFF_MISSING'],
        [
          { ...good, staff: [good.staff[0], { staffId: iv.staff.drA, role: 'rn' }] },
          '/staff/1/staffId',
          'STAFF_ONE_REQUIREMENT',
        ],
        [
          { ...good, staff: [{ staffId: iv.staff.rnB, role: 'prescriber' }, good.staff[1]] },
          '/staff/0/role',
          'STAFF_ROLE',
        ],
        [{ ...good, start: '2027-02-26T09:00:00-05:00' }, '/start', 'START_IN_PAST'],
      ];
      for (const [body, pointer, code] of cases)
        expectProblem(await book(body), 422, pointer, code);
      expect(await count('appointment')).toBe(0);
      expect(await count('resource_booking')).toBe(0);
    });

    it('names the broken protocol rule (422 RULE_VIOLATED)', async () => {
      const e = await enrollPatient(iv);
      await book(intakeBody(iv, e.id, at('2027-03-05', '09:00'))).expect(201);
      await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const tooSoon = await book(doseBody(iv, e.id, 2, at('2027-03-09', '15:00')));
      expect(tooSoon.status).toBe(422);
      expect(tooSoon.body.code).toBe('RULE_VIOLATED');
      expect(tooSoon.body.errors).toEqual(
        expect.arrayContaining([
          {
            pointer: '/start',
            code: 'GAP_HOURS',
            message: 'dose 2 would be 30 h after dose 1; the protocol needs ≥ 44 h',
          },
          expect.objectContaining({ pointer: '/start', code: 'SERIES_DAYS' }),
        ]),
      );
      // Dose 4 with dose 2 and 3 still open: 96 h is less than 3 gaps of 44 h.
      const skipping = await book(doseBody(iv, e.id, 4, at('2027-03-12', '09:00')));
      expectProblem(skipping, 422, '/start', 'GAP_HOURS');
      expect(skipping.body.errors[0].message).toContain(
        '2 dose sessions still to book between them',
      );
      // Before dose 1 is not a valid dose 2.
      expectProblem(
        await book(doseBody(iv, e.id, 2, at('2027-03-05', '13:00'))),
        422,
        '/start',
        'SERIES_ORDER',
      );
      // Outside the patient day and the prescriber's hours.
      const late = await book(doseBody(iv, e.id, 2, at('2027-03-10', '16:30')));
      expectProblem(late, 422, '/start', 'PATIENT_DAY_WINDOW');
      expectProblem(late, 422, '/staff/1/staffId', 'STAFF_UNAVAILABLE');
      // Off the 15-minute grid.
      expectProblem(
        await book(doseBody(iv, e.id, 2, at('2027-03-10', '09:10'))),
        422,
        '/start',
        'SLOT_GRID',
      );
      expect(await count('appointment')).toBe(2);
    });

    it('checks the offset rule between intake and the first dose', async () => {
      const e = await enrollPatient(iv);
      await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const res = await book(intakeBody(iv, e.id, at(MON, '13:00')));
      expectProblem(res, 422, '/start', 'OFFSET_RULE');
      expect(res.body.errors.find((i: { code: string }) => i.code === 'OFFSET_RULE').message).toBe(
        'the start of dose 1 would be 5 h before the end of intake 1; the protocol needs ≥ 20 h',
      );
    });

    it('refuses the same series index twice (409 ALREADY_BOOKED)', async () => {
      const e = await enrollPatient(iv);
      const first = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const again = await book(doseBody(iv, e.id, 1, at('2027-03-10', '09:00')));
      expectProblem(again, 409, '/index', 'ALREADY_BOOKED');
      expect(again.body.detail).toContain(first.body.id);
    });
  });

  describe('no double booking (409 naming the resource)', () => {
    it('the patient: two sessions at once', async () => {
      const e = await enrollPatient(iv);
      await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const res = await book(intakeBody(iv, e.id, at(MON, '10:00')));
      expectProblem(res, 409, '/start', 'PATIENT_BUSY');
      expect(res.body.code).toBe('OVERLAP');
      expect(res.body.errors[0].message).toMatch(
        /^the patient already has dose 1 \(appointment .*\) on 2027-03-08 10:00–11:00$/,
      );
    });

    it('a room of capacity 1, turnover included; free again right after it', async () => {
      const [a, b, c] = [await enrollPatient(iv), await enrollPatient(iv), await enrollPatient(iv)];
      await book(doseBody(iv, a.id, 1, at(MON, '09:00'))).expect(201);
      // 11:00 is inside the 15 min turnover; the prescriber (09:00–09:45) and the shared RN are free.
      const res = await book(doseBody(iv, b.id, 1, at(MON, '11:00')));
      expectProblem(res, 409, '/roomId', 'ROOM_FULL');
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].message).toMatch(
        /^Bay 1 is full on 2027-03-08 11:00–11:15 \(no sharing\): dose 1/,
      );
      await book(doseBody(iv, c.id, 1, at(MON, '11:15'))).expect(201);
    });

    it('a room of capacity 2 holds two at once, not three', async () => {
      const bays = await post(iv.clinic.as('director'), '/v1/rooms', {
        name: 'Bays A',
        features: ['infusion', 'monitoring'],
        capacity: 2,
      });
      const people: { id: string }[] = [];
      for (let i = 0; i < 3; i++) people.push(await enrollPatient(iv));
      // Different prescribers are not needed: each dose takes Dr. A for 45 min only, so stagger.
      const body = (i: number, time: string) => ({
        ...doseBody(iv, people[i].id, 1, at(MON, time)),
        roomId: bays.id,
      });
      await book(body(0, '09:00')).expect(201);
      await book(body(1, '09:45')).expect(201);
      const third = await book(body(2, '10:30'));
      expectProblem(third, 409, '/roomId', 'ROOM_FULL');
      expect(third.body.errors[0].message).toContain('at most 2 at once');
    });

    it('a person: exclusive requirements never overlap; a shared one up to maxConcurrent', async () => {
      const [a, b, c] = [await enrollPatient(iv), await enrollPatient(iv), await enrollPatient(iv)];
      await book(doseBody(iv, a.id, 1, at(MON, '09:00'))).expect(201);
      // Dr. A is the prescriber of a's dose until 09:45.
      const intake = await book(intakeBody(iv, b.id, at(MON, '09:30')));
      expectProblem(intake, 409, '/staff/0/staffId', 'STAFF_BUSY');
      expect(intake.body.errors[0].message).toMatch(
        /^Dr\. A is busy on 2027-03-08 09:30–09:45 \(no sharing\)/,
      );
      // RN B watches up to 2 infusions at once (in two rooms): the third is refused.
      const bays = await post(iv.clinic.as('director'), '/v1/rooms', {
        name: 'Bays B',
        features: ['infusion', 'monitoring'],
        capacity: 3,
      });
      await book({ ...doseBody(iv, b.id, 1, at(MON, '09:45')), roomId: bays.id }).expect(201);
      const third = await book({ ...doseBody(iv, c.id, 1, at(MON, '10:30')), roomId: bays.id });
      expectProblem(third, 409, '/staff/1/staffId', 'STAFF_BUSY');
      expect(third.body.errors[0].message).toContain(
        'RN B is busy on 2027-03-08 10:30–11:00 (at most 2 at once)',
      );
    });

    it('re-packs lanes when free room capacity is split across lanes', async () => {
      const bays = await post(iv.clinic.as('director'), '/v1/rooms', {
        name: 'Bays C',
        features: ['infusion', 'monitoring'],
        capacity: 2,
      });
      const bookIn = async (time: string) => {
        const e = await enrollPatient(iv);
        return book({ ...doseBody(iv, e.id, 1, at(MON, time)), roomId: bays.id });
      };
      const roomLane = async (id: string) =>
        (
          await t().dataSource.query(
            `SELECT lanes::text AS lanes FROM resource_booking
              WHERE appointment_id = $1 AND resource_kind = 'room' AND claim = 'hold'`,
            [id],
          )
        )[0].lanes as string;
      // Room time is 2 h 15 min: lane 0 08:00–10:15, lane 1 10:00–12:15, lane 0 12:30–14:45.
      await bookIn('08:00').then((r) => expect(r.status).toBe(201));
      const b = (await bookIn('10:00')).body;
      const c = (await bookIn('12:30')).body;
      expect([await roomLane(b.id), await roomLane(c.id)]).toEqual(['[1,2)', '[0,1)']);
      // 11:00–13:15 meets one booking at a time, but neither lane is free throughout.
      const d = await bookIn('11:00');
      expect(d.status).toBe(201);
      expect(await roomLane(c.id)).toBe('[1,2)');
      expect(await roomLane(d.body.id)).toBe('[0,1)');
    });

    it('a nurse shared 3 and 4 at once: a hold is split across lanes where no single lane fits', async () => {
      // lanes.testing's split case on RN B, written by LanePlanner into resource_booking: the
      // last session fits the sharing rule but no hold keeps one lane for all its time.
      const e = await enrollPatient(iv);
      const res = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const planner = t().get(LanePlanner);
      const day = Date.parse('2027-05-03T00:00:00Z');
      const place = (start: number, end: number, cap: number) =>
        t().dataSource.transaction(async (manager) => {
          const want: PlannedBooking = {
            kind: 'staff',
            resourceId: iv.staff.rnB,
            start: day + start * 3_600_000,
            end: day + end * 3_600_000,
            cap,
            pointer: '/staff/0/staffId',
            name: 'RN B',
          };
          await planner.lock(manager, [want]);
          const decisions = await planner.plan(iv.clinic.id, manager, [want], 'UTC');
          await planner.write(iv.clinic.id, manager, res.body.id, decisions);
        });
      // The holds of SPLIT_CASE, booked in its order (the planner picks the same lanes), then
      // the share-3 session at 8–8.5.
      for (const [start, end, cap] of [
        ...SPLIT_CASE.map(([, s, e, , c]) => [s, e, c]),
        [8, 8.5, 3],
      ])
        await place(start, end, cap);
      const rows: { lanes: string; from: string; to: string }[] = await t().dataSource.query(
        `SELECT lanes::text AS lanes, to_char(lower(during) AT TIME ZONE 'UTC', 'HH24:MI') AS "from",
                to_char(upper(during) AT TIME ZONE 'UTC', 'HH24:MI') AS "to"
           FROM resource_booking
          WHERE resource_id = $1 AND claim = 'hold' AND lower(during) >= '2027-05-03'
          ORDER BY lower(during), lower(lanes)`,
        [iv.staff.rnB],
      );
      expect(rows.map((r) => `${r.from}-${r.to} ${r.lanes}`)).toEqual([
        '00:00-00:30 [0,1)',
        '00:00-07:00 [1,2)',
        '01:00-01:30 [0,1)',
        '01:00-07:00 [2,3)',
        '02:00-09:00 [0,1)',
        '04:00-08:00 [3,4)', // the split hold: lane 3 while four share the nurse…
        '08:00-13:00 [1,2)', // …below 3 once a session shared 3 at once is on
        '08:00-08:30 [2,3)',
      ]);
      // A fourth at 8–8.5 is over the rule (3 at once at most with a share-3 session on).
      await expect(place(8, 8.5, 4)).rejects.toMatchObject({ code: 'OVERLAP' });
    });

    it('the database itself refuses overlapping lane rows (the last line)', async () => {
      const e = await enrollPatient(iv);
      const res = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const insert = (lanes: string, claim = 'hold') =>
        t().dataSource.query(
          `INSERT INTO resource_booking (clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
           VALUES ($1, $2, 'room', $3, $4, $5::int4range, $6, tstzrange('2027-03-08 15:00+00', '2027-03-08 15:30+00'))`,
          [
            iv.clinic.id,
            res.body.id,
            iv.rooms.bay1,
            claim,
            lanes,
            claim === 'block' ? 2 : lanes === '[0,)' ? 1 : 2,
          ],
        );
      await expect(insert('[0,)')).rejects.toMatchObject({ driverError: { code: '23P01' } });
      // The RN's block [2, ∞) keeps a third shared assignment out, whatever lane it picks.
      const rn = (lanes: string) =>
        t().dataSource.query(
          `INSERT INTO resource_booking (clinic_id, appointment_id, resource_kind, resource_id, claim, lanes, capacity, during)
           VALUES ($1, $2, 'staff', $3, 'hold', $4::int4range, 3, tstzrange('2027-03-08 15:00+00', '2027-03-08 15:30+00'))`,
          [iv.clinic.id, res.body.id, iv.staff.rnB, lanes],
        );
      await expect(rn('[0,1)')).rejects.toMatchObject({ driverError: { code: '23P01' } });
      await expect(rn('[2,3)')).rejects.toMatchObject({ driverError: { code: '23P01' } });
      await rn('[1,2)'); // a second one fits
      // Past the checks, the repository answers the constraint with a named 409, not a 500.
      const write = t().dataSource.transaction((manager) =>
        t()
          .get(ResourceBookingRepository)
          .insert(manager, iv.clinic.id, res.body.id, [
            {
              kind: 'patient',
              resourceId: e.patientId,
              start: Date.parse('2027-03-08T15:00:00Z'),
              end: Date.parse('2027-03-08T16:00:00Z'),
              cap: 1,
              segments: [],
            },
          ]),
      );
      await expect(write).rejects.toMatchObject({ code: 'OVERLAP', constructor: ConflictError });
    });
  });
});
