import { Injectable } from '@nestjs/common';
import type { AvailabilityWindow, LocalPeriod, StaffLimits } from '../domain/planning/format';
import { CreateStaffDto, StaffDto, toStaffDto, UpdateStaffDto } from '../dtos/staff.dto';
import type { StaffEntity } from '../entities/staff.entity';
import { StaffChangeDto, toAffectedList } from '../dtos/affected-appointment.dto';
import { StaffRepository } from '../repositories/staff.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { Actor } from './actor';
import { refuseGapEmptiedPeriods } from './local-periods';
import { AffectedAppointments } from './affected-appointments';
import { ArchivableCatalogService, plainJson } from './archivable-catalog.service';
import { Transactions } from './transactions';

@Injectable()
export class StaffService extends ArchivableCatalogService<StaffEntity, StaffDto> {
  constructor(
    staff: StaffRepository,
    tx: Transactions,
    private readonly affected: AffectedAppointments,
    private readonly clinics: ClinicRepository,
  ) {
    super(staff, tx, {
      entityType: 'staff',
      label: 'Staff member',
      nameOf: (row) => `"${row.name}"`,
      toDto: toStaffDto,
    });
  }

  async create(actor: Actor, input: CreateStaffDto): Promise<StaffDto> {
    await refuseGapEmptiedPeriods(this.clinics, actor.clinicId, input.timeOff, '/timeOff');
    return this.insert(actor, {
      name: input.name,
      roles: [...input.roles],
      availability: plainJson<AvailabilityWindow[]>(input.availability) ?? [],
      timeOff: plainJson<LocalPeriod[]>(input.timeOff) ?? [],
      limits: plainJson<StaffLimits | null>(input.limits) ?? null,
      archivedAt: null,
    });
  }

  /**
   * Saves the change, and lists the booked appointments (not over yet) that it affects: the
   * person's new time off, reduced hours or removed roles no longer cover them.
   */
  async update(actor: Actor, id: string, input: UpdateStaffDto): Promise<StaffChangeDto> {
    await refuseGapEmptiedPeriods(this.clinics, actor.clinicId, input.timeOff, '/timeOff');
    let affected = toAffectedList([]);
    const saved = await this.patch(
      actor,
      id,
      {
        name: input.name,
        roles: input.roles,
        availability: plainJson<AvailabilityWindow[]>(input.availability),
        timeOff: plainJson<LocalPeriod[]>(input.timeOff),
        limits: plainJson<StaffLimits | null>(input.limits),
      },
      async (merged, manager) => {
        const before = await this.rows.get(actor.clinicId, id, manager);
        affected = await this.affected.afterStaffChange(actor.clinicId, before, merged, manager);
      },
    );
    return { ...saved, ...affected };
  }
}
