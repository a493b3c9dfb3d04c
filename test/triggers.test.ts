import { describe, expect, it } from 'vitest';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';
import { insertEntryAt, insertUser, localTime, streakOf } from './helpers/fixtures.ts';

describe.each(DB_KINDS)('seed triggers on %s', (kind) => {
  const t = useDatabase(kind);

  describe('mission points', () => {
    it('adds the mission points exactly once when a mission is completed', async () => {
      const user = await insertUser(t.db);
      const [mission] = await sql<{ id: string }>(
        t.db,
        "INSERT INTO missions (title, description, difficulty, category, points) VALUES ('Wave hello', 'Wave', 'beginner', 'conversation', 20) RETURNING id",
      );
      const [um] = await sql<{ id: string }>(t.db, 'INSERT INTO user_missions (user_id, mission_id) VALUES ($1, $2) RETURNING id', [
        user,
        mission!.id,
      ]);
      const points = async () => (await sql<{ total_points: number }>(t.db, 'SELECT total_points FROM users WHERE id = $1', [user]))[0]!.total_points;

      await sql(t.db, "UPDATE user_missions SET status = 'in_progress', started_at = now() WHERE id = $1", [um!.id]);
      expect(await points()).toBe(0);
      await sql(t.db, "UPDATE user_missions SET status = 'completed', completed_at = now() WHERE id = $1", [um!.id]);
      expect(await points()).toBe(20);
      await sql(t.db, "UPDATE user_missions SET status = 'completed', notes = 'went well' WHERE id = $1", [um!.id]);
      await sql(t.db, 'UPDATE user_missions SET satisfaction_rating = 5 WHERE id = $1', [um!.id]);
      expect(await points()).toBe(20);
    });
  });

  describe('journal streak', () => {
    it('counts consecutive days ending today, across several entries on one day', async () => {
      const user = await insertUser(t.db);
      for (const daysAgo of [2, 1, 0, 0, 0]) await insertEntryAt(t.db, user, localTime('UTC', daysAgo));
      expect(await streakOf(t.db, user)).toEqual({ streak: 3, longest: 3 });
    });

    it('starts again after a gap and keeps the longest run', async () => {
      const user = await insertUser(t.db);
      for (const daysAgo of [9, 8, 7, 6, 3, 1, 0]) await insertEntryAt(t.db, user, localTime('UTC', daysAgo));
      expect(await streakOf(t.db, user)).toEqual({ streak: 2, longest: 4 });
    });

    it('keeps a streak that ended yesterday and drops one that ended earlier', async () => {
      const yesterday = await insertUser(t.db);
      for (const daysAgo of [3, 2, 1]) await insertEntryAt(t.db, yesterday, localTime('UTC', daysAgo));
      expect(await streakOf(t.db, yesterday)).toEqual({ streak: 3, longest: 3 });

      const lapsed = await insertUser(t.db);
      for (const daysAgo of [4, 3, 2]) await insertEntryAt(t.db, lapsed, localTime('UTC', daysAgo));
      expect(await streakOf(t.db, lapsed)).toEqual({ streak: 0, longest: 3 });
    });

    it('joins runs when an entry for a missing day arrives late (backfill)', async () => {
      const user = await insertUser(t.db);
      for (const daysAgo of [0, 3, 1, 5, 4]) await insertEntryAt(t.db, user, localTime('UTC', daysAgo));
      expect(await streakOf(t.db, user)).toEqual({ streak: 2, longest: 3 });
      await insertEntryAt(t.db, user, localTime('UTC', 2));
      expect(await streakOf(t.db, user)).toEqual({ streak: 6, longest: 6 });
      const runs = await sql(t.db, 'SELECT start_date, end_date FROM companion_journal_streak_runs WHERE user_id = $1', [user]);
      expect(runs).toHaveLength(1);
    });

    it("counts days in the user's time zone, not in UTC", async () => {
      // 23:00 yesterday and 00:30 today in Los Angeles fall on the same UTC date.
      const la = await insertUser(t.db, { timezone: 'America/Los_Angeles' });
      await insertEntryAt(t.db, la, localTime('America/Los_Angeles', 1, 23));
      await insertEntryAt(t.db, la, localTime('America/Los_Angeles', 0, 0, 30));
      expect(await streakOf(t.db, la)).toEqual({ streak: 2, longest: 2 });

      // 01:00 and 23:00 today in Tokyo fall on two UTC dates but are one local day.
      const tokyo = await insertUser(t.db, { timezone: 'Asia/Tokyo' });
      await insertEntryAt(t.db, tokyo, localTime('Asia/Tokyo', 0, 1));
      await insertEntryAt(t.db, tokyo, localTime('Asia/Tokyo', 0, 23));
      expect(await streakOf(t.db, tokyo)).toEqual({ streak: 1, longest: 1 });
    });

    it('falls back to UTC for an unknown time zone instead of refusing the entry', async () => {
      const user = await insertUser(t.db, { timezone: 'Mars/Olympus_Mons' });
      await insertEntryAt(t.db, user, localTime('UTC', 1, 10));
      await insertEntryAt(t.db, user, localTime('UTC', 0, 10));
      expect(await streakOf(t.db, user)).toEqual({ streak: 2, longest: 2 });
    });

    it('recounts the days when the user changes time zone', async () => {
      // 23:30 yesterday and midnight today in Los Angeles: one UTC date, two local days.
      const user = await insertUser(t.db);
      await insertEntryAt(t.db, user, localTime('America/Los_Angeles', 1, 23, 30));
      await insertEntryAt(t.db, user, localTime('America/Los_Angeles', 0, 0));
      expect(await streakOf(t.db, user)).toEqual({ streak: 1, longest: 1 });
      await sql(t.db, `UPDATE users SET preferences = preferences || '{"timezone": "America/Los_Angeles"}' WHERE id = $1`, [user]);
      expect(await streakOf(t.db, user)).toEqual({ streak: 2, longest: 2 });
      await sql(t.db, `UPDATE users SET preferences = preferences - 'timezone' WHERE id = $1`, [user]);
      expect(await streakOf(t.db, user)).toEqual({ streak: 1, longest: 2 });
    });

    it('takes a deleted day out of the streak but never lowers the longest streak', async () => {
      const user = await insertUser(t.db);
      const ids: string[] = [];
      for (const daysAgo of [2, 1, 0]) ids.push(await insertEntryAt(t.db, user, localTime('UTC', daysAgo)));
      const extra = await insertEntryAt(t.db, user, localTime('UTC', 1, 18));
      await sql(t.db, 'DELETE FROM journal_entries WHERE id = $1', [extra]);
      expect(await streakOf(t.db, user)).toEqual({ streak: 3, longest: 3 });
      await sql(t.db, 'DELETE FROM journal_entries WHERE id = $1', [ids[1]]);
      expect(await streakOf(t.db, user)).toEqual({ streak: 1, longest: 3 });
    });

    it('moves an entry whose date is edited', async () => {
      const user = await insertUser(t.db);
      await insertEntryAt(t.db, user, localTime('UTC', 0));
      const moved = await insertEntryAt(t.db, user, localTime('UTC', 5));
      expect(await streakOf(t.db, user)).toEqual({ streak: 1, longest: 1 });
      await sql(t.db, `UPDATE journal_entries SET created_at = ${localTime('UTC', 1)} WHERE id = $1`, [moved]);
      expect(await streakOf(t.db, user)).toEqual({ streak: 2, longest: 2 });
    });

    it('removes every trace of a deleted user', async () => {
      const user = await insertUser(t.db);
      await insertEntryAt(t.db, user, localTime('UTC', 0));
      await sql(t.db, 'DELETE FROM users WHERE id = $1', [user]);
      expect(await sql(t.db, 'SELECT 1 FROM companion_journal_streak_runs WHERE user_id = $1', [user])).toEqual([]);
    });
  });

  describe('word_count', () => {
    it('is generated from the content by the database', async () => {
      const user = await insertUser(t.db);
      const id = await insertEntryAt(t.db, user, 'now()', 'I said hi to a neighbour');
      const entry = await t.db.prisma.journalEntry.findUniqueOrThrow({ where: { id } });
      expect(entry.wordCount).toBe(6);
    });

    it('cannot be written through the client: the database refuses it and nothing is stored', async () => {
      const user = await insertUser(t.db);
      await expect(
        t.db.prisma.journalEntry.create({ data: { userId: user, content: 'two words', mood: 'calm', wordCount: 99 } }),
      ).rejects.toThrow(/word_count/);
      expect(await sql(t.db, 'SELECT 1 FROM journal_entries WHERE user_id = $1', [user])).toEqual([]);
      const entry = await t.db.prisma.journalEntry.create({ data: { userId: user, content: 'three small words', mood: 'calm' } });
      expect(entry.wordCount).toBe(3);
      await expect(t.db.prisma.journalEntry.update({ where: { id: entry.id }, data: { wordCount: 1 } })).rejects.toThrow(/word_count/);
      const [row] = await sql<{ word_count: number }>(t.db, 'SELECT word_count FROM journal_entries WHERE id = $1', [entry.id]);
      expect(row!.word_count).toBe(3);
    });
  });
});
