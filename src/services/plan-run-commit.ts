import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, DomainError, FieldIssue } from '../domain/errors';
import { fingerprintChanges, type RunFingerprint } from '../domain/plan-runs/fingerprint';
import { proposalOf, type ProposedAppointment, type RunNames } from '../domain/plan-runs/proposal';
import type { Problem, Solution } from '../domain/planning/format';
import { PlanRunCommitDto } from '../dtos/plan-run.dto';
import type { PlanRunEntity } from '../entities/plan-run.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { PlanRunRepository } from '../repositories/plan-run.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { Actor } from './actor';
import { AppointmentBooking } from './appointment-booking';
import { IdempotentWrites } from './idempotent-writes';
import type { RunScope } from './plan-run-inputs';
import { PlanRunInputs } from './plan-run-inputs';
import { PlanRunService } from './plan-run.service';
import { Transactions, WriteTx } from './transactions';

/** Thrown inside the commit's transaction when the inputs changed: rolled back, then recorded. */
class StaleRun extends ConflictError {
  constructor(issues: FieldIssue[]) {
    super(
      `What this plan run was made from changed since (${issues.length} change${issues.length === 1 ? '' : 's'}); start a new run`,
      'PLAN_RUN_STALE',
      issues,
    );
  }
}

/**
 * `POST /v1/plan-runs/{id}/commit`: the run's proposal becomes appointments in one transaction,
 * all or nothing. First the fingerprint of the run's inputs is taken again and compared
 * (a difference: 409 PLAN_RUN_STALE naming each change, and the run becomes `stale`); then
 * appointments the plan moves or drops are cancelled (their lanes released), kept ones the plan
 * numbers differently get their new index, and every new session is booked through the same
 * path as a hand booking (AppointmentBooking: locks, lane rows, the EXCLUDE constraints, the
 * protocol and calendar checks). Any refusal rolls everything back (409 naming the session).
 */
@Injectable()
export class PlanRunCommits {
  constructor(
    private readonly runs: PlanRunRepository,
    private readonly inputs: PlanRunInputs,
    private readonly appointments: AppointmentRepository,
    private readonly bookings: ResourceBookingRepository,
    private readonly booking: AppointmentBooking,
    private readonly writes: IdempotentWrites,
    private readonly tx: Transactions,
    private readonly service: PlanRunService,
  ) {}

  async commit(actor: Actor, id: string, key?: string): Promise<PlanRunCommitDto> {
    const route = `POST /v1/plan-runs/${id}/commit`;
    const request = key ? { key, route, body: {} } : undefined;
    try {
      return await this.writes.write(actor, request, (tx) => this.apply(actor, id, tx));
    } catch (error) {
      if (error instanceof StaleRun) await this.markStale(actor, id, error.issues);
      throw error;
    }
  }

