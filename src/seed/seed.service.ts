import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Logger } from 'pino';
import { AppConfig } from '../infra/config/app-config';
import { APP_CONFIG } from '../infra/config/config.module';
import { LOGGER } from '../infra/logging/logger.module';
import { operatorActor } from '../services/actor';
import { ApiKeyService } from '../services/api-key.service';
import { ClinicService } from '../services/clinic.service';
import { DEMO_CLINIC, DEMO_SEED_STEPS } from './demo-steps';

/** Seeds the demo clinic on the first start with an empty database, unless SEED_DEMO=false. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clinics: ClinicService,
    private readonly apiKeys: ApiKeyService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo || (await this.clinics.count()) > 0) return;
    const { clinicId, secret } = await this.seedDemo();
    // Deliberately not through the logger: a human copies this once; it is never logged.
    process.stdout.write(
      [
        '',
        `Demo clinic seeded (id ${clinicId}). Its director API key, shown only this once:`,
        '',
        `  export KPS_KEY=${secret}`,
        '',
        '',
      ].join('\n'),
    );
  }

  async seedDemo(): Promise<{ clinicId: string; secret: string }> {
    const clinic = await this.clinics.create(DEMO_CLINIC, 'seed');
    const actor = operatorActor(clinic.id, 'seed');
    const key = await this.apiKeys.create(actor, { name: 'demo director', role: 'director' });
    for (const step of DEMO_SEED_STEPS) {
      await step.run(this.moduleRef, actor);
      this.logger.debug({ step: step.name }, 'demo seed step done');
    }
    this.logger.info({ clinicId: clinic.id, steps: DEMO_SEED_STEPS.length }, 'demo clinic seeded');
    return { clinicId: clinic.id, secret: key.secret };
  }
}
