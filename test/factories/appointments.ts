import type { Agent, TestClinic } from '../harness/test-app';
import { createPatient, post, publishedIvProtocol, seedIvCatalog } from './clinic-catalog';

/** A clock the tests move (registered as the app's CLOCK). */
export class TestClock {
  constructor(private at: Date) {}
  now(): Date {
    return this.at;
  }
  set(iso: string): void {
    this.at = new Date(iso);
  }
}

/** Ids of the IV catalog (see seedIvCatalog) by name. */
export interface IvClinic {
  clinic: TestClinic;
  protocolId: string;
  staff: Record<'drA' | 'rnB', string>;
  rooms: Record<'bay1' | 'room1', string>;
}

async function idsByName(agent: Agent, url: string): Promise<Map<string, string>> {
  const res = await agent.get(`${url}?limit=200`).expect(200);
  return new Map((res.body.items as { id: string; name: string }[]).map((i) => [i.name, i.id]));
}

/** The IV catalog and protocol (intake; dose: 120 min, gap 44–100 h, M/W/F; 08:00–18:00). */
export async function ivClinic(clinic: TestClinic): Promise<IvClinic> {
  await seedIvCatalog(clinic);
  const protocol = await publishedIvProtocol(clinic);
  const director = clinic.as('director');
  const staff = await idsByName(director, '/v1/staff');
  const rooms = await idsByName(director, '/v1/rooms');
  return {
    clinic,
    protocolId: protocol.id,
    staff: { drA: staff.get('Dr. A')!, rnB: staff.get('RN B')! },
    rooms: { bay1: rooms.get('Bay 1')!, room1: rooms.get('Room 1')! },
  };
}

/** A new patient enrolled in the IV protocol for March–April 2027; returns the enrollment. */
export async function enrollPatient(
  iv: IvClinic,
  body: Record<string, unknown> = {},
): Promise<{ id: string; patientId: string }> {
  const patient = await createPatient(iv.clinic);
  const e = await post(iv.clinic.as('frontdesk'), '/v1/enrollments', {
    patientId: patient.id,
    protocolId: iv.protocolId,
    version: 1,
    earliestStart: '2027-03-01',
    latestEnd: '2027-04-30',
    ...body,
  });
  return { id: e.id, patientId: patient.id };
}

/** Body of a dose booking (Bay 1, Dr. A as prescriber, RN B as nurse). */
export function doseBody(iv: IvClinic, enrollmentId: string, index: number, start: string) {
  return {
    enrollmentId,
    series: 'dose',
    index,
    start,
    roomId: iv.rooms.bay1,
    staff: [
      { staffId: iv.staff.drA, role: 'prescriber' },
      { staffId: iv.staff.rnB, role: 'rn' },
    ],
  };
}

/** Body of an intake booking (Room 1, Dr. A). */
export function intakeBody(iv: IvClinic, enrollmentId: string, start: string) {
  return {
    enrollmentId,
    series: 'intake',
    index: 1,
    start,
    roomId: iv.rooms.room1,
    staff: [{ staffId: iv.staff.drA, role: 'prescriber' }],
  };
}
