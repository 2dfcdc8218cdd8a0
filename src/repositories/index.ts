import { ApiKeyRepository } from './api-key.repository';
import { AuditLogRepository } from './audit-log.repository';
import { ClinicRepository } from './clinic.repository';
import { HealthRepository } from './health.repository';
import { StaffRepository } from './staff.repository';
import { RoomRepository } from './room.repository';
import { SessionTypeRepository } from './session-type.repository';
import { ProtocolRepository } from './protocol.repository';
import { ProtocolVersionRepository } from './protocol-version.repository';
import { ProtocolCatalogRepository } from './protocol-catalog.repository';
import { PatientRepository } from './patient.repository';
import { EnrollmentRepository } from './enrollment.repository';
import { CohortRepository } from './cohort.repository';
import { AppointmentRepository } from './appointment.repository';
import { MoveContextRepository } from './move-context.repository';
import { ResourceBookingRepository } from './resource-booking.repository';
import { IdempotencyKeyRepository } from './idempotency-key.repository';
import { CalendarFeedRepository } from './calendar-feed.repository';
import { FeedContentRepository } from './feed-content.repository';
import { PlanRunRepository } from './plan-run.repository';
import { PlanRunInputsRepository } from './plan-run-inputs.repository';
import { AffectedAppointmentRepository } from './affected-appointment.repository';

/** Every repository, registered as a provider by AppModule. Add yours here (one line). */
export const repositories = [
  ApiKeyRepository,
  AuditLogRepository,
  ClinicRepository,
  HealthRepository,
  StaffRepository,
  RoomRepository,
  SessionTypeRepository,
  ProtocolRepository,
  ProtocolVersionRepository,
  ProtocolCatalogRepository,
  PatientRepository,
  EnrollmentRepository,
  CohortRepository,
  AppointmentRepository,
  MoveContextRepository,
  ResourceBookingRepository,
  IdempotencyKeyRepository,
  CalendarFeedRepository,
  FeedContentRepository,
  PlanRunRepository,
  PlanRunInputsRepository,
  AffectedAppointmentRepository,
];
