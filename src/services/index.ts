import { ApiKeyService } from './api-key.service';
import { AuditLogService } from './audit-log.service';
import { ClinicService } from './clinic.service';
import { HealthService } from './health.service';
import { PlanningService } from './planning.service';
import { Transactions } from './transactions';
import { StaffService } from './staff.service';
import { RoomService } from './room.service';
import { SessionTypeService } from './session-type.service';
import { ProtocolService } from './protocol.service';
import { ProtocolVersionService } from './protocol-version.service';
import { ProtocolTemplateService } from './protocol-template.service';
import { PatientService } from './patient.service';
import { EnrollmentService } from './enrollment.service';
import { CohortService } from './cohort.service';
import { AppointmentService } from './appointment.service';
import { AppointmentBooking } from './appointment-booking';
import { LanePlanner } from './lane-planner';
import { BookingRules } from './booking-rules';
import { IdempotentWrites } from './idempotent-writes';
import { CalendarFeedService } from './calendar-feed.service';
import { FeedCalendarService } from './feed-calendar.service';
import { FeedFetchLog } from './feed-fetch-log';
import { FeedTokenCache } from './feed-token-cache';
import { PlanRunService } from './plan-run.service';
import { PlanRunCommits } from './plan-run-commit';
import { PlanRunBooking } from './plan-run-booking';
import { PlanRunInputs } from './plan-run-inputs';
import { PlanRunWorker } from './plan-run-worker';
import { AffectedAppointments } from './affected-appointments';
import { CohortRepin } from './cohort-repin';
import { AppointmentMoves } from './appointment-moves';
import { MoveContextLoader } from './move-context';

/** Every service, registered as a provider by AppModule. Add yours here (one line). */
export const services = [
  ApiKeyService,
  AuditLogService,
  ClinicService,
  HealthService,
  PlanningService,
  Transactions,
  StaffService,
  RoomService,
  SessionTypeService,
  ProtocolService,
  ProtocolVersionService,
  ProtocolTemplateService,
  PatientService,
  EnrollmentService,
  CohortService,
  AppointmentService,
  AppointmentBooking,
  LanePlanner,
  BookingRules,
  IdempotentWrites,
  CalendarFeedService,
  FeedCalendarService,
  FeedFetchLog,
  FeedTokenCache,
  PlanRunService,
  PlanRunBooking,
  PlanRunCommits,
  PlanRunInputs,
  PlanRunWorker,
  AffectedAppointments,
  CohortRepin,
  AppointmentMoves,
  MoveContextLoader,
];
