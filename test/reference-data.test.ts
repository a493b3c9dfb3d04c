import { afterEach, describe, expect, it } from 'vitest';
import { COUNTER_METRICS, parseRequirements } from '../src/core/achievement-requirements.ts';
import { loadReferenceData } from '../src/db/load-reference-data.ts';
import { migrate } from '../src/db/migrator.ts';
import { ACHIEVEMENTS, MISSIONS } from '../src/db/reference-data.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { seedSampleDataSql } from './helpers/seed-document.ts';

const SEED_MISSION_TITLES = ['Start a Conversation', 'Give a Compliment', 'Join a Group Discussion'];
const SEED_ACHIEVEMENT_TITLES = ['First Steps', 'Consistent Writer', 'Social Butterfly', 'Conversation Starter'];

describe('the launch catalog', () => {
  it('holds the seed missions and at least 30 more over three difficulties and six categories', () => {
    expect(MISSIONS.slice(0, 3).map((m) => m.title)).toEqual(SEED_MISSION_TITLES);
    expect(MISSIONS.length).toBeGreaterThanOrEqual(33);
    expect(new Set(MISSIONS.map((m) => m.difficulty))).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
    const categories = new Set(MISSIONS.map((m) => m.category));
    for (const c of ['conversation', 'social_skills', 'group_social', 'assertiveness', 'vulnerability', 'events']) {
      expect(categories).toContain(c);
    }
  });

  it('gives every mission a description, a time estimate and 2 to 4 tips within the column limits', () => {
    for (const m of MISSIONS) {
      expect(m.description.length, m.key).toBeGreaterThan(20);
      expect(m.title.length, m.key).toBeLessThanOrEqual(200);
      expect(m.timeEstimate.length, m.key).toBeGreaterThan(0);
      expect(m.timeEstimate.length, m.key).toBeLessThanOrEqual(50);
      expect(m.tips.length, m.key).toBeGreaterThanOrEqual(2);
      expect(m.tips.length, m.key).toBeLessThanOrEqual(4);
      expect(Number.isInteger(m.points) && m.points > 0, m.key).toBe(true);
    }
  });

  it('has unique keys and titles', () => {
    for (const list of [MISSIONS, ACHIEVEMENTS]) {
      expect(new Set(list.map((i) => i.key)).size).toBe(list.length);
      expect(new Set(list.map((i) => i.title)).size).toBe(list.length);
    }
  });

  it('holds the seed achievements and at least 12 more whose requirements the rules engine reads', () => {
    expect(ACHIEVEMENTS.slice(0, 4).map((a) => a.title)).toEqual(SEED_ACHIEVEMENT_TITLES);
    expect(ACHIEVEMENTS.length).toBeGreaterThanOrEqual(16);
    const categories = new Set(MISSIONS.map((m) => m.category));
    const used = new Set<string>();
    for (const a of ACHIEVEMENTS) {
      for (const { metric } of parseRequirements(a.requirements)) {
        if (typeof metric === 'string') used.add(metric);
        else {
          expect(categories, a.key).toContain(metric.categoryMissions);
          used.add('category_missions');
        }
      }
      expect([...a.icon].length, a.key).toBeLessThanOrEqual(2);
    }
    expect([...used].sort()).toEqual([...COUNTER_METRICS, 'category_missions'].sort());
  });

  it('sets per-category thresholds that the catalog can meet, since each mission completes once', () => {
    for (const a of ACHIEVEMENTS) {
      for (const { metric, threshold } of parseRequirements(a.requirements)) {
        if (typeof metric !== 'string') {
          expect(MISSIONS.filter((m) => m.category === metric.categoryMissions).length, a.key).toBeGreaterThanOrEqual(threshold);
        }
        if (metric === 'missions_completed') expect(MISSIONS.length, a.key).toBeGreaterThanOrEqual(threshold);
      }
    }
  });

  it('refuses requirements a rules engine could not evaluate', () => {
    expect(() => parseRequirements({ karma: 3 })).toThrow(/unknown achievement metric "karma"/);
    expect(() => parseRequirements({ journal_entries: 0 })).toThrow();
    expect(() => parseRequirements({})).toThrow();
    expect(parseRequirements({ assertiveness_missions: 4 })).toEqual([{ metric: { categoryMissions: 'assertiveness' }, threshold: 4 }]);
  });
});

describe.each(DB_KINDS)('loading the catalog on %s', (kind) => {
  let t: TestDatabase;
  afterEach(async () => t?.dispose());
  const count = async (table: string) => Number((await sql<{ n: string }>(t.db, `SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const load = (catalog?: Parameters<typeof loadReferenceData>[1]) => t.db.session((s) => s.transaction((tx) => loadReferenceData(tx, catalog)));

  it('loads every item once, and a second load changes nothing', async () => {
    t = await freshDatabase(kind);
    expect(await count('missions')).toBe(MISSIONS.length);
    expect(await count('achievements')).toBe(ACHIEVEMENTS.length);
    expect(await load()).toEqual({ inserted: 0, updated: 0, deactivated: 0 });
    expect(await count('missions')).toBe(MISSIONS.length);
  });

  it('updates the same row when catalog text is edited, and retires an item that was removed', async () => {
    t = await freshDatabase(kind);
    const [before] = await sql<{ id: string }>(t.db, 'SELECT id FROM missions WHERE title = $1', [MISSIONS[5]!.title]);
    const edited = MISSIONS.map((m, i) => (i === 5 ? { ...m, title: `${m.title} (gently)`, tips: [...m.tips, 'Breathe out slowly first'] } : m));
    const removed = edited.filter((m) => m.key !== MISSIONS[6]!.key);

    expect(await load({ missions: removed, achievements: ACHIEVEMENTS })).toEqual({ inserted: 0, updated: 1, deactivated: 1 });
    const [after] = await sql<{ id: string; title: string; tips: string[] }>(t.db, 'SELECT id, title, tips FROM missions WHERE id = $1', [
      before!.id,
    ]);
    expect(after!.title).toBe(`${MISSIONS[5]!.title} (gently)`);
    expect(after!.tips.at(-1)).toBe('Breathe out slowly first');
    expect(await count('missions')).toBe(MISSIONS.length);
    const [retired] = await sql<{ is_active: boolean }>(t.db, 'SELECT is_active FROM missions WHERE title = $1', [MISSIONS[6]!.title]);
    expect(retired!.is_active).toBe(false);

    // Putting the item back reactivates its row.
    expect(await load()).toEqual({ inserted: 0, updated: 2, deactivated: 0 });
  });

  it("adopts the seed's sample rows that the Extrovertly app already inserted instead of duplicating them", async () => {
    t = await freshDatabase(kind, { migrated: false });
    await migrate(t.db);
    await t.db.session((s) => s.exec(seedSampleDataSql()));
    const sampleIds = await sql<{ id: string }>(t.db, 'SELECT id FROM missions ORDER BY id');

    const result = await load();
    expect(result.inserted).toBe(MISSIONS.length - 3 + ACHIEVEMENTS.length - 4);
    expect(await count('missions')).toBe(MISSIONS.length);
    expect(await count('achievements')).toBe(ACHIEVEMENTS.length);
    const stillThere = await sql(t.db, 'SELECT id FROM missions WHERE id = ANY($1::uuid[])', [sampleIds.map((r) => r.id)]);
    expect(stillThere).toHaveLength(3);
  });
});
