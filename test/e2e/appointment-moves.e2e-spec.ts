import { CLOCK } from '../../src/services/clock';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import { expectProblem } from './support/catalog-resource.suite';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/** Instants in the clinic's zone (America/New_York; EST until 2027-03-14, EDT after). */
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;
const edt = (date: string, time: string) => `${date}T${time}:00-04:00`;
const MIN = 60_000;

interface Option {
  start: string;
  end: string;
  roomId: string | null;
  staff: { staffId: string; role: string; name: string }[];
  shiftMinutes: number;
}

describe(`appointment moves and options (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const book = async (body: object) => (await desk().post('/v1/appointments').send(body)).body;
  const patch = (id: string, body: object, etag?: string, as = desk()) => {
    const req = as.patch(`/v1/appointments/${id}`);
    if (etag !== undefined) req.set('If-Match', etag);
    return req.send(body);
  };
  const lanes = (id: string) =>
    t().dataSource.query(
      `SELECT resource_id, lower(during) AS s, upper(during) AS e FROM resource_booking
        WHERE appointment_id = $1 AND claim = 'hold' ORDER BY resource_kind, resource_id`,
      [id],
    ) as Promise<{ resource_id: string; s: Date; e: Date }[]>;

  /** Patient A: dose 1 Mon 09:00, dose 2 Wed 09:00; patient B's dose 1 Wed 11:15 fills Bay 1. */
  async function twoPatients() {
    const [a, b] = [await enrollPatient(iv), await enrollPatient(iv)];
    await book(doseBody(iv, a.id, 1, est('2027-03-08', '09:00')));
    const dose2 = await book(doseBody(iv, a.id, 2, est('2027-03-10', '09:00')));
    await book(doseBody(iv, b.id, 1, est('2027-03-10', '11:15')));
    return { a, b, dose2: dose2 as { id: string; version: number } };
  }

  describe('GET /v1/appointments/{id}/options', () => {
    it('offers exactly the places a move accepts, closest first', async () => {
      const { dose2 } = await twoPatients();
      const res = await desk()
        .get(`/v1/appointments/${dose2.id}/options`)
        .query({ from: est('2027-03-10', '00:00'), to: est('2027-03-13', '00:00'), limit: 50 })
        .expect(200);
      const items = res.body.items as Option[];
      // Fewer than the limit: the list is every valid start of the window.
      expect(items.length).toBeGreaterThan(5);
      expect(items.length).toBeLessThan(50);
      const shifts = items.map((o) => Math.abs(o.shiftMinutes));
      expect(shifts).toEqual([...shifts].sort((x, y) => x - y));
      // Bay 1 is B's from 11:15 to 13:30 (turnover): A may not start 09:15..13:15 on Wednesday.
      const starts = new Set(items.map((o) => Date.parse(o.start)));
      expect(starts.has(Date.parse(est('2027-03-10', '09:15')))).toBe(false);
      expect(starts.has(Date.parse(est('2027-03-10', '08:45')))).toBe(true);
      expect(starts.has(Date.parse(est('2027-03-10', '13:15')))).toBe(false);
      expect(starts.has(Date.parse(est('2027-03-10', '13:30')))).toBe(true);
      for (const o of items) {
        expect(o.roomId).toBe(iv.rooms.bay1);
        expect(o.staff.map((s) => s.role)).toEqual(['prescriber', 'rn']);
      }
      // Every option is accepted (the others stay where they are; only dose 2 moves).
      let etag = `"${dose2.version}"`;
      for (const o of items) {
        const moved = await patch(
          dose2.id,
          {
            start: o.start,
            roomId: o.roomId,
            staff: o.staff.map(({ staffId, role }) => ({ staffId, role })),
          },
          etag,
        );
        expect([o.start, moved.status]).toEqual([o.start, 200]);
        etag = moved.headers.etag;
      }
      // Every other start in the window is refused (slot grid and off-grid samples).
      const lo = Date.parse(est('2027-03-10', '00:00'));
      const hi = Date.parse(est('2027-03-13', '00:00'));
      const refused: number[] = [];
      for (let at = lo; at < hi; at += 15 * MIN) if (!starts.has(at)) refused.push(at);
      const sample = refused.filter((_, i) => i % 17 === 0).concat([lo + 7 * MIN + 9 * 3600_000]);
      for (const at of sample) {
        const when = new Date(at).toISOString();
        const res = await patch(dose2.id, { start: when }, etag);
        expect([when, [409, 422].includes(res.status)]).toEqual([when, true]);
      }
    });

    it('is for the front desk; not for a clinician; a cancelled session has none (409)', async () => {
      const { dose2 } = await twoPatients();
      await iv.clinic.as('clinician').get(`/v1/appointments/${dose2.id}/options`).expect(403);
      const bad = await desk()
        .get(`/v1/appointments/${dose2.id}/options`)
        .query({ from: est('2027-03-10', '00:00'), to: est('2027-05-10', '00:00') });
      expectProblem(bad, 422, '/to', 'OUT_OF_RANGE');
      await desk().post(`/v1/appointments/${dose2.id}/cancel`).send({ reason: 'x' }).expect(200);
      const gone = await desk().get(`/v1/appointments/${dose2.id}/options`);
      expect([gone.status, gone.body.code]).toEqual([409, 'INVALID_STATUS_TRANSITION']);
    });
  });

  describe('PATCH /v1/appointments/{id}', () => {
    it('moves with If-Match: new time, lanes, version and sequence; audited', async () => {
      const { dose2 } = await twoPatients();
      const res = await patch(
        dose2.id,
        { start: est('2027-03-10', '13:30'), reason: 'patient asked' },
        '"1"',
      ).expect(200);
      expect(res.body).toMatchObject({
        start: est('2027-03-10', '13:30'),
        end: est('2027-03-10', '15:30'),
        version: 2,
        sequence: 1,
        override: null,
      });
      expect(res.headers.etag).toBe('"2"');
      const rows = await lanes(dose2.id);
      expect(rows).toHaveLength(4);
      const room = rows.find((r) => r.resource_id === iv.rooms.bay1)!;
      expect(new Date(room.s).toISOString()).toBe('2027-03-10T18:30:00.000Z');
      expect(new Date(room.e).toISOString()).toBe('2027-03-10T20:45:00.000Z');
      const audit = await iv.clinic.as('director').get('/v1/audit-log?limit=5').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'move',
        entityId: dose2.id,
        reason: 'patient asked',
        actorKeyId: iv.clinic.keyIds.frontdesk,
      });
      // The old time is free again: another patient's dose takes Wednesday 09:00.
      const c = await enrollPatient(iv);
      await desk()
        .post('/v1/appointments')
        .send(doseBody(iv, c.id, 1, est('2027-03-10', '09:00')))
        .expect(201);
    });

    it('refuses: 428 without If-Match, 412 when stale (also a retry), 409 overlap, 422 rules', async () => {
      const { dose2 } = await twoPatients();
      const body = { start: est('2027-03-10', '13:30') };
      const none = await patch(dose2.id, body);
      expect([none.status, none.body.code]).toEqual([428, 'PRECONDITION_REQUIRED']);
      await patch(dose2.id, body, '"1"').expect(200);
      const retry = await patch(dose2.id, body, '"1"');
      expect([retry.status, retry.body.code]).toEqual([412, 'PRECONDITION_FAILED']);
      const junk = await patch(dose2.id, body, 'nonsense');
      expect(junk.status).toBe(412);
      const overlap = await patch(dose2.id, { start: est('2027-03-10', '10:00') }, '"2"');
      expectProblem(overlap, 409, '/roomId', 'ROOM_FULL');
      const tuesday = await patch(dose2.id, { start: est('2027-03-09', '13:00') }, '"2"');
      expectProblem(tuesday, 422, '/start', 'SERIES_DAYS');
      expect(tuesday.body.code).toBe('RULE_VIOLATED');
      const nothing = await patch(dose2.id, {}, '"2"');
      expect(nothing.status).toBe(422);
      const after = await desk().get(`/v1/appointments/${dose2.id}`).expect(200);
      expect(after.body).toMatchObject({ version: 2, start: est('2027-03-10', '13:30') });
    });

    it('a director overrides a protocol rule with a reason; the front desk cannot; resource rules stay hard', async () => {
      const { dose2 } = await twoPatients();
      // Monday 09:00 + 28 h: dose 2 on Tuesday 13:00 breaks the weekdays and the 44 h gap.
      const body = {
        start: est('2027-03-09', '13:00'),
        override: { reason: 'travels Wednesday; approved by Dr. A' },
      };
      const denied = await patch(dose2.id, body, '"1"');
      expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN']);
      const director = iv.clinic.as('director');
      // 17:30 is outside the staff's hours: never overridden (only those issues are left).
      const late = await patch(
        dose2.id,
        { ...body, start: est('2027-03-09', '16:00') },
        '"1"',
        director,
      );
      expect(late.status).toBe(422);
      const codes = (late.body.errors as { code: string }[]).map((e) => e.code);
      expect(codes).toContain('STAFF_UNAVAILABLE');
      expect(codes).not.toContain('GAP_HOURS');
      const ok = await patch(dose2.id, body, '"1"', director).expect(200);
      expect(ok.body.override).toMatchObject({
        reason: 'travels Wednesday; approved by Dr. A',
        rules: expect.arrayContaining(['GAP_HOURS', 'SERIES_DAYS']),
        actorKeyId: iv.clinic.keyIds.director,
      });
      const audit = await director.get('/v1/audit-log?limit=1').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        action: 'move-override',
        reason: 'travels Wednesday; approved by Dr. A',
      });
      // A later move within the rules clears it.
      const back = await patch(dose2.id, { start: est('2027-03-10', '13:30') }, '"2"').expect(200);
      expect(back.body.override).toBeNull();
    });

    it('moves across the DST change (Friday EST to Monday EDT), keeping the local time', async () => {
      const a = await enrollPatient(iv);
      const dose = await book(doseBody(iv, a.id, 1, est('2027-03-12', '09:00')));
      const res = await patch(dose.id, { start: edt('2027-03-15', '09:00') }, '"1"').expect(200);
      expect(res.body).toMatchObject({
        start: edt('2027-03-15', '09:00'),
        end: edt('2027-03-15', '11:00'),
      });
      expect(res.body.staff).toEqual([
        expect.objectContaining({
          role: 'prescriber',
          start: edt('2027-03-15', '09:00'),
          end: edt('2027-03-15', '09:45'),
        }),
        expect.objectContaining({
          role: 'rn',
          start: edt('2027-03-15', '09:00'),
          end: edt('2027-03-15', '11:00'),
        }),
      ]);
      const patient = (await lanes(dose.id)).find((r) => r.resource_id === a.patientId)!;
      expect(new Date(patient.s).toISOString()).toBe('2027-03-15T13:00:00.000Z');
      // The options over the weekend of the change keep the clinic's local hours.
      const opts = await desk()
        .get(`/v1/appointments/${dose.id}/options`)
        .query({ from: est('2027-03-12', '12:00'), to: edt('2027-03-16', '00:00'), limit: 50 })
        .expect(200);
      const local = (opts.body.items as Option[]).map(
        (o) => o.start.slice(0, 16) + o.start.slice(19),
      );
      expect(local).toContain('2027-03-15T08:00-04:00');
      expect(local).toContain('2027-03-12T13:00-05:00');
      expect(local.some((s) => s.startsWith('2027-03-13') || s.startsWith('2027-03-14'))).toBe(
        false,
      );
      expect(local).not.toContain('2027-03-15T07:00-04:00');
    });

    it('changes the staff (sequence bump, lane rows follow the person)', async () => {
      const rnC = await post(iv.clinic.as('director'), '/v1/staff', {
        name: 'RN C',
        roles: ['rn'],
        availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }],
      });
      const { dose2 } = await twoPatients();
      const staff = [
        { staffId: iv.staff.drA, role: 'prescriber' },
        { staffId: rnC.id, role: 'rn' },
      ];
      const res = await patch(dose2.id, { staff }, '"1"').expect(200);
      expect(res.body).toMatchObject({
        version: 2,
        sequence: 1,
        start: est('2027-03-10', '09:00'),
      });
      const ids = (await lanes(dose2.id)).map((r) => r.resource_id);
      expect(ids).toContain(rnC.id);
      expect(ids).not.toContain(iv.staff.rnB);
    });
  });

  describe('POST /v1/appointments 422 RULE_VIOLATED', () => {
    it('carries the nearest valid options; the first one books', async () => {
      const a = await enrollPatient(iv);
      await book(doseBody(iv, a.id, 1, est('2027-03-08', '09:00')));
      const body = doseBody(iv, a.id, 2, est('2027-03-09', '09:00'));
      const res = await desk().post('/v1/appointments').send(body);
      expectProblem(res, 422, '/start', 'GAP_HOURS');
      const options = res.body.options as Option[];
      expect(options.length).toBe(3);
      const first = options[0];
      expect(Date.parse(first.start)).toBeGreaterThanOrEqual(
        Date.parse(est('2027-03-10', '05:00')),
      );
      await desk()
        .post('/v1/appointments')
        .send({
          ...body,
          start: first.start,
          roomId: first.roomId,
          staff: first.staff.map(({ staffId, role }) => ({ staffId, role })),
        })
        .expect(201);
    });
  });
});
