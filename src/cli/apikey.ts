import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { ConflictError, ValidationError } from '../domain/errors';
import { Role, ROLES } from '../entities/api-key.entity';
import { describeCharacterProblem, findRefusedCharacter } from '../domain/text/characters';
import { canonicalTimeZone } from '../domain/time/local-values';
import { loadConfig } from '../infra/config/app-config';
import { createLogger } from '../infra/logging/logger';
import { Actor, operatorActor } from '../services/actor';
import { ApiKeyService } from '../services/api-key.service';
import { ClinicService } from '../services/clinic.service';
import { closeMatches } from './close-matches';

const USAGE = `Usage:
  npm run apikey -- create --clinic <clinic id | exact name> --role <${ROLES.join('|')}>
                           [--name <label>] [--staff <staff id>]
  npm run apikey -- create --new-clinic <name> --time-zone <IANA zone> --role <role> [--name <label>]
      Creates the clinic (operator action), then its key. Prints the key once.
  npm run apikey -- list   --clinic <clinic id | exact name>
  npm run apikey -- revoke --clinic <clinic id | exact name> --id <key id> [--force]
      The clinic's last active director key is refused (create another director key first);
      --force revokes it anyway (recovery only: the clinic has no director key until you
      create one).`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs one command against an app context; returns the lines to print. */
export async function runApiKeyCommand(
  app: INestApplicationContext,
  argv: string[],
): Promise<string[]> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      clinic: { type: 'string' },
      'new-clinic': { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      staff: { type: 'string' },
      id: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const [command] = positionals;
  const newClinic = values['new-clinic'];
  if (!['create', 'list', 'revoke'].includes(command)) throw usage();
  if ((values.clinic === undefined) === (newClinic === undefined)) {
    throw usage('give exactly one of --clinic and --new-clinic');
  }
  if (newClinic !== undefined && command !== 'create') throw usage('--new-clinic is for create');
  if (values['time-zone'] !== undefined && newClinic === undefined) {
    throw usage("--time-zone is for --new-clinic (change a clinic's zone with PATCH /v1/clinic)");
  }
  const role = values.role as Role;
  if (command === 'create' && !ROLES.includes(role)) {
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  }
  if (command === 'revoke' && !values.id) throw usage('revoke needs --id');
  if (values.force && command !== 'revoke') throw usage('--force is for revoke');

  const out: string[] = [];
  const clinicId =
    newClinic !== undefined
      ? await createClinic(app, newClinic, values['time-zone'], out)
      : await findClinic(app, values.clinic!);
  const actor = operatorActor(clinicId, 'cli');
  const keys = app.get(ApiKeyService);

  if (command === 'create') {
    const key = await keys.create(actor, {
      name: values.name ?? `${role} key`,
      role,
      staffId: values.staff,
    });
    out.push(
      `Created ${role} key ${key.id} (${key.prefix}…) for clinic ${clinicId}.`,
      'The key is shown only now; store it safely:',
      '',
      `  ${key.secret}`,
      '',
    );
  } else if (command === 'list') {
    for (const key of await keys.list(actor)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
      out.push(`${key.id}  ${key.prefix}…  ${key.role.padEnd(9)}  ${state}  ${key.name}`);
    }
    if (out.length === 0) out.push('No keys.');
  } else {
    out.push(...(await revoke(keys, actor, values.id!, values.force === true)));
  }
  return out;
}

/**
 * `revoke`: the service's own rule (409 LAST_DIRECTOR_KEY, the clinic's director keys locked)
 * applies here as over the API; `--force` is the operator's explicit override for recovery.
 */
