import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../src/core/deps.ts';
import { listJournalEntries, MOODS, suggestPrompt, writeJournalEntry, type WriteJournalEntryInput } from '../src/core/journal.ts';
import { logMood } from '../src/core/mood.ts';
import { choosePrompt, moodGroupOf, promptsFor, REFLECTION_PROMPTS, type MoodGroup } from '../src/core/reflection-prompts.ts';
import { updateSettings } from '../src/core/users.ts';
import { coreDeps, newUser, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

const DAY = 86_400_000;

describe('reflection prompt catalog', () => {
  it('holds at least 36 distinct prompts of at most 500 characters, several for every mood group', () => {
    const texts = REFLECTION_PROMPTS.map((p) => p.text);
    expect(texts.length).toBeGreaterThanOrEqual(36);
    expect(new Set(texts).size).toBe(texts.length);
    for (const text of texts) {
      expect(text.trim()).toBe(text);
      expect(text.length).toBeGreaterThan(10);
      expect(text.length).toBeLessThanOrEqual(500);
    }
    for (const group of ['positive', 'anxious', 'low', 'drained', 'any'] as MoodGroup[]) {
      expect(promptsFor(group).length, group).toBeGreaterThanOrEqual(6);
    }
  });

  it('places every offered mood and common words of its own in a group, and leaves mixed or negated feelings ungrouped', () => {
    for (const mood of MOODS) expect(moodGroupOf(mood), mood).not.toBeNull();
    expect(moodGroupOf('happy')).toBe('positive');
    expect(moodGroupOf('nervous')).toBe('anxious');
    expect(moodGroupOf('lonely')).toBe('low');
    expect(moodGroupOf('overwhelmed')).toBe('drained');
    expect(moodGroupOf('a bit worried')).toBe('anxious');
    expect(moodGroupOf('really burnt out')).toBe('drained');
    expect(moodGroupOf('hopeless')).toBe('low');
    expect(moodGroupOf('excited but nervous')).toBeNull();
    expect(moodGroupOf('not happy')).toBeNull();
    expect(moodGroupOf('purple')).toBeNull();
    expect(moodGroupOf(null)).toBeNull();
  });

  it('choosePrompt falls back to the suitable prompt used longest ago when everything was used lately', () => {
    const low = promptsFor('low');
    const general = promptsFor('any');
    const recent = [...low, ...general]; // newest first: the general ones were used before the low ones
    expect(choosePrompt('low', recent, () => 0.99)).toBe(low[low.length - 1]);
    expect(choosePrompt('low', general.slice(1), () => 0)).toBe(low[0]);
    expect(choosePrompt('low', low, () => 0)).toBe(general[0]);
  });
});

describe.each(DB_KINDS)('journal service on %s', (kind) => {
  let t: TestDatabase;
  let deps: CoreDeps & { clock: TestClock };

  beforeAll(async () => {
    t = await freshDatabase(kind);
    deps = coreDeps(t.db);
  });
  afterAll(async () => t.dispose());

  const write = (userId: string, input: Partial<WriteJournalEntryInput> = {}) =>
    writeJournalEntry(deps, userId, { content: 'I said hello to a neighbour today', mood: 'calm', ...input });

  const entryCount = async (userId: string) =>
    (await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM journal_entries WHERE user_id = $1', [userId]))[0]!.n;

  describe('writeJournalEntry', () => {
    it('saves a private entry by default at the clock time and returns the word count', async () => {
      const at = new Date(Date.now() - 3_600_000);
      deps.clock.set(at);
      const user = await newUser(deps);
      const result = await write(user.id, { content: '  Asked a colleague\nabout her   weekend  ', mood: 'hopeful' });

      expect(result.entry).toMatchObject({ content: 'Asked a colleague\nabout her   weekend', mood: 'hopeful', tags: [], isPrivate: true, wordCount: 6 });
      expect(result.entry.createdAt.toISOString()).toBe(at.toISOString());
      const [row] = await sql<{ is_private: boolean; word_count: number; created_at: Date; user_id: string }>(
        t.db,
        'SELECT is_private, word_count, created_at, user_id FROM journal_entries WHERE id = $1',
        [result.entry.id],
      );
      expect(row).toMatchObject({ is_private: true, word_count: 6, user_id: user.id });
      expect(new Date(row!.created_at).toISOString()).toBe(at.toISOString());
    });

    it('keeps an entry shared when the person says so, and stores the reflection prompt', async () => {
      deps.clock.set(new Date());
      const user = await newUser(deps);
      const prompt = promptsFor('positive')[0]!;
      const { entry } = await write(user.id, { isPrivate: false, reflectionPrompt: `  ${prompt} ` });
      expect(entry).toMatchObject({ isPrivate: false, reflectionPrompt: prompt });
      const [row] = await sql<{ is_private: boolean; reflection_prompt: string }>(t.db, 'SELECT is_private, reflection_prompt FROM journal_entries WHERE id = $1', [entry.id]);
      expect(row).toEqual({ is_private: false, reflection_prompt: prompt });
    });

    it('refuses an empty entry with a kind message naming the content', async () => {
      const user = await newUser(deps);
      for (const content of ['', '   \n  ', undefined]) {
        await expect(write(user.id, { content: content as string })).rejects.toMatchObject({
          code: 'invalid_input',
          message: expect.stringMatching(/^content: write a few words/),
        });
      }
      expect(await entryCount(user.id)).toBe(0);
    });

    it('accepts 4,000 characters and refuses more, stating the maximum', async () => {
      deps.clock.set(new Date());
      const user = await newUser(deps);
      await expect(write(user.id, { content: 'a'.repeat(4001) })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/^content: write at most 4,000 characters \(this entry has 4,001\)/),
      });
      expect(await entryCount(user.id)).toBe(0);
      const { entry } = await write(user.id, { content: `  ${'b'.repeat(4000)}  ` });
      expect(entry.content).toHaveLength(4000);
    });

    it('enforces the limits of mood, tags and reflection prompt and refuses unknown options before writing anything', async () => {
      const user = await newUser(deps);
      const refused = async (input: Record<string, unknown>, message: RegExp) =>
        expect(write(user.id, input as Partial<WriteJournalEntryInput>)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });

      await refused({ mood: undefined }, /^mood: pick how you feel/);
      await refused({ mood: '   ' }, /^mood: pick how you feel/);
      await refused({ mood: 'x'.repeat(51) }, /^mood: describe it in at most 50 characters/);
      await refused({ reflectionPrompt: 'p'.repeat(501) }, /^reflectionPrompt: .*500 characters/);
      await refused({ tags: ['fine', 't'.repeat(31)] }, /^tags: keep each tag to 30 characters or fewer/);
      await refused({ tags: Array.from({ length: 11 }, (_, i) => `tag${i}`) }, /^tags: add at most 10 tags \(you gave 11\)/);
      await refused({ tags: 42 }, /^tags: /);
      await refused({ isPrivate: 'yes' }, /^isPrivate: must be true or false/);
      await refused({ visibility: 'public' }, /I don't know the option visibility/);
      expect(await entryCount(user.id)).toBe(0);
    });

    it('normalises tags: lowercased, # stripped, blanks dropped, each kept once, from a list or a string', async () => {
      deps.clock.set(new Date());
      const user = await newUser(deps);
      const fromList = await write(user.id, { tags: ['#Work', 'work', '  Friends ', '', '##FRIENDS'] });
      expect(fromList.entry.tags).toEqual(['work', 'friends']);
      const fromString = await write(user.id, { tags: '#Gym, family  #GYM,,coffee' });
      expect(fromString.entry.tags).toEqual(['gym', 'family', 'coffee']);
      // Twelve given, ten distinct: within the limit once repeats are folded.
      const many = await write(user.id, { tags: [...Array.from({ length: 10 }, (_, i) => `T${i}`), '#t1', 't2'] });
      expect(many.entry.tags).toHaveLength(10);
      const [row] = await sql<{ tags: string[] }>(t.db, 'SELECT tags FROM journal_entries WHERE id = $1', [fromString.entry.id]);
      expect(row!.tags).toEqual(['gym', 'family', 'coffee']);
    });

    it("normalises the mood's case and spacing and keeps a mood in the person's own words", async () => {
      deps.clock.set(new Date());
      const user = await newUser(deps);
      expect((await write(user.id, { mood: '  Calm ' })).entry.mood).toBe('calm');
      expect((await write(user.id, { mood: 'Quietly   OPTIMISTIC' })).entry.mood).toBe('quietly optimistic');
      expect(MOODS).toEqual(expect.arrayContaining(['happy', 'calm', 'nervous', 'anxious', 'sad', 'lonely', 'tired', 'overwhelmed']));
    });

    it('returns the streak the database computed after entries on consecutive days', async () => {
      const user = await newUser(deps);
      // Relative to real now: the streak trigger counts days against the database's clock.
      const base = Date.now();
      const results = [];
      for (const daysAgo of [2, 1, 0]) {
        deps.clock.set(new Date(base - daysAgo * DAY));
        results.push(await write(user.id));
      }
      // A run that ended two days ago is no current streak; it still counts as the longest.
      expect(results.map((r) => [r.streakDays, r.longestStreak, r.daysProtected])).toEqual([
        [0, 1, 0],
        [2, 2, 0],
        [3, 3, 0],
      ]);
      const [row] = await sql<{ streak_days: number; longest_streak: number }>(t.db, 'SELECT streak_days, longest_streak FROM users WHERE id = $1', [user.id]);
      expect(row).toEqual({ streak_days: 3, longest_streak: 3 });
    });

    it("counts the entry on the progress row of the person's local date, not the UTC date", async () => {
      const user = await newUser(deps);
      await updateSettings(deps, user.id, { timezone: 'Pacific/Auckland' });
      // 20:00 UTC on 10 June is 08:00 on 11 June in Auckland.
      deps.clock.set('2025-06-10T20:00:00.000Z');
      await write(user.id, { mood: 'proud' });
      deps.clock.advance(3_600_000);
      await write(user.id, { mood: 'tired' });

      const rows = await sql<{ day: string; journal_entries: number; activities_completed: number; mood: string }>(
        t.db,
        'SELECT tracking_date::text AS day, journal_entries, activities_completed, mood FROM progress_tracking WHERE user_id = $1 ORDER BY tracking_date',
        [user.id],
      );
      expect(rows).toEqual([{ day: '2025-06-11', journal_entries: 2, activities_completed: 2, mood: 'tired' }]);
    });

    it("awards 'First Steps' on the first entry only and adds its reward to total_points once", async () => {
      deps.clock.set(new Date());
      const user = await newUser(deps);
      const points = async () => (await sql<{ p: number }>(t.db, 'SELECT total_points AS p FROM users WHERE id = $1', [user.id]))[0]!.p;
      const reward = (r: { newAchievements: readonly { pointsReward: number }[] }) => r.newAchievements.reduce((s, a) => s + a.pointsReward, 0);
      expect(await points()).toBe(0);

      const first = await write(user.id);
      const firstSteps = first.newAchievements.find((a) => a.title === 'First Steps');
      expect(firstSteps).toMatchObject({ pointsReward: 50, icon: '📝' });
      expect(await points()).toBe(reward(first));
      const afterFirst = await points();

      deps.clock.advance(60_000);
      const second = await write(user.id);
      expect(second.newAchievements.map((a) => a.title)).not.toContain('First Steps');
      expect(await points()).toBe(afterFirst + reward(second));
      const earned = await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM user_achievements WHERE user_id = $1 AND achievement_id = $2', [
        user.id,
        firstSteps!.id,
      ]);
      expect(earned[0]!.n).toBe(1);
    });

    it('refuses to write for a person it does not know', async () => {
      await expect(write(randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  describe('listJournalEntries', () => {
    async function readAll(userId: string, limit: number) {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await listJournalEntries(deps, userId, cursor ? { limit, cursor } : { limit });
        pages.push(page.entries.map((e) => e.id));
        cursor = page.nextCursor;
        expect(pages.length).toBeLessThan(20);
      } while (cursor);
      return pages;
    }

    it('pages newest first, 5 at a time, returning every entry exactly once even when timestamps tie', async () => {
      const user = await newUser(deps);
      const start = Date.now() - 10 * 3_600_000;
      const written: { id: string; at: number }[] = [];
      // Entries 4-8 share one instant, straddling the first page boundary.
      const offsets = [0, 1, 2, 3, 3, 3, 3, 3, 4, 5, 5, 6];
      for (const [i, offset] of offsets.entries()) {
        deps.clock.set(new Date(start + offset * 60_000));
        const { entry } = await write(user.id, { content: `entry number ${i}` });
        written.push({ id: entry.id, at: entry.createdAt.getTime() });
      }

      const pages = await readAll(user.id, 5);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
      const ids = pages.flat();
      expect(new Set(ids).size).toBe(12);
      expect(new Set(ids)).toEqual(new Set(written.map((w) => w.id)));

      const first = await listJournalEntries(deps, user.id);
      expect(first.entries).toHaveLength(5);
      const times = ids.map((id) => written.find((w) => w.id === id)!.at);
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(first.entries[0]).toMatchObject({ content: 'entry number 11', mood: 'calm', isPrivate: true, wordCount: 3 });
    });

    it('keeps the order of entries that differ only in microseconds', async () => {
      const user = await newUser(deps);
      // The Extrovertly app writes created_at with microseconds, which JavaScript dates cannot hold.
      const micros = ['.123456', '.123400', '.123999', '.124000', '.123000'];
      for (const m of micros) {
        await sql(t.db, `INSERT INTO journal_entries (user_id, content, mood, created_at) VALUES ($1, $2, 'calm', $3::timestamptz)`, [
          user.id,
          `at ${m}`,
          `2025-01-01 12:00:00${m}+00`,
        ]);
      }
      const pages = await readAll(user.id, 1);
      expect(pages.flat()).toHaveLength(5);
      const contents: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listJournalEntries(deps, user.id, cursor ? { limit: 2, cursor } : { limit: 2 });
        contents.push(...page.entries.map((e) => e.content));
        cursor = page.nextCursor;
      } while (cursor);
      expect(contents).toEqual(['at .124000', 'at .123999', 'at .123456', 'at .123400', 'at .123000']);
    });

    it("never shows another person's entries, even when given their page link", async () => {
      deps.clock.set(new Date());
      const alice = await newUser(deps);
      const bob = await newUser(deps);
      for (let i = 0; i < 3; i++) await write(alice.id, { content: `alice ${i}` });
      const bobs = await write(bob.id, { content: 'bob only' });

      const bobPage = await listJournalEntries(deps, bob.id, { limit: 25 });
      expect(bobPage.entries.map((e) => e.id)).toEqual([bobs.entry.id]);
      expect(bobPage.nextCursor).toBeNull();

      const alicePage = await listJournalEntries(deps, alice.id, { limit: 1 });
      expect(alicePage.nextCursor).not.toBeNull();
      const withAlicesCursor = await listJournalEntries(deps, bob.id, { limit: 25, cursor: alicePage.nextCursor! });
      expect(withAlicesCursor.entries.every((e) => e.content === 'bob only')).toBe(true);

      const nobody = await listJournalEntries(deps, randomUUID());
      expect(nobody).toEqual({ entries: [], nextCursor: null });
    });

    it('refuses a page size outside 1 to 25 and a page link it did not make', async () => {
      const user = await newUser(deps);
      for (const limit of [0, 26, 2.5]) {
        await expect(listJournalEntries(deps, user.id, { limit })).rejects.toMatchObject({
          code: 'invalid_input',
          message: expect.stringMatching(/^limit: show from 1 to 25 entries/),
        });
      }
      for (const cursor of ['garbage', Buffer.from('12.not-a-uuid').toString('base64url'), Buffer.from("1'; DROP TABLE x").toString('base64url')]) {
        await expect(listJournalEntries(deps, user.id, { cursor })).rejects.toMatchObject({
          code: 'invalid_input',
          message: expect.stringMatching(/^cursor: /),
        });
      }
    });
  });

  describe('suggestPrompt', () => {
    it('gives a general prompt and no mood to someone without history', async () => {
      const user = await newUser(deps);
      const suggestion = await suggestPrompt(deps, user.id);
      expect(suggestion.basedOnMood).toBeNull();
      expect(promptsFor('any')).toContain(suggestion.prompt);
    });

    it('matches the group of the last journal mood', async () => {
      deps.clock.set(new Date());
      const user = await newUser(deps);
      await write(user.id, { mood: 'Nervous' });
      for (let i = 0; i < 10; i++) {
        const suggestion = await suggestPrompt(deps, user.id);
        expect(suggestion.basedOnMood).toBe('nervous');
        expect(promptsFor('anxious')).toContain(suggestion.prompt);
      }
    });

    it('follows whichever came last: the journal entry or the mood log', async () => {
      const user = await newUser(deps);
      const base = Date.now() - 3 * 3_600_000;
      deps.clock.set(new Date(base));
      await write(user.id, { mood: 'happy' });
      deps.clock.set(new Date(base + 60_000));
      await logMood(deps, user.id, { mood: 'lonely', intensity: 6 });
      let suggestion = await suggestPrompt(deps, user.id);
      expect(suggestion.basedOnMood).toBe('lonely');
      expect(promptsFor('low')).toContain(suggestion.prompt);

      deps.clock.set(new Date(base + 120_000));
      await write(user.id, { mood: 'overwhelmed' });
      suggestion = await suggestPrompt(deps, user.id);
      expect(suggestion.basedOnMood).toBe('overwhelmed');
      expect(promptsFor('drained')).toContain(suggestion.prompt);
    });

    it('avoids the prompts of the latest entries and falls back to a general prompt when all suitable ones were used', async () => {
      const user = await newUser(deps);
      const anxious = promptsFor('anxious');
      const base = Date.now() - 24 * 3_600_000;
      for (const [i, prompt] of anxious.slice(0, -1).entries()) {
        deps.clock.set(new Date(base + i * 60_000));
        await write(user.id, { mood: 'anxious', reflectionPrompt: prompt });
      }
      for (let i = 0; i < 10; i++) {
        expect(await suggestPrompt(deps, user.id)).toEqual({ prompt: anxious[anxious.length - 1], basedOnMood: 'anxious' });
      }

      deps.clock.set(new Date(base + anxious.length * 60_000));
      await write(user.id, { mood: 'anxious', reflectionPrompt: anxious[anxious.length - 1] });
      for (let i = 0; i < 10; i++) {
        const suggestion = await suggestPrompt(deps, user.id);
        expect(anxious).not.toContain(suggestion.prompt);
        expect(promptsFor('any')).toContain(suggestion.prompt);
      }
    });

    it('offers a prompt again once it is no longer among the latest 10 entries', async () => {
      const user = await newUser(deps);
      const low = promptsFor('low');
      const base = Date.now() - 24 * 3_600_000;
      const general = promptsFor('any');
      // Oldest: every low prompt; then ten newer entries with general prompts push them out of the window.
      const history = [...low, ...general.slice(0, 10)];
      for (const [i, prompt] of history.entries()) {
        deps.clock.set(new Date(base + i * 60_000));
        await write(user.id, { mood: i < low.length ? 'sad' : 'calm', reflectionPrompt: prompt });
      }
      deps.clock.set(new Date(base + history.length * 60_000));
      await logMood(deps, user.id, { mood: 'sad', intensity: 4 });
      const suggestion = await suggestPrompt(deps, user.id);
      expect(suggestion.basedOnMood).toBe('sad');
      expect(low).toContain(suggestion.prompt);
    });
  });
});
