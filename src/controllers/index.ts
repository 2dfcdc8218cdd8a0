import { ApiKeyController } from './api-key.controller';
import { AuditLogController } from './audit-log.controller';
import { ClinicController } from './clinic.controller';
import { HealthController } from './health.controller';
import { StaffController } from './staff.controller';
import { RoomController } from './room.controller';
import { SessionTypeController } from './session-type.controller';

/** Every controller, registered by AppModule. Add yours here (one line). */
export const controllers = [
  ApiKeyController,
  AuditLogController,
  ClinicController,
  HealthController,
  StaffController,
  RoomController,
  SessionTypeController,
];