async function revoke(
  keys: ApiKeyService,
  actor: Actor,
  id: string,
  force: boolean,
): Promise<string[]> {
  try {
    const key = await keys.revoke(actor, id, { allowLastDirector: force });
    const revoked = `Revoked key ${key.id} (${key.prefix}…).`;
    const left = (await keys.list(actor)).filter((k) => k.role === 'director' && !k.revokedAt);
    if (key.role !== 'director' || left.length > 0) return [revoked];
    return [
      revoked,
      `Warning: clinic ${actor.clinicId} now has no active director key; nobody can manage it over the API.`,
      `Create one: npm run apikey -- create --clinic ${actor.clinicId} --role director`,
    ];
  } catch (error) {
    if (!(error instanceof ConflictError) || error.code !== 'LAST_DIRECTOR_KEY') throw error;
    throw new Error(
      `Refused: key ${id} is the last active director key of clinic ${actor.clinicId}; ` +
        'revoking it would lock the clinic out of the API. Nothing was changed.\n' +
        `Create a new director key first (npm run apikey -- create --clinic ${actor.clinicId} ` +
        '--role director), hand it over, then revoke this one.\n' +
        'Recovery only (e.g. this key leaked and must stop working now): add --force.',
      { cause: error },
    );
  }
}

/**
 * `--clinic`: a clinic id, or a name matching exactly one clinic. Never creates one: an
 * unknown name is an error listing the closest names (a wrong case is not a new clinic).
 */
async function findClinic(app: INestApplicationContext, given: string): Promise<string> {
  const clinics = app.get(ClinicService);
  if (UUID.test(given)) {
    await clinics.getMine(operatorActor(given, 'cli')); // NotFoundError if absent
    return given;
  }
  const all = await clinics.listNames();
  const exact = all.filter((c) => c.name === given);
  if (exact.length > 1) {
    throw new Error(`${exact.length} clinics are named "${given}"; pass the clinic id`);
  }
  if (exact.length === 1) return exact[0].id;
  const close = closeMatches(
    given,
    all.map((c) => c.name),
  );
  const hint = close.length
    ? ` Did you mean ${close.map((n) => `"${n}"`).join(', ')}?`
    : ' `list` needs an existing clinic.';
  throw new Error(
    `No clinic is named "${given}".${hint} To create a clinic, use --new-clinic "<name>" --time-zone <IANA zone>.`,
  );
}

/** `--new-clinic`: an explicit operator action; the zone is required, never assumed. */
async function createClinic(
  app: INestApplicationContext,
  name: string,
  timeZoneGiven: string | undefined,
  out: string[],
): Promise<string> {
  const clinics = app.get(ClinicService);
  const bad = findRefusedCharacter(name, 'single-line');
  if (name.trim() === '' || name.length > 200 || bad) {
    const why = bad ? `it ${describeCharacterProblem(bad)}` : 'it must have 1 to 200 characters';
    throw new Error(`--new-clinic: ${why}`);
  }
  if (timeZoneGiven === undefined) {
    throw new Error('--new-clinic needs --time-zone <IANA zone>, e.g. --time-zone Europe/Berlin');
  }
  const timeZone = canonicalTimeZone(timeZoneGiven);
  if (!timeZone) throw new Error(`--time-zone: unknown IANA zone "${timeZoneGiven}"`);
  const sameName = (await clinics.listNames()).filter(
    (c) => c.name.toLowerCase() === name.toLowerCase(),
  );
  if (sameName.length > 0) {
    throw new Error(
      `A clinic named "${sameName[0].name}" exists already (${sameName[0].id}); use --clinic to add a key to it.`,
    );
  }
  const clinic = await clinics.create({ name, timeZone }, 'cli');
  out.push(`Created clinic "${clinic.name}" (${clinic.id}, ${clinic.timeZone}).`);
  return clinic.id;
}

function usage(problem?: string): Error {
  return new Error(problem ? `${problem}\n${USAGE}` : USAGE);
}

async function main(): Promise<void> {
  const config = { ...loadConfig(), seedDemo: false };
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await NestFactory.createApplicationContext(AppModule.register(config, logger), {
    logger: false,
    abortOnError: false,
  });
  try {
    for (const line of await runApiKeyCommand(app, process.argv.slice(2))) console.log(line);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const e = error as Error;
    const detail = e instanceof ValidationError ? ` ${JSON.stringify(e.issues)}` : '';
    console.error(`${e?.message ?? String(error)}${detail}`);
    process.exit(1);
  });
}
