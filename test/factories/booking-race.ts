/**
 * A booking race: many concurrent hand bookings over overlapping times for the same staff,
 * rooms (capacity 1 and 2) and patients, then a check of the outcome against the database.
 * Shared by the PostgreSQL race test (one app) and bench/booking-race.ts (three processes).
 *
 * The scenario is built so that the only possible refusal is a double booking: no protocol
 * rule can fail (no gaps, no patient day; a patient's indexes follow the start order), so a
 * correct service answers every request 201 or 409, the accepted bookings never exceed a
 * capacity, and every 409 would exceed one if it were added to what was accepted.
 */
import { DateTime } from 'luxon';

export interface HttpReply {
  status: number;
  body: Record<string, unknown>;
}

/** Sends a JSON request with the director's (or front desk's) key. */
export type Http = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<HttpReply>;

/** Runs SQL on the app's database. */
export type Sql = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

type SeriesId = 'solo' | 'shared';

/** solo: 60 min + 15 min room turnover, one physician alone; shared: 90 min, a nurse for 2 at once. */
const SERIES: Record<SeriesId, { minutes: number; turnover: number; role: string; cap: number }> = {
  solo: { minutes: 60, turnover: 15, role: 'physician', cap: 1 },
  shared: { minutes: 90, turnover: 0, role: 'nurse', cap: 2 },
};

export interface RaceCatalog {
  zone: string;
  rooms: { id: string; capacity: number }[];
  staff: Record<string, string[]>;
  enrollments: { id: string; patientId: string }[];
}

export interface RaceRequest {
  body: {
    enrollmentId: string;
    series: SeriesId;
    index: number;
    start: string;
    roomId: string;
    staff: { staffId: string; role: string }[];
  };
  /** Sent `copies` times at once with this Idempotency-Key (a client retrying). */
  key?: string;
  copies: number;
}

async function must(http: Http, path: string, body: unknown, status = 201) {
  const res = await http('POST', path, body);
  if (res.status !== status)
    throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** Catalog, protocol and `patients` enrollments (for the month from `date`), over the API. */
export async function setUpRace(
  http: Http,
  zone: string,
  date: string,
  patients = 8,
): Promise<RaceCatalog> {
  const hours = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '07:00', end: '20:00' }];
  const staff: Record<string, string[]> = { physician: [], nurse: [] };
  for (const role of ['physician', 'nurse']) {
    for (const n of [1, 2]) {
      staff[role].push(
        (
          await must(http, '/v1/staff', {
            name: `${role} ${n}`,
            roles: [role],
            availability: hours,
          })
        ).id,
      );
    }
  }
  const rooms = [];
  for (const capacity of [1, 2]) {
    const room = await must(http, '/v1/rooms', {
      name: `race room ${capacity}`,
      features: ['race'],
      capacity,
    });
    rooms.push({ id: room.id, capacity });
  }
  for (const [code, s] of Object.entries(SERIES)) {
    await must(http, '/v1/session-types', {
      code: `race-${code}`,
      name: `race ${code}`,
      durationMinutes: s.minutes,
      room: { features: ['race'], turnoverMinutes: s.turnover },
      staff: [{ role: s.role, count: 1, ...(s.cap > 1 ? { maxConcurrent: s.cap } : {}) }],
    });
  }
  const protocol = await must(http, '/v1/protocols', {
    code: 'race',
    name: 'race',
    definition: {
      series: Object.keys(SERIES).map((id) => ({
        id,
        sessionType: `race-${id}`,
        count: { min: 20, max: 20 },
      })),
    },
  });
  await must(http, `/v1/protocols/${protocol.id}/versions/1/publish`, undefined, 200);
  const enrollments = [];
  for (let p = 0; p < patients; p++) {
    const patient = await must(http, '/v1/patients', { displayName: `Racer ${p}`, initials: 'RR' });
    const e = await must(http, '/v1/enrollments', {
      patientId: patient.id,
      protocolId: protocol.id,
      version: 1,
      earliestStart: date,
      latestEnd: DateTime.fromISO(date).plus({ days: 30 }).toISODate(),
    });
    enrollments.push({ id: e.id, patientId: patient.id });
  }
  return { zone, rooms, staff, enrollments };
}

/** Deterministic pseudo-random numbers (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` bookings on `days` days from `date` (local; weekdays, as staff work Monday to Friday)
 * between 08:00 and 16:00 on the 15-minute grid; `retried` of them are sent 3 times at once
 * with one Idempotency-Key.
 */
