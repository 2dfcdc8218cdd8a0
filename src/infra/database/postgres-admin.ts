import { Client } from 'pg';

/** The same server URL pointing at another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs admin statements (CREATE/DROP DATABASE) on the server of `url`. */
async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const safeName = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return name;
};

/** Drops and creates `name` on the server of `url`; returns its URL. */
export async function recreateDatabase(url: string, name: string): Promise<string> {
  await admin(url, `DROP DATABASE IF EXISTS ${safeName(name)} WITH (FORCE)`);
  await admin(url, `CREATE DATABASE ${safeName(name)}`);
  return withDatabaseName(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, `DROP DATABASE IF EXISTS ${safeName(name)} WITH (FORCE)`);
}

/** Names of the databases on the server of `url` that start with `prefix` (no wildcards). */
export async function databasesStartingWith(url: string, prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname',
      [prefix],
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
