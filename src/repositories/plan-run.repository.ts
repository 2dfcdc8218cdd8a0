import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PlanRunEntity, PlanRunStatus } from '../entities/plan-run.entity';
import { KeysetAfter, keysetPage } from './keyset';
import { TenantRepository } from './tenant.repository';

/** Rows of `UPDATE ... RETURNING` (TypeORM's postgres driver answers `[rows, count]` for it). */
function returned<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

/** Statuses of a run that still waits for or holds a solver. */
export const ACTIVE_RUN_STATUSES: readonly PlanRunStatus[] = ['queued', 'running'];

/**
 * Plan runs: the rows and the job queue they are. All the queue's SQL is here:
 *
 * - `claim`: the next job for an instance, `FOR UPDATE SKIP LOCKED` (instances never wait for
 *   each other's claims), fair across clinics: the clinic with the fewest running jobs first,
 *   then the clinic served longest ago, then the oldest queued run. A `running` row whose lease
 *   ran out (its instance died or hung) is claimable like a queued one.
 * - `heartbeat`: the owner renews its lease (and stores progress); 0 rows = the lease was lost.
 * - `finish` / `release`: only the lease owner of a running row can end or give back the job.
 *
 * Lease times are the database's clock (`now()`), the same for every instance.
 */
@Injectable()
export class PlanRunRepository extends TenantRepository<PlanRunEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, PlanRunEntity, 'Plan run');
  }

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Oldest first (creation, id). */
  page(
    clinicId: string,
    query: { limit: number; after?: KeysetAfter; status?: PlanRunStatus },
  ): Promise<PlanRunEntity[]> {
    const qb = this.repo().createQueryBuilder('r').where('r.clinicId = :clinicId', { clinicId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    return keysetPage(qb, 'createdAt', 'timestamptz', query.after, query.limit);
  }

  /**
   * Queued and running runs of the clinic, counted under a transaction-scoped lock of the
   * clinic's queue, so two instances cannot both add the run that goes over the limit.
   */
  async lockAndCountActive(clinicId: string, manager: EntityManager): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `plan_run:${clinicId}`,
    ]);
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM plan_run WHERE clinic_id = $1 AND status IN ('queued', 'running')`,
      [clinicId],
    );
    return (row as { n: number }).n;
  }

  /**
   * Running rows whose lease ran out after `maxAttempts` claims: failed (the job keeps
   * killing or losing its instance). Returns how many.
   */
  async failExhausted(maxAttempts: number, manager?: EntityManager): Promise<number> {
    const rows = returned(
      await this.m(manager).query(
        `UPDATE plan_run
          SET status = 'failed', lease_owner = NULL, lease_until = NULL, finished_at = now(),
              updated_at = now(),
              error = jsonb_build_object('code', 'PLAN_RUN_FAILED', 'message',
                'the run was started ' || attempts || ' times and each time its instance stopped before it finished')
        WHERE status = 'running' AND lease_until < now() AND attempts >= $1
        RETURNING id`,
        [maxAttempts],
      ),
    );
    return rows.length;
  }

  /** The next job for `owner` (see the class comment), now running under its lease; or null. */
  async claim(owner: string, leaseMs: number, manager?: EntityManager): Promise<string | null> {
    const rows = returned<{ id: string }>(
      await this.m(manager).query(
        `WITH next AS (
         SELECT r.id FROM plan_run r
          WHERE r.status = 'queued' OR (r.status = 'running' AND r.lease_until < now())
          ORDER BY
            (SELECT count(*) FROM plan_run x
              WHERE x.clinic_id = r.clinic_id AND x.status = 'running' AND x.lease_until >= now()),
            (SELECT max(y.started_at) FROM plan_run y WHERE y.clinic_id = r.clinic_id) NULLS FIRST,
            r.created_at, r.id
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
       UPDATE plan_run p
          SET status = 'running', lease_owner = $1,
              lease_until = now() + make_interval(secs => $2::float8 / 1000),
              attempts = p.attempts + 1, started_at = now(), updated_at = now()
         FROM next WHERE p.id = next.id
       RETURNING p.id`,
        [owner, leaseMs],
      ),
    );
    return rows[0]?.id ?? null;
  }

  /** Renews the lease and stores progress; false when `owner` no longer holds the job. */
  async heartbeat(
    id: string,
    owner: string,
    leaseMs: number,
    progress?: unknown,
  ): Promise<boolean> {
    const rows = returned(
      await this.dataSource.query(
        `UPDATE plan_run
          SET lease_until = now() + make_interval(secs => $3::float8 / 1000),
              progress = COALESCE($4::jsonb, progress), updated_at = now()
        WHERE id = $1 AND lease_owner = $2 AND status = 'running'
        RETURNING id`,
        [id, owner, leaseMs, progress === undefined ? null : JSON.stringify(progress)],
      ),
    );
    return rows.length > 0;
  }

  /** Ends the job (succeeded with a solution, or failed with an error); false if not the owner. */
  async finish(
    id: string,
    owner: string,
    outcome: { status: 'succeeded'; solution: unknown } | { status: 'failed'; error: unknown },
  ): Promise<boolean> {
    const rows = returned(
      await this.dataSource.query(
        `UPDATE plan_run
          SET status = $3, solution = $4::jsonb, error = $5::jsonb, lease_owner = NULL,
              lease_until = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND lease_owner = $2 AND status = 'running'
        RETURNING id`,
        [
          id,
          owner,
          outcome.status,
          outcome.status === 'succeeded' ? JSON.stringify(outcome.solution) : null,
          outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
        ],
      ),
    );
    return rows.length > 0;
  }

  /** Gives the job back to the queue (this instance is busy or shutting down). */
  async release(id: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE plan_run
          SET status = 'queued', lease_owner = NULL, lease_until = NULL, progress = NULL,
              attempts = GREATEST(attempts - 1, 0), updated_at = now()
        WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
      [id, owner],
    );
  }

  /** The job's row without a tenant filter (the worker acts for whichever clinic it claimed). */
  byId(id: string): Promise<PlanRunEntity | null> {
    return this.repo().findOneBy({ id });
  }
}
