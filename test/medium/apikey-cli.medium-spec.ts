import { runApiKeyCommand } from '../../src/cli/apikey';
import { useTestApp } from '../harness/test-app';

describe('npm run apikey', () => {
  const t = useTestApp();
  const run = (...args: string[]) => runApiKeyCommand(t().app, args);

  it('create with a new clinic name makes the clinic and a working key', async () => {
    const out = await run(
      'create',
      '--clinic',
      'Lakeside',
      '--role',
      'director',
      '--time-zone',
      'Europe/Berlin',
    );
    expect(out[0]).toMatch(/^Created clinic "Lakeside" \([0-9a-f-]{36}, Europe\/Berlin\)\.$/);
    const key = out.find((l) => l.trim().startsWith('kps_'))!.trim();
    const res = await t().http.get('/v1/clinic').set('X-Api-Key', key).expect(200);
    expect(res.body).toMatchObject({ name: 'Lakeside', timeZone: 'Europe/Berlin' });

    // Same name again: reuses the clinic (by name or by id).
    const second = await run('create', '--clinic', 'Lakeside', '--role', 'frontdesk');
    expect(second.join('\n')).not.toContain('Created clinic');
    const third = await run(
      'create',
      '--clinic',
      res.body.id,
      '--role',
      'clinician',
      '--name',
      'Dr. Who',
    );
    expect(third[0]).toContain('clinician key');

    const list = await run('list', '--clinic', res.body.id);
    expect(list).toHaveLength(3);
    expect(list.join('\n')).not.toContain(key);

    const keyId = out.find((l) => l.startsWith('Created director key'))!.split(' ')[3];
    expect(await run('revoke', '--clinic', 'Lakeside', '--id', keyId)).toEqual([
      expect.stringMatching(/^Revoked key /),
    ]);
    await t().http.get('/v1/clinic').set('X-Api-Key', key).expect(401);

    const audit = await t().dataSource.query(`SELECT actor, action FROM audit_log ORDER BY id`);
    expect(audit[0]).toEqual({ actor: 'cli', action: 'create' });
  });

  it('refuses bad input with a clear message', async () => {
    await expect(run('create', '--clinic', 'X', '--role', 'admin')).rejects.toThrow(
      '--role must be one of',
    );
    await expect(
      run('create', '--clinic', 'Y', '--role', 'director', '--time-zone', 'Mars/Base'),
    ).rejects.toThrow('unknown IANA zone');
    await expect(run('list', '--clinic', 'Nowhere')).rejects.toThrow('Clinic Nowhere not found');
    await expect(run('list', '--clinic', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      'not found',
    );
    await expect(run('frobnicate', '--clinic', 'x')).rejects.toThrow('Usage');
  });
});
