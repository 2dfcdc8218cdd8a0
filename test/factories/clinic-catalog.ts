import type { ProtocolDefinition } from '../../src/domain/catalog/protocol-definition';
import type { DataSource } from 'typeorm';
import type { Agent, TestApp, TestClinic } from '../harness/test-app';

/**
 * Builds a small clinic catalog over the HTTP API (as a director): prescriber and nurse staff,
 * an infusion bay, a therapy room, and the session types of the IV M/W/F starter template.
 */
export async function seedIvCatalog(clinic: TestClinic): Promise<void> {
  const director = clinic.as('director');
  const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }];
  await post(director, '/v1/staff', {
    name: 'Dr. A',
    roles: ['prescriber'],
    availability: weekdays,
  });
  await post(director, '/v1/staff', { name: 'RN B', roles: ['rn'], availability: weekdays });
  await post(director, '/v1/rooms', { name: 'Bay 1', features: ['infusion', 'monitoring'] });
  await post(director, '/v1/rooms', { name: 'Room 1', features: ['therapy'] });
  await post(director, '/v1/session-types', {
    code: 'intake',
    name: 'Intake',
    durationMinutes: 60,
    room: { features: ['therapy'] },
    staff: [{ role: 'prescriber', count: 1 }],
  });
  await post(director, '/v1/session-types', {
    code: 'ketamine-iv',
    name: 'IV ketamine',
    durationMinutes: 120,
    room: { features: ['infusion', 'monitoring'], turnoverMinutes: 15 },
    staff: [
      { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 },
      { role: 'rn', count: 1, maxConcurrent: 2 },
    ],
  });
}

/** An IV ketamine protocol definition valid against `seedIvCatalog`. */
export function ivDefinition(): ProtocolDefinition {
  return {
    spanDays: { max: 21 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'dose',
        sessionType: 'ketamine-iv',
        count: { min: 6, max: 8, default: 6 },
        gapHours: { min: 44, max: 100 },
        days: ['MO', 'WE', 'FR'],
      },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 20, max: 168 },
      },
    ],
    patientDay: { start: '08:00', end: '18:00', maxSessions: 2 },
    restDays: ['SA', 'SU'],
  };
}

/** Creates a protocol with `ivDefinition()` and publishes version 1; returns the protocol. */
export async function publishedIvProtocol(
  clinic: TestClinic,
  code = 'iv-mwf',
): Promise<{ id: string; code: string }> {
  const director = clinic.as('director');
  const protocol = await post(director, '/v1/protocols', {
    code,
    name: 'IV ketamine M/W/F',
    definition: ivDefinition(),
  });
  await post(director, `/v1/protocols/${protocol.id}/versions/1/publish`, undefined, 200);
  return protocol as { id: string; code: string };
}

export async function createPatient(
  clinic: TestClinic,
  body: Record<string, unknown> = {},
): Promise<{ id: string }> {
  return (await post(clinic.as('frontdesk'), '/v1/patients', {
    displayName: 'Test Patient',
    initials: 'TP',
    ...body,
  })) as { id: string };
}

export async function post(
  agent: Agent,
  url: string,
  body?: unknown,
  status = 201,
): Promise<Record<string, unknown> & { id: string }> {
  const req = agent.post(url);
  const res = body === undefined ? await req : await req.send(body as object);
  if (res.status !== status) {
    throw new Error(`POST ${url} -> ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as Record<string, unknown> & { id: string };
}

/** A clinic with the IV catalog (see seedIvCatalog). */
export async function clinicWithIvCatalog(t: () => TestApp): Promise<TestClinic> {
  const clinic = await t().createClinic();
  await seedIvCatalog(clinic);
  return clinic;
}

/** Row counts of the protocol tables and the audit log (to show a refused write changed nothing). */
export async function protocolRowCounts(dataSource: DataSource) {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM protocol)::int AS protocols,
            (SELECT count(*) FROM protocol_version)::int AS versions,
            (SELECT count(*) FROM audit_log)::int AS audits`,
  );
  return row as { protocols: number; versions: number; audits: number };
}
