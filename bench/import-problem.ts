/**
 * Loads a planning problem's clinic into a clinic of the app over its HTTP API: staff, rooms,
 * session types, each protocol (published as version 1), a patient and an enrollment per
 * problem patient. For benchmarks and multi-process tests of plan runs (the problem's ids
 * become names and codes; `existing` and `busy` are not imported).
 */
import type { Problem } from '../src/domain/planning/format';
import type { Http } from './app-processes';

export interface Imported {
  enrollmentIds: string[];
}

async function must(http: Http, method: 'POST' | 'PATCH', path: string, body?: unknown) {
  const res = await http(method, path, body);
  if (res.status >= 300) {
    throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  }
  return res.body as { id: string };
}

/** `director` for the catalog, `desk` for patients and enrollments. */
export async function importProblem(director: Http, desk: Http, p: Problem): Promise<Imported> {
  await must(director, 'PATCH', '/v1/clinic', {
    slotMinutes: p.clinic.slotMinutes ?? 15,
    closures: p.clinic.closures ?? [],
  });
  for (const s of p.staff) {
    await must(director, 'POST', '/v1/staff', {
      name: s.id,
      roles: s.roles,
      availability: s.availability,
      timeOff: s.timeOff ?? [],
      ...(s.limits && { limits: s.limits }),
    });
  }
  for (const r of p.rooms) {
    await must(director, 'POST', '/v1/rooms', {
      name: r.id,
      features: r.features,
      capacity: r.capacity ?? 1,
      ...(r.availability && { availability: r.availability }),
      timeOff: r.timeOff ?? [],
    });
  }
  for (const t of p.sessionTypes) {
    await must(director, 'POST', '/v1/session-types', {
      code: t.id,
      name: t.id,
      durationMinutes: t.durationMinutes,
      room: t.room,
      staff: t.staff,
      ...(t.group && { group: t.group }),
    });
  }
  const protocols = new Map<string, string>();
  for (const pr of p.protocols) {
    const { id: code, ...definition } = pr;
    const created = await must(director, 'POST', '/v1/protocols', {
      code,
      name: code,
      definition,
    });
    await must(director, 'POST', `/v1/protocols/${created.id}/versions/1/publish`);
    protocols.set(code, created.id);
  }
  const enrollmentIds: string[] = [];
  for (const patient of p.patients) {
    const created = await must(desk, 'POST', '/v1/patients', {
      displayName: `Patient ${patient.id}`,
      initials: 'PP',
      externalRef: patient.id,
    });
    const enrollment = await must(desk, 'POST', '/v1/enrollments', {
      patientId: created.id,
      protocolId: protocols.get(patient.protocol),
      version: 1,
      ...(patient.counts && { counts: patient.counts }),
      earliestStart: patient.earliestStart ?? p.horizon.start,
      latestEnd: patient.latestEnd ?? p.horizon.end,
      unavailable: patient.unavailable ?? [],
    });
    enrollmentIds.push(enrollment.id);
  }
  return { enrollmentIds };
}
