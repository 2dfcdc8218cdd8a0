import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '../domain/errors';
import { canonicalTimeZone } from '../domain/time/local-values';
import { definedFields } from '../dtos/defined-fields';
import { ClinicChangeDto } from '../dtos/affected-appointment.dto';
import { ClinicDto, toClinicDto, UpdateClinicDto } from '../dtos/clinic.dto';
import { ClinicRepository } from '../repositories/clinic.repository';
import { Actor, operatorActor } from './actor';
import { AffectedAppointments } from './affected-appointments';
import { CLOCK, Clock } from './clock';
import { refuseIfBookedOffGrid } from './slot-grid-change';
import { refuseIfBookedWallClockMoves } from './time-zone-change';
import { snapshot, Transactions } from './transactions';

export interface NewClinic {
  name: string;
  timeZone: string;
  slotMinutes?: number;
  closures?: string[];
}

@Injectable()
export class ClinicService {
  constructor(
    private readonly clinics: ClinicRepository,
    private readonly tx: Transactions,
    private readonly affected: AffectedAppointments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async getMine(actor: Actor): Promise<ClinicDto> {
    return toClinicDto(await this.clinics.get(actor.clinicId));
  }

  /** A clinic is visible only to its own keys; any other id is "not found". */
  async getById(actor: Actor, id: string): Promise<ClinicDto> {
    if (id !== actor.clinicId) throw new NotFoundError('Clinic', id);
    return this.getMine(actor);
  }

  /**
   * Saves the change, and lists the booked appointments that new closures fall on. A new
   * `slotMinutes` is refused while booked sessions to come start off it (409
   * SLOT_GRID_BOOKED, see slot-grid-change.ts), and a new `timeZone` while booked sessions
   * to come would read at another local time in it (409 TIME_ZONE_BOOKED, see
   * time-zone-change.ts); bookings share-lock the clinic row, so none slips in unseen.
   */
  update(actor: Actor, patch: UpdateClinicDto): Promise<ClinicChangeDto> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const clinic = await this.clinics.getForUpdate(actor.clinicId, manager);
      const before = toClinicDto(clinic);
      const closedBefore = [...clinic.closures];
      const changes = definedFields(patch);
      if (changes.closures) changes.closures = [...changes.closures].sort();
      if (changes.timeZone) changes.timeZone = storedTimeZone(changes.timeZone);
      if (changes.timeZone !== undefined) {
        await refuseIfBookedWallClockMoves(
          this.clinics,
          {
            clinicId: actor.clinicId,
            from: clinic.timeZone,
            to: changes.timeZone,
            now: this.clock.now(),
          },
          manager,
        );
      }
      if (changes.slotMinutes !== undefined) {
        await refuseIfBookedOffGrid(
          this.clinics,
          {
            clinicId: actor.clinicId,
            timeZone: changes.timeZone ?? clinic.timeZone,
            from: clinic.slotMinutes,
            to: changes.slotMinutes,
            now: this.clock.now(),
          },
          manager,
        );
      }
      const after = toClinicDto(await this.clinics.save(Object.assign(clinic, changes), manager));
      await audit({
        action: 'update',
        entityType: 'clinic',
        entityId: clinic.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      const affected = await this.affected.afterClosuresChange(
        actor.clinicId,
        after.timeZone,
        closedBefore,
        after.closures,
        manager,
      );
      return { ...after, ...affected };
    });
  }

  /** Operator action (CLI, seed): clinics are not created over the API. */
  async create(input: NewClinic, label: 'cli' | 'seed'): Promise<ClinicDto> {
    // The audit row belongs to the new clinic, so the actor is completed once it exists.
    const actor = operatorActor('', label);
    return this.tx.write(actor, async ({ manager, audit }) => {
      const clinic = await this.clinics.create(
        {
          name: input.name,
          timeZone: storedTimeZone(input.timeZone),
          slotMinutes: input.slotMinutes ?? 15,
          closures: [...(input.closures ?? [])].sort(),
          feedPatientLabel: 'initials',
        },
        manager,
      );
      const dto = toClinicDto(clinic);
      actor.clinicId = clinic.id;
      await audit({
        action: 'create',
        entityType: 'clinic',
        entityId: clinic.id,
        before: null,
        after: snapshot(dto),
      });
      return dto;
    });
  }

  findByName(name: string) {
    return this.clinics.findByName(name);
  }

  /** Operator use only (CLI). */
  listNames() {
    return this.clinics.listNames();
  }

  count(): Promise<number> {
    return this.clinics.count();
  }
}

/** Zones are stored as IANA spells them (`america/new_york` -> `America/New_York`). */
function storedTimeZone(zone: string): string {
  const canonical = canonicalTimeZone(zone);
  if (canonical) return canonical;
  throw ValidationError.single(
    '/timeZone',
    'INVALID_TIME_ZONE',
    `timeZone must be an IANA time zone such as America/New_York, got "${zone}"`,
  );
}
