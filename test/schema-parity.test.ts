/**
 * The migrated database holds everything the seed document's own SQL creates:
 * compared with a database built from those SQL blocks, not with a hand-made list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrator.ts';
import { catalogSnapshot, type CatalogSnapshot } from './helpers/catalog.ts';
import { DB_KINDS, freshDatabase, type TestDatabase } from './helpers/databases.ts';
import { seedSchemaSql } from './helpers/seed-document.ts';

describe.each(DB_KINDS)('schema parity with the seed document on %s', (kind) => {
  let seedDb: TestDatabase;
  let migratedDb: TestDatabase;
  let seed: CatalogSnapshot;
  let migrated: CatalogSnapshot;

  beforeAll(async () => {
    seedDb = await freshDatabase(kind, { migrated: false });
    await seedDb.db.session((s) => s.exec(seedSchemaSql()));
    migratedDb = await freshDatabase(kind, { migrated: false });
    await migrate(migratedDb.db);
    [seed, migrated] = await Promise.all([catalogSnapshot(seedDb.db), catalogSnapshot(migratedDb.db)]);
  });
  afterAll(async () => {
    await seedDb?.dispose();
    await migratedDb?.dispose();
  });

  const missingFromMigrated = (part: keyof Omit<CatalogSnapshot, 'functions'>) => seed[part].filter((line) => !migrated[part].includes(line));

  it('reads the whole seed: 15 tables, 2 views, 9 named indexes, 2 triggers', () => {
    expect(seed.relations.filter((r) => r.startsWith('r '))).toHaveLength(15);
    expect(seed.relations.filter((r) => r.startsWith('v '))).toHaveLength(2);
    expect(seed.indexes.filter((i) => / idx_/.test(i))).toHaveLength(9);
    expect(seed.triggers).toHaveLength(2);
  });

  it('has every seed table and view', () => {
    expect(missingFromMigrated('relations')).toEqual([]);
  });

  it('has every seed column with its type, default, nullability and generation', () => {
    expect(missingFromMigrated('columns')).toEqual([]);
  });

  it('has every CHECK, UNIQUE, primary and foreign key constraint with its delete rule', () => {
    expect(seed.constraints.some((c) => /ON DELETE SET NULL/.test(c))).toBe(true);
    expect(missingFromMigrated('constraints')).toEqual([]);
  });

  it('has every seed index', () => {
    expect(missingFromMigrated('indexes')).toEqual([]);
  });

  it('has both seed triggers on their tables and events', () => {
    expect(missingFromMigrated('triggers')).toEqual([]);
  });

  it('has both seed views with the same definition', () => {
    expect(missingFromMigrated('views')).toEqual([]);
  });

  it('keeps the points function as written and replaces only the placeholder streak body', () => {
    expect(migrated.functions.get('update_user_points')).toBe(seed.functions.get('update_user_points'));
    expect(seed.functions.get('update_journal_streak')).toMatch(/INTERVAL '30 days'/);
    expect(migrated.functions.get('update_journal_streak')).not.toMatch(/INTERVAL '30 days'/);
  });

  it('adds only tables of its own beside the seed (prefixed companion_)', () => {
    const added = migrated.relations.filter((r) => !seed.relations.includes(r)).map((r) => r.slice(2));
    expect(added.filter((name) => !name.startsWith('companion_') && name !== '_prisma_migrations')).toEqual([]);
  });
});