  private async apply(actor: Actor, id: string, tx: WriteTx): Promise<PlanRunCommitDto> {
    const { manager, audit } = tx;
    const { clinicId } = actor;
    const run = await this.runs.getForUpdate(clinicId, id, manager);
    this.checkReady(run);
    const recorded = run.fingerprint as RunFingerprint & { scope: RunScope };
    const now = await this.inputs.fingerprintNow(clinicId, recorded.scope, manager);
    const names = run.names as RunNames;
    const changes = fingerprintChanges(recorded, now, (kind, ref) =>
      kind === 'staff'
        ? `${names.staff[ref] ?? ''} (${ref})`
        : kind === 'rooms'
          ? `${names.rooms[ref] ?? ''} (${ref})`
          : ref,
    );
    if (changes.length > 0) throw new StaleRun(changes);

    const proposal = proposalOf(run.problem as Problem, run.solution as Solution, names);
    const reason = `plan run ${run.id}`;
    const cancelled: string[] = [];
    for (const gone of [...proposal.moved.map((m) => m.id), ...proposal.removed.map((r) => r.id)]) {
      await this.cancel(actor, gone, reason, tx);
      cancelled.push(gone);
    }
    const renumbered = await this.renumber(
      clinicId,
      proposal.appointments.filter((a) => a.change === 'kept' && a.previousIndex !== undefined),
      manager,
    );
    const toBook = proposal.appointments
      .filter((a) => a.change === 'added' || a.change === 'moved')
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.index - b.index);
    const booked: string[] = [];
    for (const a of toBook) {
      const row = await this.book(actor, a, manager);
      booked.push(row);
      await audit({
        action: 'create',
        entityType: 'appointment',
        entityId: row,
        before: null,
        after: {
          planRunId: run.id,
          enrollmentId: a.enrollmentId,
          series: a.series,
          index: a.index,
          start: a.start,
        },
        reason,
      });
    }
    const after = await this.runs.update(
      clinicId,
      run.id,
      { status: 'committed', committedAt: new Date() },
      manager,
    );
    await audit({
      action: 'commit',
      entityType: 'plan_run',
      entityId: run.id,
      before: { status: run.status },
      after: { status: 'committed', booked, cancelled, renumbered },
    });
    return { run: this.service.view(after), booked, cancelled, renumbered };
  }

  private checkReady(run: PlanRunEntity): void {
    if (run.status === 'succeeded') return;
    if (run.status === 'stale') {
      const error = run.error as { errors?: FieldIssue[] } | null;
      throw new StaleRun(error?.errors ?? []);
    }
    const why =
      run.status === 'committed'
        ? `it was committed at ${run.committedAt?.toISOString()}`
        : run.status === 'failed'
          ? 'it failed (see its error)'
          : `it is ${run.status}; wait until it succeeds`;
    throw new ConflictError(
      `Only a succeeded plan run can be committed: ${why}`,
      'PLAN_RUN_NOT_READY',
    );
  }

  /** One new session through the hand-booking path; a refusal names the session (409). */
  private async book(
    actor: Actor,
    a: ProposedAppointment,
    manager: EntityManager,
  ): Promise<string> {
    try {
      const row = await this.booking.book(
        actor,
        {
          enrollmentId: a.enrollmentId,
          series: a.series,
          index: a.index,
          start: a.start,
          roomId: a.room?.id ?? null,
          staff: a.staff.map((s) => ({ staffId: s.staffId, role: s.role })),
        } as Parameters<AppointmentBooking['book']>[1],
        manager,
      );
      return row.id;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const issues = (error as DomainError & { issues?: readonly FieldIssue[] }).issues ?? [];
      const label = `${a.patient?.displayName ?? a.enrollmentId}: ${a.series} ${a.index} at ${a.start}`;
      throw new StaleRun([
        {
          pointer: `/appointments/${a.id}`,
          code: 'PLAN_RUN_STALE',
          message: `${label} can no longer be booked: ${error.message}`,
        },
        ...issues.map((i) => ({ ...i, message: `${label}: ${i.message}` })),
      ]);
    }
  }

  /** Cancels a booked appointment the plan moves or drops (its lanes released), audited. */
  private async cancel(actor: Actor, id: string, reason: string, tx: WriteTx): Promise<void> {
    const { clinicId } = actor;
    await this.bookings.lockResources(tx.manager, await this.bookings.resourcesOf(tx.manager, id));
    const row = await this.appointments.getForUpdate(clinicId, id, tx.manager);
    if (row.status !== 'booked') {
      throw new StaleRun([
        {
          pointer: `/appointments/${id}`,
          code: 'PLAN_RUN_STALE',
          message: `appointment ${id} is ${row.status}; the run expected it booked`,
        },
      ]);
    }
    await this.bookings.release(tx.manager, id);
    await this.appointments.update(
      clinicId,
      id,
      {
        status: 'cancelled',
        statusReason: reason,
        version: row.version + 1,
        sequence: row.sequence + 1,
      },
      tx.manager,
    );
    await tx.audit({
      action: 'cancel',
      entityType: 'appointment',
      entityId: id,
      before: { status: 'booked' },
      after: { status: 'cancelled' },
      reason,
    });
  }

  /** Kept appointments the plan numbers differently: two steps, so no index is held twice. */
  private async renumber(
    clinicId: string,
    kept: ProposedAppointment[],
    manager: EntityManager,
  ): Promise<string[]> {
    for (const a of kept) {
      const row = await this.appointments.getForUpdate(clinicId, a.id, manager);
      await this.appointments.update(clinicId, a.id, { index: row.index + 10_000 }, manager);
    }
    for (const a of kept) {
      const row = await this.appointments.getForUpdate(clinicId, a.id, manager);
      await this.appointments.update(
        clinicId,
        a.id,
        { index: a.index, version: row.version + 1 },
        manager,
      );
    }
    return kept.map((a) => a.id);
  }

  private async markStale(actor: Actor, id: string, issues: readonly FieldIssue[]): Promise<void> {
    await this.tx.write(actor, async ({ manager }) => {
      const run = await this.runs.getForUpdate(actor.clinicId, id, manager);
      if (run.status !== 'succeeded') return;
      await this.runs.update(
        actor.clinicId,
        id,
        {
          status: 'stale',
          error: {
            code: 'PLAN_RUN_STALE',
            message: 'What this plan run was made from changed since; start a new run',
            errors: issues,
          },
        },
        manager,
      );
    });
  }
}
