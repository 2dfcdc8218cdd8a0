import { Inject, Injectable } from '@nestjs/common';
import { HealthDto } from '../dtos/health.dto';
import { DATABASE } from '../infra/database/database.module';
import type { Database } from '../infra/database/database-options';
import { HealthRepository } from '../repositories/health.repository';

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async check(): Promise<HealthDto> {
    const databaseKind = this.database.kind;
    try {
      await this.health.ping();
      return { status: 'ok', database: 'up', databaseKind };
    } catch {
      return { status: 'unavailable', database: 'down', databaseKind };
    }
  }
}
