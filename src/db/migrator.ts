/**
 * Applies `prisma/migrations/<name>/migration.sql` in order, each in its own
 * transaction, recording them in `_prisma_migrations` exactly as Prisma Migrate
 * does (same table, same SHA-256 checksum), so `prisma migrate status` and
 * `deploy` agree where Prisma's schema engine is available. Holds Prisma's own
 * advisory lock, so two processes (or this and `prisma migrate deploy`) never
 * apply a migration twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from '../errors.ts';
import type { Database, SqlSession } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** The key Prisma Migrate locks with (`pg_advisory_lock(72707369)`). */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface Migration {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/** A database that must not be started on; `message` is one line saying why and what to do. */
export class MigrationError extends StartupError {
  override readonly name = 'MigrationError';
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/** Applies every pending migration; refuses, before applying anything, when an applied one has changed. */
export async function migrate(db: Database, migrations: readonly Migration[] = readMigrations()): Promise<MigrateResult> {
  return withMigrationLock(db, (session) => applyPending(session, migrations));
}

/**
 * Runs `fn` while holding the migration lock: other processes starting at the
 * same time wait, so start-up work (migrations, reference data) runs once at a time.
 */
export async function withMigrationLock<T>(db: Database, fn: (session: SqlSession) => Promise<T>): Promise<T> {
  return db.session(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      return await fn(session);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
    }
  });
}

/** Applies pending migrations on a session that holds the migration lock. */
export async function applyPending(session: SqlSession, migrations: readonly Migration[]): Promise<MigrateResult> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await session.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row]));

  for (const row of rows) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but did not finish; repair the database, then mark it with "prisma migrate resolve"`,
      );
    }
  }
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row && !sameScript(row.checksum, migration)) {
      throw new MigrationError(
        `Migration ${migration.name} was changed after it was applied; restore prisma/migrations/${migration.name}/migration.sql and put the change in a new migration`,
      );
    }
  }

  const pending = migrations.filter((migration) => !applied.has(migration.name));
  for (const migration of pending) {
    await session.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    });
  }
  return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
}

// A checkout with Windows line endings holds the same migration: accept it, as Prisma does.
function sameScript(recorded: string, migration: Migration): boolean {
  return (
    recorded === migration.checksum ||
    recorded === checksumOf(migration.sql.replace(/\r\n/g, '\n')) ||
    recorded === checksumOf(migration.sql.replace(/\r?\n/g, '\r\n'))
  );
}
