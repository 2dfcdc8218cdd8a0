import { ClinicEntity } from '../../src/entities/clinic.entity';
import { ClinicRepository } from '../../src/repositories/clinic.repository';
import { Transactions } from '../../src/services/transactions';
import { useTestApp } from '../harness/test-app';

describe('Transactions.write', () => {
  const t = useTestApp();

  const auditCount = async (clinicId: string) =>
    Number(
      (
        await t().dataSource.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE clinic_id = $1`,
          [clinicId],
        )
      )[0].n,
    );

  it('commits the change and its audit row together', async () => {
    const clinic = await t().createClinic({ name: 'Before' });
    const before = await auditCount(clinic.id);
    await t()
      .get(Transactions)
      .write(clinic.actor, async ({ manager, audit }) => {
        const row = await t().get(ClinicRepository).getForUpdate(clinic.id, manager);
        await manager.getRepository(ClinicEntity).save({ ...row, name: 'After' });
        await audit({
          action: 'update',
          entityType: 'clinic',
          entityId: clinic.id,
          before: null,
          after: null,
        });
      });
    expect((await t().get(ClinicRepository).get(clinic.id)).name).toBe('After');
    expect(await auditCount(clinic.id)).toBe(before + 1);
  });

  it('rolls back the change and its audit row when the work fails', async () => {
    const clinic = await t().createClinic({ name: 'Before' });
    const before = await auditCount(clinic.id);
    await expect(
      t()
        .get(Transactions)
        .write(clinic.actor, async ({ manager, audit }) => {
          const row = await t().get(ClinicRepository).getForUpdate(clinic.id, manager);
          await manager.getRepository(ClinicEntity).save({ ...row, name: 'After' });
          await audit({
            action: 'update',
            entityType: 'clinic',
            entityId: clinic.id,
            before: null,
            after: null,
          });
          throw new Error('late failure');
        }),
    ).rejects.toThrow('late failure');
    expect((await t().get(ClinicRepository).get(clinic.id)).name).toBe('Before');
    expect(await auditCount(clinic.id)).toBe(before);
  });

  it('concurrent writes queue instead of sharing a session', async () => {
    const clinic = await t().createClinic();
    const tx = t().get(Transactions);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) =>
        tx.write(clinic.actor, async ({ manager, audit }) => {
          await audit({
            action: `probe-${i}`,
            entityType: 'clinic',
            entityId: clinic.id,
            before: null,
            after: null,
          });
          if (i % 2 === 0) throw new Error(`fail ${i}`);
          await manager.query('SELECT 1');
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    const actions = await t().dataSource.query(
      `SELECT action FROM audit_log WHERE clinic_id = $1 AND action LIKE 'probe-%' ORDER BY action`,
      [clinic.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['probe-1', 'probe-3']);
  });
});
