import type { AppointmentEntity } from '../entities/appointment.entity';
import type { AppointmentRepository } from '../repositories/appointment.repository';
import type { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import type { WriteTx } from './transactions';

/**
 * Cancels a booked appointment whose row the caller has locked (and whose resources it has
 * locked, in the order bookings lock them): its holds on staff, room and patient released,
 * status `cancelled` with the reason, version and sequence bumped (feeds re-send it), audited
 * in the same transaction. Used where a cancellation follows from another change (a plan run
 * committed, an enrollment withdrawn); the front desk's own cancel is appointment.service.
 */
export async function cancelBooked(
  repos: { appointments: AppointmentRepository; bookings: ResourceBookingRepository },
  clinicId: string,
  row: AppointmentEntity,
  reason: string,
  { manager, audit }: WriteTx,
): Promise<void> {
  await repos.bookings.release(manager, row.id);
  await repos.appointments.update(
    clinicId,
    row.id,
    {
      status: 'cancelled',
      statusReason: reason,
      version: row.version + 1,
      sequence: row.sequence + 1,
    },
    manager,
  );
  await audit({
    action: 'cancel',
    entityType: 'appointment',
    entityId: row.id,
    before: { status: 'booked' },
    after: { status: 'cancelled' },
    reason,
  });
}
