import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, DomainError, FieldIssue } from '../domain/errors';
import { fingerprintChanges, type RunFingerprint } from '../domain/plan-runs/fingerprint';
import { proposalOf, type ProposedAppointment, type RunNames } from '../domain/plan-runs/proposal';
import type { Problem, Solution } from '../domain/planning/format';
import { type CreateAppointmentDto, zonedInstant } from '../dtos/appointment.dto';
import { PlanRunCommitDto } from '../dtos/plan-run.dto';
import type { PlanRunEntity } from '../entities/plan-run.entity';
import { AppointmentRepository } from '../repositories/appointment.repository';
import { PlanRunRepository } from '../repositories/plan-run.repository';
import { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { Actor } from './actor';
import { IdempotentWrites } from './idempotent-writes';
import type { RunScope } from './plan-run-inputs';
import { PlanRunInputs } from './plan-run-inputs';
import { PlanRunBooking, SessionRefused } from './plan-run-booking';
import { PlanRunService } from './plan-run.service';
import { cancelBooked } from './cancel-booked';
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

/** The 409 of a session that can no longer be booked: it, and what its hand booking says. */
function refused(a: ProposedAppointment, error: DomainError): StaleRun {
  const issues = (error as DomainError & { issues?: readonly FieldIssue[] }).issues ?? [];
  const label = `${a.patient?.displayName ?? a.enrollmentId}: ${a.series} ${a.index} at ${a.start}`;
  return new StaleRun([
    {
      pointer: `/appointments/${a.id}`,
      code: 'PLAN_RUN_STALE',
      message: `${label} can no longer be booked: ${error.message}`,
    },
    ...issues.map((i) => ({ ...i, message: `${label}: ${i.message}` })),
  ]);
}

/**
 * `POST /v1/plan-runs/{id}/commit`: the run's proposal becomes appointments in one transaction,
 * all or nothing. First the fingerprint of the run's inputs is taken again and compared
 * (a difference: 409 PLAN_RUN_STALE naming each change, and the run becomes `stale`); then
 * appointments the plan moves or drops are cancelled (their lanes released), kept ones the plan
 * numbers differently get their new index, and every new session is booked with the checks of
 * a hand booking (PlanRunBooking: the same resolve, lane decisions, protocol, calendar and staff
 * day rules, batched; the EXCLUDE constraints the last line). The resources are locked before
 * the fingerprint is taken again. Any refusal rolls everything back (409 naming the session).
 */
@Injectable()
export class PlanRunCommits {
  constructor(
    private readonly runs: PlanRunRepository,
    private readonly inputs: PlanRunInputs,
    private readonly appointments: AppointmentRepository,
    private readonly bookings: ResourceBookingRepository,
    private readonly planBooking: PlanRunBooking,
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
    const { manager } = tx;
    const { clinicId } = actor;
    const run = await this.runs.getForUpdate(clinicId, id, manager);
    this.checkReady(run);
    const names = run.names as RunNames;
    const proposal = proposalOf(run.problem as Problem, run.solution as Solution, names);
    const gone = [...proposal.moved.map((m) => m.id), ...proposal.removed.map((r) => r.id)];
    const toBook = proposal.appointments
      .filter((a) => a.change === 'added' || a.change === 'moved')
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.index - b.index);
    // Every resource the commit touches is locked before what the run was made from is read
    // again: a hand booking that got in first is a change below, one that comes later waits
    // for this transaction and then sees its rows.
    const locked = await this.planBooking.lock(
      manager,
      toBook.map((a) => ({
        patientId: names.patients[a.enrollmentId]?.patientId,
        roomId: a.room?.id ?? null,
        staffIds: a.staff.map((s) => s.staffId),
      })),
      gone,
    );
    const recorded = run.fingerprint as RunFingerprint & { scope: RunScope };
    const now = await this.inputs.fingerprintNow(clinicId, recorded.scope, manager);
    const changes = fingerprintChanges(recorded, now, (kind, ref) =>
      kind === 'staff'
        ? `${names.staff[ref] ?? ''} (${ref})`
        : kind === 'rooms'
          ? `${names.rooms[ref] ?? ''} (${ref})`
          : ref,
    );
    if (changes.length > 0) throw new StaleRun(changes);

    const reason = `plan run ${run.id}`;
    const cancelled: string[] = [];
    for (const appointmentId of gone) {
      await this.cancel(actor, appointmentId, reason, tx);
      cancelled.push(appointmentId);
    }
    const renumbered = await this.renumber(
      clinicId,
      proposal.appointments.filter((a) => a.change === 'kept' && a.previousIndex !== undefined),
      manager,
    );
    const booked = await this.book(actor, toBook, manager, locked);
    await tx.auditMany(
      toBook.map((a, i) => ({
        action: 'create',
        entityType: 'appointment',
        entityId: booked[i],
        before: null,
        after: {
          planRunId: run.id,
          enrollmentId: a.enrollmentId,
          series: a.series,
          index: a.index,
          start: a.start,
        },
        reason,
      })),
    );
    const after = await this.runs.update(
      clinicId,
      run.id,
      { status: 'committed', committedAt: new Date() },
      manager,
    );
    await tx.audit({
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
        ? `it was committed at ${run.committedAt ? zonedInstant(run.committedAt, (run.problem as Problem).clinic.timeZone) : '(unknown)'}`
        : run.status === 'failed'
          ? 'it failed (see its error)'
          : `it is ${run.status}; wait until it succeeds`;
    throw new ConflictError(
      `Only a succeeded plan run can be committed: ${why}`,
      'PLAN_RUN_NOT_READY',
    );
  }

  /**
   * The new sessions, booked at once with the hand booking's checks (PlanRunBooking); a
   * refusal names the session (409).
   */
  private async book(
    actor: Actor,
    toBook: readonly ProposedAppointment[],
    manager: EntityManager,
    locked: ReadonlySet<string>,
  ): Promise<string[]> {
    const inputs = toBook.map(
      (a) =>
        ({
          enrollmentId: a.enrollmentId,
          series: a.series,
          index: a.index,
          start: a.start,
          roomId: a.room?.id ?? null,
          // The mode says which requirement each entry fills (one person may hold the
          // occupied and the present requirement of one session).
          staff: a.staff.map((s) => ({ staffId: s.staffId, role: s.role, mode: s.mode })),
        }) as CreateAppointmentDto,
    );
    try {
      return await this.planBooking.bookAll(actor, inputs, manager, locked);
    } catch (error) {
      if (error instanceof SessionRefused) throw refused(toBook[error.index], error.error);
      if (!(error instanceof DomainError)) throw error;
      throw new StaleRun([
        {
          pointer: '/appointments',
          code: 'PLAN_RUN_STALE',
          message: `the plan can no longer be booked: ${error.message}`,
        },
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
    await cancelBooked(
      { appointments: this.appointments, bookings: this.bookings },
      clinicId,
      row,
      reason,
      tx,
    );
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
