import { Injectable } from '@nestjs/common';
import type { AvailabilityWindow, LocalPeriod, StaffLimits } from '../domain/planning/format';
import { CreateStaffDto, StaffDto, toStaffDto, UpdateStaffDto } from '../dtos/staff.dto';
import type { StaffEntity } from '../entities/staff.entity';
import { StaffRepository } from '../repositories/staff.repository';
import { Actor } from './actor';
import { ArchivableCatalogService, plainJson } from './archivable-catalog.service';
import { Transactions } from './transactions';

@Injectable()
export class StaffService extends ArchivableCatalogService<StaffEntity, StaffDto> {
  constructor(staff: StaffRepository, tx: Transactions) {
    super(staff, tx, {
      entityType: 'staff',
      label: 'Staff member',
      nameOf: (row) => `"${row.name}"`,
      toDto: toStaffDto,
    });
  }

  create(actor: Actor, input: CreateStaffDto): Promise<StaffDto> {
    return this.insert(actor, {
      name: input.name,
      roles: [...input.roles],
      availability: plainJson<AvailabilityWindow[]>(input.availability) ?? [],
      timeOff: plainJson<LocalPeriod[]>(input.timeOff) ?? [],
      limits: plainJson<StaffLimits | null>(input.limits) ?? null,
      archivedAt: null,
    });
  }

  update(actor: Actor, id: string, input: UpdateStaffDto): Promise<StaffDto> {
    return this.patch(actor, id, {
      name: input.name,
      roles: input.roles,
      availability: plainJson<AvailabilityWindow[]>(input.availability),
      timeOff: plainJson<LocalPeriod[]>(input.timeOff),
      limits: plainJson<StaffLimits | null>(input.limits),
    });
  }
}
