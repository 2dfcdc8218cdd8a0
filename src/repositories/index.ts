import { ApiKeyRepository } from './api-key.repository';
import { AuditLogRepository } from './audit-log.repository';
import { ClinicRepository } from './clinic.repository';
import { HealthRepository } from './health.repository';
import { StaffRepository } from './staff.repository';
import { RoomRepository } from './room.repository';
import { SessionTypeRepository } from './session-type.repository';

/** Every repository, registered as a provider by AppModule. Add yours here (one line). */
export const repositories = [
  ApiKeyRepository,
  AuditLogRepository,
  ClinicRepository,
  HealthRepository,
  StaffRepository,
  RoomRepository,
  SessionTypeRepository,
];
