/**
 * Loads the launch catalog (missions, achievements) idempotently: a re-run adds
 * nothing twice and writes only what changed; edited text updates the row it
 * loaded before (found through `companion_catalog_entries`), an item dropped
 * from the catalog is deactivated, and the seed's sample rows the Extrovertly
 * app may already hold are adopted by title instead of duplicated.
 */
import type { SqlExecutor } from './client.ts';
import { ACHIEVEMENTS, MISSIONS, type AchievementSeed, type MissionSeed } from './reference-data.ts';

export interface LoadResult {
  readonly inserted: number;
  readonly updated: number;
  readonly deactivated: number;
}

interface CatalogSpec<Item> {
  readonly kind: 'mission' | 'achievement';
  readonly table: 'missions' | 'achievements';
  /** Column name → SQL type (for parameters) and the item's value. */
  readonly touchesUpdatedAt: boolean;
  readonly columns: ReadonlyArray<readonly [column: string, type: string, value: (item: Item) => unknown]>;
}

const missionSpec: CatalogSpec<MissionSeed> = {
  kind: 'mission',
  table: 'missions',
  touchesUpdatedAt: true,
  columns: [
    ['title', 'varchar', (m) => m.title],
    ['description', 'text', (m) => m.description],
    ['difficulty', 'varchar', (m) => m.difficulty],
    ['category', 'varchar', (m) => m.category],
    ['points', 'integer', (m) => m.points],
    ['time_estimate', 'varchar', (m) => m.timeEstimate],
    ['tips', 'text[]', (m) => [...m.tips]],
    ['is_active', 'boolean', () => true],
  ],
};

const achievementSpec: CatalogSpec<AchievementSeed> = {
  kind: 'achievement',
  table: 'achievements',
  touchesUpdatedAt: false,
  columns: [
    ['title', 'varchar', (a) => a.title],
    ['description', 'text', (a) => a.description],
    ['icon', 'varchar', (a) => a.icon],
    ['category', 'varchar', (a) => a.category],
    ['requirements', 'jsonb', (a) => JSON.stringify(a.requirements)],
    ['points_reward', 'integer', (a) => a.pointsReward],
    ['is_active', 'boolean', () => true],
  ],
};

export async function loadReferenceData(
  sql: SqlExecutor,
  catalog: { missions: readonly MissionSeed[]; achievements: readonly AchievementSeed[] } = {
    missions: MISSIONS,
    achievements: ACHIEVEMENTS,
  },
): Promise<LoadResult> {
  const missions = await loadCatalog(sql, missionSpec, catalog.missions);
  const achievements = await loadCatalog(sql, achievementSpec, catalog.achievements);
  return {
    inserted: missions.inserted + achievements.inserted,
    updated: missions.updated + achievements.updated,
    deactivated: missions.deactivated + achievements.deactivated,
  };
}

async function loadCatalog<Item extends { key: string; title: string }>(
  sql: SqlExecutor,
  spec: CatalogSpec<Item>,
  items: readonly Item[],
): Promise<LoadResult> {
  const mapped = new Map(
    (await sql.query<{ key: string; row_id: string }>('SELECT key, row_id FROM companion_catalog_entries WHERE kind = $1', [spec.kind])).map(
      (r) => [r.key, r.row_id],
    ),
  );
  const rows = await sql.query<{ id: string; title: string }>(`SELECT id, title FROM ${spec.table}`);
  const existingIds = new Set(rows.map((r) => r.id));
  const mappedIds = new Set(mapped.values());
  const unmappedByTitle = new Map(rows.filter((r) => !mappedIds.has(r.id)).map((r) => [r.title, r.id]));

  const names = spec.columns.map(([column]) => column);
  const params = spec.columns.map(([, type], i) => `$${i + 2}::${type}`);
  const touch = spec.touchesUpdatedAt ? ', updated_at = CURRENT_TIMESTAMP' : '';
  const update = `UPDATE ${spec.table} SET (${names.join(', ')}) = (${params.join(', ')})${touch}
    WHERE id = $1 AND (${names.join(', ')}) IS DISTINCT FROM (${params.join(', ')}) RETURNING id`;
  const insertParams = spec.columns.map(([, type], i) => `$${i + 1}::${type}`);
  const insert = `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${insertParams.join(', ')}) RETURNING id`;

  let inserted = 0;
  let updated = 0;
  for (const item of items) {
    const values = spec.columns.map(([, , value]) => value(item));
    const mappedId = mapped.get(item.key);
    let rowId = mappedId !== undefined && existingIds.has(mappedId) ? mappedId : unmappedByTitle.get(item.title);
    if (rowId !== undefined) {
      updated += (await sql.query(update, [rowId, ...values])).length;
    } else {
      const [row] = await sql.query<{ id: string }>(insert, values);
      rowId = row!.id;
      inserted++;
    }
    if (rowId !== mappedId) {
      await sql.query(
        `INSERT INTO companion_catalog_entries (kind, key, row_id) VALUES ($1, $2, $3)
         ON CONFLICT (kind, key) DO UPDATE SET row_id = EXCLUDED.row_id`,
        [spec.kind, item.key, rowId],
      );
    }
  }

  const keep = new Set(items.map((item) => item.key));
  const dropped = [...mapped].filter(([key]) => !keep.has(key)).map(([, id]) => id);
  const deactivated =
    dropped.length === 0
      ? 0
      : (await sql.query(`UPDATE ${spec.table} SET is_active = false WHERE id = ANY($1::uuid[]) AND is_active IS DISTINCT FROM false RETURNING id`, [dropped]))
          .length;
  return { inserted, updated, deactivated };
}
