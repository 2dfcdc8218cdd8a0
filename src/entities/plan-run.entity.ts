import { Check, Column, Entity, Index } from 'typeorm';
import { ClinicScopedEntity } from './clinic-scoped.entity';

export const PLAN_RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'committed',
  'stale',
] as const;
export type PlanRunStatus = (typeof PLAN_RUN_STATUSES)[number];

/**
 * A plan run: a planning problem built from the clinic's stored data, solved as a background
 * job, then (maybe) committed as appointments. The row is the job: instances claim a queued
 * row (`FOR UPDATE SKIP LOCKED`) and hold it with a lease they renew while the solver runs;
 * a row whose lease ran out is claimed again by another instance (see
 * PlanRunRepository.claim and docs/architecture.md "Plan runs").
 *
 * Everything the GET shows is kept here as JSON: the problem document exactly as solved, the
 * names of the ids it uses (taken when the run was made), the fingerprint of its inputs
 * (checked again at commit), progress, the solution and the error of a failed run.
 */
@Entity('plan_run')
@Index(['clinicId', 'createdAt', 'id'])
@Index(['status', 'createdAt'])
@Check(
  'plan_run_status_check',
  `"status" IN ('queued', 'running', 'succeeded', 'failed', 'committed', 'stale')`,
)
export class PlanRunEntity extends ClinicScopedEntity {
  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status: PlanRunStatus;

  /** What was asked: `{ cohortId?, enrollmentIds, repair, timeLimitMs, seed }`. */
  @Column({ type: 'jsonb' })
  request: PlanRunRequest;

  /** The planning-format document, exactly as solved. */
  @Column({ type: 'jsonb' })
  problem: unknown;

  /** Names of the ids the problem uses (patients, staff, rooms, session types). */
  @Column({ type: 'jsonb' })
  names: unknown;

  /** What the run's inputs were; compared again at commit (stale when it differs). */
  @Column({ type: 'jsonb' })
  fingerprint: unknown;

  /** Solver progress while running: patients placed, best score, elapsed. */
  @Column({ type: 'jsonb', nullable: true })
  progress: unknown;

  /** The solution document (validated) once succeeded. */
  @Column({ type: 'jsonb', nullable: true })
  solution: unknown;

  /** `{ code, message }` of a failed run, or the changes that made it stale. */
  @Column({ type: 'jsonb', nullable: true })
  error: unknown;

  /** How many times an instance claimed the job (a claim after a lost lease counts again). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The instance holding the job while running (random id per process). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  /** The lease runs out then (database time); renewed by the owner's heartbeat. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  committedAt: Date | null;

  /** The API key that started the run (null for the operator). */
  @Column({ type: 'uuid', nullable: true })
  createdByKeyId: string | null;
}

export interface PlanRunRequest {
  cohortId: string | null;
  enrollmentIds: string[];
  repair: boolean;
  timeLimitMs: number;
  seed: number | null;
}
