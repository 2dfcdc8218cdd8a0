import type { ModuleRef } from '@nestjs/core';
import type { CreateRoomDto } from '../dtos/room.dto';
import type { CreateStaffDto } from '../dtos/staff.dto';
import type { Actor } from '../services/actor';
import { CohortService } from '../services/cohort.service';
import { EnrollmentService } from '../services/enrollment.service';
import { PatientService } from '../services/patient.service';
import { ProtocolTemplateService } from '../services/protocol-template.service';
import { ProtocolVersionService } from '../services/protocol-version.service';
import { RoomService } from '../services/room.service';
import { StaffService } from '../services/staff.service';
import type { DemoSeedStep } from './demo-steps';

/** The starter template the demo clinic runs (copied, then published). */
export const DEMO_TEMPLATE_ID = 'iv-ketamine-6-mwf';

const weekly = (days: string, start: string, end: string) => ({
  rrule: `FREQ=WEEKLY;BYDAY=${days}`,
  start,
  end,
});

export const DEMO_STAFF: CreateStaffDto[] = [
  {
    name: 'Dr. Amara Okafor',
    roles: ['prescriber'],
    availability: [weekly('MO,TU,WE,TH,FR', '08:00', '17:00')],
    limits: { maxSessionsPerDay: 8 },
  },
  {
    name: 'Dr. Daniel Reyes',
    roles: ['prescriber'],
    availability: [weekly('MO,WE,FR', '08:00', '14:00')],
  },
  {
    name: 'Sam Ortiz, RN',
    roles: ['rn'],
    availability: [weekly('MO,TU,WE,TH,FR', '07:30', '17:30')],
  },
  { name: 'Priya Nair, RN', roles: ['rn'], availability: [weekly('MO,WE,FR', '08:00', '18:00')] },
  {
    name: 'Jo Lindqvist, LMFT',
    roles: ['kap-therapist', 'ifs-therapist'],
    availability: [weekly('TU,TH', '09:00', '18:00')],
  },
  {
    name: 'Maya Chen, LCSW',
    roles: ['emdr-therapist'],
    availability: [weekly('MO,TU,WE,TH', '09:00', '17:00')],
  },
  {
    name: 'Ravi Patel, PhD',
    roles: ['ifs-therapist', 'emdr-therapist'],
    availability: [weekly('MO,WE,FR', '10:00', '18:00')],
  },
] as CreateStaffDto[];

export const DEMO_ROOMS: CreateRoomDto[] = [
  { name: 'Infusion bays A', features: ['infusion', 'monitoring'], capacity: 2 },
  { name: 'Infusion bay B', features: ['infusion', 'monitoring'], capacity: 1 },
  { name: 'Therapy room 1', features: ['therapy'] },
  { name: 'Therapy room 2', features: ['therapy'] },
] as CreateRoomDto[];

/** Display names only (invented); the seed stores nothing clinical. */
export const DEMO_PATIENTS = [
  { displayName: 'Alex M.', initials: 'AM', externalRef: 'DEMO-001' },
  { displayName: 'Brooke T.', initials: 'BT', externalRef: 'DEMO-002' },
  { displayName: 'Chris O.', initials: 'CO', externalRef: 'DEMO-003' },
  { displayName: 'Dana W.', initials: 'DW', externalRef: 'DEMO-004' },
];

export const DEMO_COHORT = {
  name: 'March 2027 IV cohort',
  startDate: '2027-03-08',
  endDate: '2027-03-26',
};

/**
 * Staff, rooms, the IV M/W/F starter protocol (its session types come with the copy) published
 * as version 1, and four patients enrolled in one cohort. Everything goes through the services,
 * so it is validated and audited like API writes.
 */
export const DEMO_CATALOG_STEPS: DemoSeedStep[] = [
  {
    name: 'staff and rooms',
    async run(moduleRef: ModuleRef, actor: Actor) {
      for (const staff of DEMO_STAFF) await moduleRef.get(StaffService).create(actor, staff);
      for (const room of DEMO_ROOMS) await moduleRef.get(RoomService).create(actor, room);
    },
  },
  {
    name: 'protocol, patients, cohort',
    async run(moduleRef: ModuleRef, actor: Actor) {
      const copy = await moduleRef.get(ProtocolTemplateService).copy(actor, DEMO_TEMPLATE_ID, {});
      const protocolId = copy.protocol.id;
      await moduleRef.get(ProtocolVersionService).publish(actor, protocolId, 1);
      const cohort = await moduleRef
        .get(CohortService)
        .create(actor, { ...DEMO_COHORT, protocolId });
      for (const patient of DEMO_PATIENTS) {
        const created = await moduleRef.get(PatientService).create(actor, patient);
        await moduleRef.get(EnrollmentService).create(actor, {
          patientId: created.id,
          protocolId,
          version: 1,
          earliestStart: DEMO_COHORT.startDate,
          latestEnd: DEMO_COHORT.endDate,
          cohortId: cohort.id,
        });
      }
    },
  },
];
