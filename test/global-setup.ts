/**
 * Builds the database templates once per run: PGlite's initdb takes seconds, so
 * test files load a dumped data directory instead (blank or migrated), and on
 * Postgres they copy a migrated template database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testDatabaseUrl } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { databaseUrlFor } from './helpers/postgres-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteBlankTemplate: string;
    pgliteMigratedTemplate: string;
    postgresPrefix: string | null;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'extrovertly-test-'));
  const blank = await PGlite.create();
  writeFileSync(join(dir, 'blank.tar'), Buffer.from(await (await blank.dumpDataDir('none')).arrayBuffer()));
  const db = await openDatabase({ kind: 'pglite', instance: blank });
  await prepareDatabase(db);
  writeFileSync(join(dir, 'migrated.tar'), Buffer.from(await (await blank.dumpDataDir('none')).arrayBuffer()));
  await db.close();
  project.provide('pgliteBlankTemplate', join(dir, 'blank.tar'));
  project.provide('pgliteMigratedTemplate', join(dir, 'migrated.tar'));

  const adminUrl = testDatabaseUrl();
  let prefix: string | null = null;
  if (adminUrl) {
    prefix = `ext_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${prefix}_template TEMPLATE template0`);
    await admin.end();
    const template = await openDatabase({ kind: 'postgres', url: databaseUrlFor(adminUrl, `${prefix}_template`) });
    await prepareDatabase(template);
    await template.close();
  } else {
    process.stderr.write('TEST_DATABASE_URL is not set: the suite runs against embedded PGlite only.\n');
  }
  project.provide('postgresPrefix', prefix);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (adminUrl && prefix) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await admin.end();
    }
  };
}
