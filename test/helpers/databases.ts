/**
 * Fresh databases for tests, on every kind the run has: embedded PGlite always,
 * Postgres when TEST_DATABASE_URL is set (CI sets it).
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { testDatabaseUrl } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { databaseUrlFor } from './postgres-url.ts';

export type DbKind = 'pglite' | 'postgres';

export const DB_KINDS: DbKind[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  readonly db: Database;
  /** Postgres only: the database's URL, for a second connection or process. */
  readonly url: string | undefined;
  /** Closes and removes the database. */
  dispose(): Promise<void>;
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** A new empty Postgres database (without the companion's migrations); returns its URL. */
export async function createPostgresDatabase(template: 'template0' | 'migrated' = 'template0'): Promise<string> {
  const prefix = inject('postgresPrefix');
  if (!prefix) throw new Error('Postgres tests need TEST_DATABASE_URL');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const source = template === 'migrated' ? `${prefix}_template` : 'template0';
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`));
  return databaseUrlFor(testDatabaseUrl()!, name);
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export async function createPglite(template: 'blank' | 'migrated'): Promise<PGlite> {
  const file = inject(template === 'blank' ? 'pgliteBlankTemplate' : 'pgliteMigratedTemplate');
  return PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
}

/** A fresh database of `kind`, migrated with the reference catalog loaded unless `migrated` is false. */
export async function freshDatabase(kind: DbKind, { migrated = true } = {}): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', instance: await createPglite(migrated ? 'migrated' : 'blank') });
    return { db, url: undefined, dispose: () => db.close() };
  }
  const url = await createPostgresDatabase(migrated ? 'migrated' : 'template0');
  const db = await openDatabase({ kind: 'postgres', url });
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await dropPostgresDatabase(url);
    },
  };
}

/** Runs one query on a session of `db`. */
export function sql<Row = Record<string, unknown>>(db: Database, text: string, params: readonly unknown[] = []): Promise<Row[]> {
  return db.session((s) => s.query<Row>(text, params));
}

/**
 * A fresh database for the enclosing describe block: created before its tests,
 * removed after them. Read `db` and `url` inside tests and hooks.
 */
export function useDatabase(kind: DbKind, options: { migrated?: boolean } = {}): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await freshDatabase(kind, options);
  });
  afterAll(async () => {
    await current?.dispose();
  });
  const opened = () => {
    if (!current) throw new Error('useDatabase: the database exists only inside tests and hooks');
    return current;
  };
  return {
    get db() {
      return opened().db;
    },
    get url() {
      return opened().url;
    },
    dispose: () => opened().dispose(),
  };
}
