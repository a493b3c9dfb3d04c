import type { Database } from './client.ts';
import { loadReferenceData, type LoadResult } from './load-reference-data.ts';
import { applyPending, readMigrations, withMigrationLock, type MigrateResult } from './migrator.ts';

export interface PrepareResult {
  readonly migrations: MigrateResult;
  readonly catalog: LoadResult;
}

/**
 * Brings a database up to date before the companion starts: pending migrations,
 * then the reference catalog, under one lock so processes starting together take turns.
 */
export async function prepareDatabase(db: Database): Promise<PrepareResult> {
  return withMigrationLock(db, async (session) => {
    const migrations = await applyPending(session, readMigrations());
    const catalog = await session.transaction((tx) => loadReferenceData(tx));
    return { migrations, catalog };
  });
}
