import { runApiKeyCommand } from '../../src/cli/apikey';
import { useTestApp } from '../harness/test-app';

describe('npm run apikey', () => {
  const t = useTestApp();
  const run = (...args: string[]) => runApiKeyCommand(t().app, args);
  const clinicCount = async () =>
    Number((await t().dataSource.query(`SELECT count(*)::int AS n FROM clinic`))[0].n);

  it('--new-clinic makes the clinic and a working key; --clinic finds it by name or id', async () => {
    const out = await run(
      'create',
      '--new-clinic',
      'Lakeside',
      '--role',
      'director',
      '--time-zone',
      'europe/berlin',
    );
    // The zone is stored as IANA spells it.
    expect(out[0]).toMatch(/^Created clinic "Lakeside" \([0-9a-f-]{36}, Europe\/Berlin\)\.$/);
    const key = out.find((l) => l.trim().startsWith('kps_'))!.trim();
    const res = await t().http.get('/v1/clinic').set('X-Api-Key', key).expect(200);
    expect(res.body).toMatchObject({ name: 'Lakeside', timeZone: 'Europe/Berlin' });

    // Same name again with --clinic: reuses the clinic (by name or by id).
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
    await run('create', '--clinic', 'Lakeside', '--role', 'director', '--name', 'deputy');
    expect(await run('revoke', '--clinic', 'Lakeside', '--id', keyId)).toEqual([
      expect.stringMatching(/^Revoked key /),
    ]);
    await t().http.get('/v1/clinic').set('X-Api-Key', key).expect(401);

    const audit = await t().dataSource.query(`SELECT actor, action FROM audit_log ORDER BY id`);
    expect(audit[0]).toEqual({ actor: 'cli', action: 'create' });
  });

  it("refuses to revoke the clinic's last director key, as the API does, unless --force", async () => {
    const clinic = await t().createClinic();
    const director = clinic.keyIds.director;
    const directorKeys = async () =>
      (await run('list', '--clinic', clinic.id)).filter((l) => /director.*active/.test(l));
    const revokes = async () =>
      (
        await t().dataSource.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'revoke'`,
        )
      )[0].n;

    const refused = run('revoke', '--clinic', clinic.id, '--id', director);
    await expect(refused).rejects.toThrow(
      `Refused: key ${director} is the last active director key of clinic ${clinic.id}`,
    );
    await expect(refused).rejects.toThrow(
      `Create a new director key first (npm run apikey -- create --clinic ${clinic.id} --role director)`,
    );
    await expect(refused).rejects.toThrow('add --force');
    expect(await directorKeys()).toHaveLength(1);
    expect(await revokes()).toBe(0);
    await clinic.as('director').get('/v1/clinic').expect(200);

    // Other roles' keys are revocable as before; --force is for revoke only.
    await run('revoke', '--clinic', clinic.id, '--id', clinic.keyIds.frontdesk);
    await expect(run('list', '--clinic', clinic.id, '--force')).rejects.toThrow(
      '--force is for revoke',
    );

    // The recovery override revokes it, says what it did and how to get back in.
    const forced = await run('revoke', '--clinic', clinic.id, '--id', director, '--force');
    expect(forced).toEqual([
      expect.stringMatching(/^Revoked key /),
      `Warning: clinic ${clinic.id} now has no active director key; nobody can manage it over the API.`,
      `Create one: npm run apikey -- create --clinic ${clinic.id} --role director`,
    ]);
    expect(await directorKeys()).toHaveLength(0);
    await clinic.as('director').get('/v1/clinic').expect(401);
  });

  it('never creates a clinic from a mistyped --clinic name; it lists close names', async () => {
    await t().createClinic({ name: 'Demo Clinic' });
    const before = await clinicCount();
    await expect(run('create', '--clinic', 'Demo clinic', '--role', 'director')).rejects.toThrow(
      'No clinic is named "Demo clinic". Did you mean "Demo Clinic"? To create a clinic, use --new-clinic',
    );
    await expect(run('list', '--clinic', 'Westwood')).rejects.toThrow(
      'No clinic is named "Westwood".',
    );
    expect(await clinicCount()).toBe(before);
  });

  it('refuses a new clinic without a zone, with a taken name, or a bad name', async () => {
    await t().createClinic({ name: 'Demo Clinic' });
    const before = await clinicCount();
    await expect(run('create', '--new-clinic', 'Riverside', '--role', 'director')).rejects.toThrow(
      '--new-clinic needs --time-zone',
    );
    await expect(
      run('create', '--new-clinic', 'demo clinic', '--role', 'director', '--time-zone', 'UTC'),
    ).rejects.toThrow('A clinic named "Demo Clinic" exists already');
    await expect(
      run('create', '--new-clinic', 'a\u0000b', '--role', 'director', '--time-zone', 'UTC'),
    ).rejects.toThrow('--new-clinic: it contains control character U+0000 at position 2');
    await expect(
      run('create', '--new-clinic', 'Y', '--role', 'director', '--time-zone', 'Mars/Base'),
    ).rejects.toThrow('unknown IANA zone');
    expect(await clinicCount()).toBe(before);
  });

  it('refuses bad arguments with a clear message', async () => {
    await expect(run('create', '--clinic', 'X', '--role', 'admin')).rejects.toThrow(
      '--role must be one of',
    );
    await expect(
      run('create', '--clinic', 'X', '--new-clinic', 'Y', '--role', 'director'),
    ).rejects.toThrow('exactly one of --clinic and --new-clinic');
    await expect(run('list', '--new-clinic', 'Y')).rejects.toThrow('--new-clinic is for create');
    await expect(
      run('create', '--clinic', 'X', '--role', 'director', '--time-zone', 'UTC'),
    ).rejects.toThrow('--time-zone is for --new-clinic');
    await expect(run('list', '--clinic', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      'not found',
    );
    await expect(run('frobnicate', '--clinic', 'x')).rejects.toThrow('Usage');
  });
});
