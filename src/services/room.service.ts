import { Injectable } from '@nestjs/common';
import type { AvailabilityWindow, LocalPeriod } from '../domain/planning/format';
import { CreateRoomDto, RoomDto, toRoomDto, UpdateRoomDto } from '../dtos/room.dto';
import type { RoomEntity } from '../entities/room.entity';
import { RoomChangeDto, toAffectedList } from '../dtos/affected-appointment.dto';
import { RoomRepository } from '../repositories/room.repository';
import { ClinicRepository } from '../repositories/clinic.repository';
import { Actor } from './actor';
import { refuseGapEmptiedPeriods } from './local-periods';
import { AffectedAppointments } from './affected-appointments';
import { ArchivableCatalogService, plainJson } from './archivable-catalog.service';
import { Transactions } from './transactions';

@Injectable()
export class RoomService extends ArchivableCatalogService<RoomEntity, RoomDto> {
  constructor(
    rooms: RoomRepository,
    tx: Transactions,
    private readonly affected: AffectedAppointments,
    private readonly clinics: ClinicRepository,
  ) {
    super(rooms, tx, {
      entityType: 'room',
      label: 'Room',
      nameOf: (row) => `"${row.name}"`,
      toDto: toRoomDto,
    });
  }

  async create(actor: Actor, input: CreateRoomDto): Promise<RoomDto> {
    await refuseGapEmptiedPeriods(this.clinics, actor.clinicId, input.timeOff, '/timeOff');
    return this.insert(actor, {
      name: input.name,
      features: [...(input.features ?? [])],
      capacity: input.capacity ?? 1,
      // Absent and null both mean "open across the horizon"; [] stays [].
      availability: plainJson<AvailabilityWindow[] | null>(input.availability) ?? null,
      timeOff: plainJson<LocalPeriod[]>(input.timeOff) ?? [],
      archivedAt: null,
    });
  }

  /**
   * Saves the change, and lists the booked appointments (not over yet) that it affects: the
   * room's new time off, reduced hours or removed features no longer cover them.
   */
  async update(actor: Actor, id: string, input: UpdateRoomDto): Promise<RoomChangeDto> {
    await refuseGapEmptiedPeriods(this.clinics, actor.clinicId, input.timeOff, '/timeOff');
    let affected = toAffectedList([]);
    const saved = await this.patch(
      actor,
      id,
      {
        name: input.name,
        features: input.features,
        capacity: input.capacity,
        availability: plainJson<AvailabilityWindow[] | null>(input.availability),
        timeOff: plainJson<LocalPeriod[]>(input.timeOff),
      },
      async (merged, manager) => {
        const before = await this.rows.get(actor.clinicId, id, manager);
        affected = await this.affected.afterRoomChange(actor.clinicId, before, merged, manager);
      },
    );
    return { ...saved, ...affected };
  }
}
