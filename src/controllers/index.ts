import { ApiKeyController } from './api-key.controller';
import { AuditLogController } from './audit-log.controller';
import { ClinicController } from './clinic.controller';
import { HealthController } from './health.controller';
import { PlanController } from './plan.controller';
import { StaffController } from './staff.controller';
import { RoomController } from './room.controller';
import { SessionTypeController } from './session-type.controller';
import { ProtocolController } from './protocol.controller';
import { ProtocolVersionController } from './protocol-version.controller';
import { ProtocolTemplateController } from './protocol-template.controller';
import { PatientController } from './patient.controller';
import { EnrollmentController } from './enrollment.controller';
import { CohortController } from './cohort.controller';
import { AppointmentController } from './appointment.controller';
import { CalendarFeedController } from './calendar-feed.controller';
import { FeedCalendarController } from './feed-calendar.controller';
import { PlanRunController } from './plan-run.controller';
import { AffectedAppointmentController } from './affected-appointment.controller';
import { CohortRepinController } from './cohort-repin.controller';

/** Every controller, registered by AppModule. Add yours here (one line). */
export const controllers = [
  ApiKeyController,
  AuditLogController,
  ClinicController,
  HealthController,
  PlanController,
  StaffController,
  RoomController,
  SessionTypeController,
  ProtocolController,
  ProtocolVersionController,
  ProtocolTemplateController,
  PatientController,
  EnrollmentController,
  CohortController,
  AppointmentController,
  CalendarFeedController,
  FeedCalendarController,
  PlanRunController,
  AffectedAppointmentController,
  CohortRepinController,
];
