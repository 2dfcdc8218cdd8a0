import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppModule } from '../app.module';
import { NotFoundError, ValidationError } from '../domain/errors';
import { Role, ROLES } from '../entities/api-key.entity';
import { isValidTimeZone } from '../domain/time/local-values';
import { loadConfig } from '../infra/config/app-config';
import { createLogger } from '../infra/logging/logger';
import { operatorActor } from '../services/actor';
import { ApiKeyService } from '../services/api-key.service';
import { ClinicService } from '../services/clinic.service';

const USAGE = `Usage:
  npm run apikey -- create --clinic <clinic id | name> --role <${ROLES.join('|')}> [--name <label>]
                           [--time-zone <IANA zone, for a new clinic>] [--staff <staff id>]
      A name that matches no clinic creates that clinic (operator action). Prints the key once.
  npm run apikey -- list   --clinic <clinic id | name>
  npm run apikey -- revoke --clinic <clinic id | name> --id <key id>`;

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
      role: { type: 'string' },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      staff: { type: 'string' },
      id: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (!['create', 'list', 'revoke'].includes(command) || !values.clinic) throw usage();
  const clinics = app.get(ClinicService);
  const keys = app.get(ApiKeyService);

  const out: string[] = [];
  let clinicId: string;
  if (UUID.test(values.clinic)) {
    clinicId = values.clinic;
    await clinics.getMine(operatorActor(clinicId, 'cli')); // NotFoundError if absent
  } else {
    const found = await clinics.findByName(values.clinic);
    if (found.length > 1) {
      throw new Error(`${found.length} clinics are named "${values.clinic}"; pass the clinic id`);
    }
    if (found.length === 1) {
      clinicId = found[0].id;
    } else if (command === 'create') {
      const timeZone = values['time-zone'] ?? 'UTC';
      if (!isValidTimeZone(timeZone))
        throw new Error(`--time-zone: unknown IANA zone "${timeZone}"`);
      const clinic = await clinics.create({ name: values.clinic, timeZone }, 'cli');
      clinicId = clinic.id;
      out.push(`Created clinic "${clinic.name}" (${clinic.id}, ${clinic.timeZone}).`);
    } else {
      throw new NotFoundError('Clinic', values.clinic);
    }
  }
  const actor = operatorActor(clinicId, 'cli');

  if (command === 'create') {
    const role = values.role as Role;
    if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
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
    if (!values.id) throw usage();
    const key = await keys.revoke(actor, values.id);
    out.push(`Revoked key ${key.id} (${key.prefix}…).`);
  }
  return out;
}

function usage(): Error {
  return new Error(USAGE);
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
