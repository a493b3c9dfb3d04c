import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../src/core/deps.ts';
import { computeWeeklyInsights } from '../src/core/insights.ts';
import { deleteUserData, exportUserData } from '../src/core/privacy.ts';
import type { Database } from '../src/db/client.ts';
import { coreDeps, newUser, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const NOBODY = '00000000-0000-4000-8000-000000000000';

/** Public base tables with a user_id column, read from information_schema (independently of the service). */
async function userIdTables(db: Database): Promise<string[]> {
  const rows = await sql<{ table_name: string }>(
    db,
    `SELECT c.table_name::text FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name = 'user_id' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

/** Rows per table.column naming `userId`, over every public base table with a user_id or organizer_id column. */
async function rowsNaming(db: Database, userId: string): Promise<Record<string, number>> {
  const columns = await sql<{ table_name: string; column_name: string }>(
    db,
    `SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = 'public' AND c.column_name IN ('user_id', 'organizer_id')`,
  );
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const [row] = await sql<{ n: number }>(db, `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text = $1`, [userId]);
    found[`${table_name}.${column_name}`] = row!.n;
  }
  const [user] = await sql<{ n: number }>(db, 'SELECT count(*)::int AS n FROM users WHERE id = $1', [userId]);
  found['users.id'] = user!.n;
  return found;
}

async function one<T = Record<string, unknown>>(db: Database, text: string, params: unknown[] = []): Promise<T> {
  const [row] = await sql<T>(db, text, params);
  return row!;
}

/** A person with a row in every table the seed and companion keep about people. */
async function filledPerson(deps: CoreDeps, db: Database, name: string, timezone: string): Promise<{ id: string; eventId: string }> {
  const id = (await newUser(deps, { timezone, displayName: name })).id;
  await sql(db, `INSERT INTO user_profiles (user_id, bio, interests) VALUES ($1, $2, ARRAY['board games'])`, [id, `${name} likes quiet cafés`]);
  await sql(db, `INSERT INTO journal_entries (user_id, content, mood, created_at) VALUES ($1, $2, 'hopeful', '2026-11-17T09:00:00Z')`, [
    id,
    `${name} said hello to a neighbour`,
  ]);
  const mission = await one<{ id: string }>(
    db,
    `INSERT INTO missions (title, description, difficulty, category, points) VALUES ($1, 'Say hello', 'beginner', 'conversation', 10) RETURNING id`,
    [`${name}'s hello mission`],
  );
  await sql(db, `INSERT INTO user_missions (user_id, mission_id, status, completed_at) VALUES ($1, $2, 'completed', '2026-11-18T09:00:00Z')`, [id, mission.id]);
  const event = await one<{ id: string }>(
    db,
    `INSERT INTO events (title, description, date, time, category, comfort_level, organizer_id, organizer_name, price)
     VALUES ($1, 'Come along', '2026-11-20', '18:30', 'social', 'low', $2, $3, 5.50) RETURNING id`,
    [`${name}'s games night`, id, name],
  );
  const achievement = await one<{ id: string }>(
    db,
    `INSERT INTO achievements (title, description, icon, requirements) VALUES ($1, 'First step', '*', '{}') RETURNING id`,
    [`${name}'s first step`],
  );
  await sql(db, 'INSERT INTO user_achievements (user_id, achievement_id) VALUES ($1, $2)', [id, achievement.id]);
  const conversation = await one<{ id: string }>(db, 'INSERT INTO coach_conversations (user_id) VALUES ($1) RETURNING id', [id]);
  await sql(db, `INSERT INTO coach_messages (conversation_id, content, sender) VALUES ($1, $2, 'user'), ($1, 'You can do it', 'coach')`, [
    conversation.id,
    `${name} feels nervous about parties`,
  ]);
  await sql(db, `INSERT INTO progress_tracking (user_id, tracking_date, confidence_level) VALUES ($1, '2026-11-17', 6.5)`, [id]);
  await sql(db, `INSERT INTO mood_tracking (user_id, mood, intensity, triggers, recorded_at) VALUES ($1, 'calm', 6, ARRAY['work'], '2026-11-18T09:00:00Z')`, [
    id,
  ]);
  await sql(db, `INSERT INTO social_goals (user_id, title) VALUES ($1, $2)`, [id, `${name} joins a club`]);
  await computeWeeklyInsights(deps, id, '2026-11-16');
  return { id, eventId: event.id };
}

describe.each(DB_KINDS)('privacy on %s', (kind) => {
  let t: TestDatabase;
  let deps: CoreDeps & { clock: TestClock };
  let ana: { id: string; eventId: string };
  let ben: { id: string; eventId: string };

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db, '2026-11-25T12:00:00Z');
    ana = await filledPerson(deps, t.db, 'Ana', 'Pacific/Auckland');
    ben = await filledPerson(deps, t.db, 'Ben', 'America/Los_Angeles');
    // Each goes to the other's event.
    await sql(t.db, `INSERT INTO event_attendees (event_id, user_id, status) VALUES ($1, $2, 'going'), ($3, $4, 'going')`, [
      ben.eventId,
      ana.id,
      ana.eventId,
      ben.id,
    ]);
  });
  afterAll(async () => t.dispose());

  describe('export', () => {
    it('holds every table with a user_id column, each with only the person’s rows', async () => {
      const data = await exportUserData(deps, ana.id);
      const tables = await userIdTables(t.db);
      const filled = [
        'user_profiles',
        'journal_entries',
        'user_missions',
        'event_attendees',
        'user_achievements',
        'coach_conversations',
        'progress_tracking',
        'weekly_insights',
        'mood_tracking',
        'social_goals',
        'companion_platform_identities',
        'companion_journal_streak_runs',
      ];
      expect(tables).toEqual(expect.arrayContaining(filled));
      expect(Object.keys(data.tables).sort()).toEqual(tables);
      for (const table of filled) expect(data.tables[table]!.length, table).toBeGreaterThan(0);
      for (const table of tables) {
        for (const row of data.tables[table]!) expect(row.user_id, table).toBe(ana.id);
      }
      expect(data.tables.weekly_insights).toHaveLength(5);
      expect(data.user.id).toBe(ana.id);
      expect(data.userId).toBe(ana.id);
      expect(data.exportedAt).toBe('2026-11-25T12:00:00.000Z');
    });

    it('contains nothing of the other person', async () => {
      const text = JSON.stringify(await exportUserData(deps, ana.id));
      expect(text).not.toContain(ben.id);
      expect(text).not.toContain('Ben said hello');
      expect(text).not.toContain('Ben feels nervous');
      expect(text).not.toContain('Ben likes');
      expect(text).toContain('Ana said hello to a neighbour');
    });

    it('is plain JSON: numbers for decimals, ISO strings for times', async () => {
      const data = await exportUserData(deps, ana.id);
      expect(JSON.parse(JSON.stringify(data))).toEqual(data);
      expect(data.user.confidence_level).toBe(3);
      expect(data.user.created_at).toBe('2026-11-25T12:00:00.000Z');
      expect(data.tables.progress_tracking![0]).toMatchObject({ confidence_level: 6.5, tracking_date: '2026-11-17' });
      expect(data.tables.journal_entries![0]).toMatchObject({ created_at: '2026-11-17T09:00:00.000Z', word_count: 6 });
      expect(data.tables.mood_tracking![0]).toMatchObject({ triggers: ['work'], recorded_at: '2026-11-18T09:00:00.000Z' });
      expect(data.organizedEvents).toEqual([
        expect.objectContaining({ id: ana.eventId, title: "Ana's games night", price: 5.5, organizer_name: 'Ana', date: '2026-11-20' }),
      ]);
    });

    it('names missions, achievements and events, and nests coach messages in their conversation', async () => {
      const data = await exportUserData(deps, ana.id);
      expect(data.tables.user_missions![0]).toMatchObject({ mission_title: "Ana's hello mission", status: 'completed' });
      expect(data.tables.user_achievements![0]).toMatchObject({ achievement_title: "Ana's first step" });
      expect(data.tables.event_attendees![0]).toMatchObject({ event_id: ben.eventId, event_title: "Ben's games night", event_date: '2026-11-20' });
      const [conversation] = data.tables.coach_conversations!;
      expect((conversation!.messages as Array<{ content: string }>).map((m) => m.content).sort()).toEqual([
        'Ana feels nervous about parties',
        'You can do it',
      ]);
    });

    it('includes a table a later migration adds', async () => {
      await sql(t.db, 'CREATE TABLE companion_test_notes (id serial PRIMARY KEY, user_id uuid REFERENCES users(id) ON DELETE CASCADE, note text)');
      await sql(t.db, `INSERT INTO companion_test_notes (user_id, note) VALUES ($1, 'ana note'), ($2, 'ben note')`, [ana.id, ben.id]);
      const data = await exportUserData(deps, ana.id);
      expect(data.tables.companion_test_notes).toEqual([{ id: expect.any(Number), user_id: ana.id, note: 'ana note' }]);
    });

    it('answers not_found for someone unknown', async () => {
      await expect(exportUserData(deps, NOBODY)).rejects.toMatchObject({ code: 'not_found' });
      await expect(exportUserData(deps, 'someone')).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('delete', () => {
    it('refuses and changes nothing when a row would still name the person', async () => {
      const carl = (await newUser(deps)).id;
      await sql(t.db, 'CREATE TABLE companion_test_mentions (organizer_id uuid)');
      try {
        await sql(t.db, 'INSERT INTO companion_test_mentions VALUES ($1)', [carl]);
        await expect(deleteUserData(deps, carl)).rejects.toThrow(/companion_test_mentions\.organizer_id: 1/);
        expect((await rowsNaming(t.db, carl))['users.id']).toBe(1);
        expect((await rowsNaming(t.db, carl))['companion_platform_identities.user_id']).toBe(1);
      } finally {
        await sql(t.db, 'DROP TABLE companion_test_mentions');
      }
    });

    it('removes every row naming the person, keeps the other person’s, and unlinks their events', async () => {
      // A table without a foreign key to users is emptied too.
      await sql(t.db, 'CREATE TABLE IF NOT EXISTS companion_test_loose (user_id uuid, note text)');
      await sql(t.db, `INSERT INTO companion_test_loose VALUES ($1, 'loose'), ($2, 'loose')`, [ana.id, ben.id]);
      const benBefore = await rowsNaming(t.db, ben.id);
      expect(Object.values(await rowsNaming(t.db, ana.id)).some((n) => n > 0)).toBe(true);

      const summary = await deleteUserData(deps, ana.id);

      const anaAfter = await rowsNaming(t.db, ana.id);
      expect(Object.entries(anaAfter).filter(([, n]) => n > 0)).toEqual([]);
      expect(await rowsNaming(t.db, ben.id)).toEqual(benBefore);
      expect(summary).toEqual({
        userId: ana.id,
        eventsUnlinked: 1,
        removed: expect.objectContaining({
          users: 1,
          user_profiles: 1,
          journal_entries: 1,
          user_missions: 1,
          event_attendees: 1,
          user_achievements: 1,
          coach_conversations: 1,
          coach_messages: 2,
          progress_tracking: 1,
          weekly_insights: 5,
          mood_tracking: 1,
          social_goals: 1,
          companion_platform_identities: 1,
          companion_journal_streak_runs: 1,
          companion_test_notes: 1,
          companion_test_loose: 1,
        }),
      });

      const event = await one(t.db, 'SELECT organizer_id, organizer_name, title FROM events WHERE id = $1', [ana.eventId]);
      expect(event).toEqual({ organizer_id: null, organizer_name: null, title: "Ana's games night" });
      expect(await one(t.db, 'SELECT organizer_name FROM events WHERE id = $1', [ben.eventId])).toEqual({ organizer_name: 'Ben' });
      // Ben still goes to the event Ana organised.
      expect(await one(t.db, 'SELECT status FROM event_attendees WHERE event_id = $1 AND user_id = $2', [ana.eventId, ben.id])).toEqual({
        status: 'going',
      });
      expect(
        await one(t.db, `SELECT count(*)::int AS n FROM coach_messages WHERE content LIKE 'Ana%'`),
      ).toEqual({ n: 0 });
      expect(
        await one(t.db, `SELECT count(*)::int AS n FROM coach_messages WHERE content LIKE 'Ben%'`),
      ).toEqual({ n: 1 });
      expect((await exportUserData(deps, ben.id)).tables.journal_entries).toHaveLength(1);
    });

    it('answers not_found for someone unknown or already deleted', async () => {
      await expect(deleteUserData(deps, NOBODY)).rejects.toMatchObject({ code: 'not_found' });
      await expect(deleteUserData(deps, ana.id)).rejects.toMatchObject({ code: 'not_found' });
      await expect(deleteUserData(deps, 'someone')).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});
