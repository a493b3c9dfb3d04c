import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openDatabase } from '../src/db/client.ts';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations, type Migration } from '../src/db/migrator.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const MIGRATIONS = readMigrations();

describe.each(DB_KINDS)('migrator on %s', (kind) => {
  let t: TestDatabase;
  afterEach(async () => t?.dispose());

  const recorded = () =>
    sql<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      t.db,
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );

  it('applies every migration once, in order, recording Prisma checksums; a second run does nothing', async () => {
    t = await freshDatabase(kind, { migrated: false });
    const first = await migrate(t.db);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(4);

    const rows = await recorded();
    expect(rows.map((r) => r.migration_name)).toEqual(MIGRATIONS.map((m) => m.name));
    for (const row of rows) {
      const file = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    const second = await migrate(t.db);
    expect(second).toEqual({ applied: [], alreadyApplied: MIGRATIONS.length });
    expect(await recorded()).toHaveLength(MIGRATIONS.length);
  });

  it('applies each migration once when two runs start together', async () => {
    t = await freshDatabase(kind, { migrated: false });
    // On Postgres the second run is another connection pool, as another process would be.
    const other = t.url ? await openDatabase({ kind: 'postgres', url: t.url }) : t.db;
    try {
      const results = await Promise.all([migrate(t.db), migrate(other)]);
      expect(results.flatMap((r) => r.applied).sort()).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await recorded()).toHaveLength(MIGRATIONS.length);
    } finally {
      if (other !== t.db) await other.close();
    }
  });

  it('refuses an applied migration whose file has changed, before applying anything else', async () => {
    t = await freshDatabase(kind, { migrated: false });
    await migrate(t.db);
    const edited: Migration[] = MIGRATIONS.map((m, i) =>
      i === 1 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'f'.repeat(64) } : m,
    );
    const next: Migration = { name: '99990101000000_next', sql: 'CREATE TABLE companion_next (id INT)', checksum: 'a'.repeat(64) };

    const attempt = migrate(t.db, [...edited, next]);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(new RegExp(`^Migration ${MIGRATIONS[1]!.name} was changed after it was applied; [^\\n]+$`));
    expect(await sql(t.db, "SELECT to_regclass('companion_next') AS t")).toEqual([{ t: null }]);
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    t = await freshDatabase(kind, { migrated: false });
    const broken: Migration = {
      name: '99990101000000_broken',
      sql: 'CREATE TABLE companion_half (id INT);\nSELECT * FROM no_such_table;',
      checksum: 'b'.repeat(64),
    };
    await expect(migrate(t.db, [...MIGRATIONS, broken])).rejects.toThrow(/no_such_table/);
    expect(await sql(t.db, "SELECT to_regclass('companion_half') AS t")).toEqual([{ t: null }]);
    expect((await recorded()).map((r) => r.migration_name)).toEqual(MIGRATIONS.map((m) => m.name));
  });
});
