import type { ModuleRef } from '@nestjs/core';
import type { Actor } from '../services/actor';
import { DEMO_CATALOG_STEPS } from './demo-catalog';

/**
 * What the demo seed adds to the demo clinic after creating it and its first key. Each step
 * gets the Nest ModuleRef (use `moduleRef.get(SomeService)`) and a director actor of the demo
 * clinic, and goes through services so its writes are validated and audited.
 *
 * Colleagues: append a step per resource (staff, rooms, session types, protocol, patients).
 */
export interface DemoSeedStep {
  name: string;
  run(moduleRef: ModuleRef, actor: Actor): Promise<void>;
}

export const DEMO_SEED_STEPS: DemoSeedStep[] = [...DEMO_CATALOG_STEPS];

export const DEMO_CLINIC = {
  name: 'Demo Clinic',
  timeZone: 'America/New_York',
  slotMinutes: 15,
  closures: ['2027-12-25', '2028-01-01'],
};