export function raceRequests(
  cat: RaceCatalog,
  date: string,
  n: number,
  seed: number,
  retried = 5,
  days = 1,
): RaceRequest[] {
  const rand = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const raw = Array.from({ length: n }, (_, i) => {
    const series: SeriesId = rand() < 0.5 ? 'solo' : 'shared';
    const minute = 8 * 60 + 15 * Math.floor(rand() * 33);
    const day = Math.floor(rand() * days);
    const start = DateTime.fromISO(date, { zone: cat.zone }).plus({ days: day, minutes: minute });
    return {
      i,
      enrollment: pick(cat.enrollments),
      series,
      start,
      room: pick(cat.rooms),
      person: pick(cat.staff[SERIES[series].role]),
    };
  });
  // Indexes follow the start order per patient and series, so no accepted subset breaks it.
  const index = new Map<number, number>();
  const groups = new Map<string, typeof raw>();
  for (const r of raw) {
    const k = `${r.enrollment.id}/${r.series}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const list of groups.values()) {
    if (list.length > 20) throw new Error('more than 20 requests for one patient and series');
    list
      .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.i - b.i)
      .forEach((r, k) => index.set(r.i, k + 1));
  }
  return raw.map((r) => ({
    body: {
      enrollmentId: r.enrollment.id,
      series: r.series,
      index: index.get(r.i)!,
      start: r.start.toISO({ suppressMilliseconds: true })!,
      roomId: r.room.id,
      staff: [{ staffId: r.person, role: SERIES[r.series].role }],
    },
    ...(r.i < retried ? { key: `race-${seed}-${r.i}`, copies: 3 } : { copies: 1 }),
  }));
}

/** Every request's copies, all at once; `send` spreads them over app instances. */
export async function runRace(
  requests: RaceRequest[],
  send: (i: number, r: RaceRequest) => Promise<HttpReply>,
): Promise<HttpReply[][]> {
  let k = 0;
  const all = requests.map((r) =>
    Array.from({ length: r.copies }, () => {
      const slot = k++;
      return send(slot, r);
    }),
  );
  return Promise.all(all.map((copies) => Promise.all(copies)));
}

interface Use {
  resource: string;
  start: number;
  end: number;
  cap: number;
}

/** What a booking takes from each resource, as the planning format counts it. */
function uses(cat: RaceCatalog, b: RaceRequest['body']): Use[] {
  const s = SERIES[b.series];
  const start = DateTime.fromISO(b.start).toMillis();
  const end = start + s.minutes * 60_000;
  const room = cat.rooms.find((r) => r.id === b.roomId)!;
  const patient = cat.enrollments.find((e) => e.id === b.enrollmentId)!.patientId;
  return [
    { resource: patient, start, end, cap: 1 },
    { resource: room.id, start, end: end + s.turnover * 60_000, cap: room.capacity },
    { resource: b.staff[0].staffId, start, end, cap: s.cap },
  ];
}

/** Instants where more than min(cap) of these uses overlap. */
function overbooked(list: Use[]): boolean {
  const points = [...new Set(list.flatMap((u) => [u.start]))];
  return points.some((t) => {
    const active = list.filter((u) => u.start <= t && t < u.end);
    return active.length > Math.min(...active.map((u) => u.cap));
  });
}

export interface RaceReport {
  requests: number;
  sent: number;
  created: number;
  refused: number;
  statuses: Record<string, number>;
  /** Problems found; empty when the race went right. */
  problems: string[];
}

/** Checks the replies and the database after a race. */
export async function checkRace(
  sql: Sql,
  cat: RaceCatalog,
  requests: RaceRequest[],
  replies: HttpReply[][],
): Promise<RaceReport> {
  const problems: string[] = [];
  const statuses: Record<string, number> = {};
  replies.flat().forEach((r) => (statuses[r.status] = (statuses[r.status] ?? 0) + 1));
  for (const s of Object.keys(statuses)) {
    if (s !== '201' && s !== '409') problems.push(`status ${s} × ${statuses[s]}`);
  }
  const rows = await sql(
    `SELECT id, enrollment_id, series_id, index FROM appointment
      WHERE enrollment_id = ANY($1::uuid[]) AND status = 'booked'`,
    [cat.enrollments.map((e) => e.id)],
  );
  const key = (b: Record<string, unknown>) =>
    `${String(b.enrollment_id ?? b.enrollmentId)}/${String(b.series_id ?? b.series)}/${String(b.index)}`;
  const stored = new Map(rows.map((r) => [key(r), String(r.id)]));
  const accepted: RaceRequest[] = [];
  requests.forEach((r, i) => {
    const answers = replies[i];
    const ids = new Set(answers.map((a) => (a.status === 201 ? String(a.body.id) : `${a.status}`)));
    if (ids.size !== 1)
      problems.push(`request ${i}: its copies got different answers ${[...ids].join(', ')}`);
    const created = answers.find((a) => a.status === 201);
    if (created) {
      accepted.push(r);
      if (stored.get(key({ ...r.body })) !== created.body.id)
        problems.push(`request ${i}: 201 but not stored as answered`);
    } else if (stored.has(key({ ...r.body }))) problems.push(`request ${i}: refused but stored`);
  });
  if (stored.size !== accepted.length) {
    problems.push(`${stored.size} appointments stored for ${accepted.length} accepted requests`);
  }
  const byResource = new Map<string, Use[]>();
  for (const u of accepted.flatMap((r) => uses(cat, r.body))) {
    byResource.set(u.resource, [...(byResource.get(u.resource) ?? []), u]);
  }
  for (const [resource, list] of byResource) {
    if (overbooked(list)) problems.push(`resource ${resource} is overbooked`);
  }
  requests.forEach((r, i) => {
    if (replies[i][0].status !== 409) return;
    const fits = uses(cat, r.body).every(
      (u) => !overbooked([...(byResource.get(u.resource) ?? []), u]),
    );
    if (fits) problems.push(`request ${i} was refused (409) but fits next to everything accepted`);
  });
  const [lanes] = await sql(
    `SELECT count(*)::int AS n FROM resource_booking a JOIN resource_booking b
        ON a.resource_id = b.resource_id AND a.id < b.id AND a.during && b.during AND a.lanes && b.lanes
       AND (a.claim = 'hold' OR b.claim = 'hold')
     WHERE a.clinic_id = (SELECT clinic_id FROM enrollment WHERE id = $1)`,
    [cat.enrollments[0].id],
  );
  if (Number(lanes.n) !== 0) problems.push(`${String(lanes.n)} overlapping lane rows`);
  return {
    requests: requests.length,
    sent: replies.flat().length,
    created: accepted.length,
    refused: requests.length - accepted.length,
    statuses,
    problems,
  };
}
