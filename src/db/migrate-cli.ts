/** `npm run db:migrate`: applies pending migrations and loads the reference catalog, then exits. */
import { loadConfig } from '../config.ts';
import { StartupError } from '../errors.ts';
import { openDatabase } from './client.ts';
import { prepareDatabase } from './prepare.ts';

try {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const { migrations, catalog } = await prepareDatabase(db);
    const applied = migrations.applied.length > 0 ? `applied ${migrations.applied.join(', ')}` : 'no pending migrations';
    process.stdout.write(
      `${applied} (${migrations.alreadyApplied} already applied); catalog: ${catalog.inserted} added, ${catalog.updated} updated, ${catalog.deactivated} retired\n`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  const known = error instanceof StartupError;
  process.stderr.write(`db:migrate: ${known ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exitCode = 1;
}
