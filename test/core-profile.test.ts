import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMFORT_CONTEXTS, getProfile, updateProfile } from '../src/core/profile.ts';
import { coreDeps, newUser } from './helpers/core.ts';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';

describe.each(DB_KINDS)('profile on %s', (kind) => {
  const t = useDatabase(kind);

  const NOW = '2026-03-10T12:00:00Z';
  const deps = () => coreDeps(t.db, NOW);

  type Row = { id: string; bio: string | null; interests: string[] | null; comfort_levels: unknown; social_contexts: unknown; updated_at: Date };
  const rowsOf = (userId: string) =>
    sql<Row>(t.db, 'SELECT id, bio, interests, comfort_levels, social_contexts, updated_at FROM user_profiles WHERE user_id = $1 ORDER BY created_at', [
      userId,
    ]);

  it('knows the mission categories as comfort contexts', async () => {
    const categories = await sql<{ category: string }>(t.db, 'SELECT DISTINCT category FROM missions WHERE is_active');
    expect(categories.length).toBeGreaterThan(0);
    for (const { category } of categories) expect(COMFORT_CONTEXTS).toContain(category);
  });

  it('shows empty defaults, the first name and the confidence level before any profile exists, without writing a row', async () => {
    const d = deps();
    const user = await newUser(d, { displayName: 'Maya Lin' });
    expect(await getProfile(d, user.id)).toEqual({
      firstName: 'Maya',
      confidenceLevel: 3,
      bio: null,
      socialGoals: [],
      interests: [],
      comfortLevels: {},
      socialContexts: {},
      updatedAt: null,
    });
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('creates the profile on the first update and changes only the given parts afterwards', async () => {
    const d = deps();
    const user = await newUser(d);
    const created = await updateProfile(d, user.id, { bio: '  Quiet but curious.  ', socialGoals: ['Make one new friend', 'Speak up at work'] });
    expect(created).toMatchObject({ bio: 'Quiet but curious.', socialGoals: ['Make one new friend', 'Speak up at work'], interests: [] });
    expect(created.updatedAt?.toISOString()).toBe('2026-03-10T12:00:00.000Z');

    d.clock.advance(60_000);
    const updated = await updateProfile(d, user.id, { interests: ['chess'] });
    expect(updated).toMatchObject({ bio: 'Quiet but curious.', socialGoals: ['Make one new friend', 'Speak up at work'], interests: ['chess'] });
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]!.updated_at).toISOString()).toBe('2026-03-10T12:01:00.000Z');
    expect(await getProfile(d, user.id)).toEqual(updated);

    const cleared = await updateProfile(d, user.id, { bio: '', interests: null });
    expect(cleared).toMatchObject({ bio: null, interests: [] });
  });

  it('merges comfort levels: new contexts are added, given ones replaced, and null removes one', async () => {
    const d = deps();
    const user = await newUser(d);
    await updateProfile(d, user.id, { comfortLevels: { conversation: 2, events: 4 } });
    const merged = await updateProfile(d, user.id, { comfortLevels: { conversation: 3, 'Job Interviews': 1, events: null } });
    expect(merged.comfortLevels).toEqual({ conversation: 3, job_interviews: 1 });
    expect((await rowsOf(user.id))[0]!.comfort_levels).toEqual({ conversation: 3, job_interviews: 1 });
    const removedAbsent = await updateProfile(d, user.id, { comfortLevels: { networking: null } });
    expect(removedAbsent.comfortLevels).toEqual({ conversation: 3, job_interviews: 1 });
  });

  it('refuses comfort levels outside 1-5, badly named contexts and more than 20 contexts', async () => {
    const d = deps();
    const user = await newUser(d);
    for (const value of [0, 6, 2.5, '3']) {
      await expect(updateProfile(d, user.id, { comfortLevels: { conversation: value as number } })).rejects.toMatchObject({
        code: 'invalid_input',
        message: 'comfortLevels.conversation: must be a whole number from 1 to 5, or null to remove it',
      });
    }
    await expect(updateProfile(d, user.id, { comfortLevels: { 'small/talk': 3 } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^comfortLevels\.small\/talk: name a context with letters, digits and underscores/),
    });
    await expect(updateProfile(d, user.id, { comfortLevels: { ['a'.repeat(51)]: 3 } })).rejects.toMatchObject({ code: 'invalid_input' });
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`context_${i}`, 3]));
    await expect(updateProfile(d, user.id, { comfortLevels: many })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'comfortLevels: set at most 20 contexts at a time',
    });

    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`context_${i}`, 3]));
    await updateProfile(d, user.id, { comfortLevels: twenty });
    await expect(updateProfile(d, user.id, { comfortLevels: { one_more: 2 } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^comfortLevels: you can keep at most 20 contexts; remove one by setting it to null/),
    });
    const swapped = await updateProfile(d, user.id, { comfortLevels: { context_0: null, one_more: 2, context_1: 5 } });
    expect(Object.keys(swapped.comfortLevels)).toHaveLength(20);
    expect(swapped.comfortLevels).toMatchObject({ one_more: 2, context_1: 5 });
    expect(swapped.comfortLevels).not.toHaveProperty('context_0');
  });

  it('normalises interests to lowercase without repeats and enforces their limits', async () => {
    const d = deps();
    const user = await newUser(d);
    const profile = await updateProfile(d, user.id, { interests: ['  Board   Games ', 'board games', 'HIKING', '', 'Hiking', 'Jazz'] });
    expect(profile.interests).toEqual(['board games', 'hiking', 'jazz']);
    expect((await rowsOf(user.id))[0]!.interests).toEqual(['board games', 'hiking', 'jazz']);

    const twentyWithRepeats = [...Array.from({ length: 20 }, (_, i) => `topic ${i}`), 'TOPIC 1', 'Topic 2'];
    expect((await updateProfile(d, user.id, { interests: twentyWithRepeats })).interests).toHaveLength(20);
    await expect(updateProfile(d, user.id, { interests: Array.from({ length: 21 }, (_, i) => `topic ${i}`) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'interests: list at most 20 interests',
    });
    await expect(updateProfile(d, user.id, { interests: ['x'.repeat(51)] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'interests.0: keep each interest to at most 50 characters',
    });
  });

  it('refuses a long bio, too many or too long social goals and unknown fields, with messages naming the field', async () => {
    const d = deps();
    const user = await newUser(d);
    await expect(updateProfile(d, user.id, { bio: 'x'.repeat(1001) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'bio: write at most 1,000 characters',
    });
    await expect(updateProfile(d, user.id, { socialGoals: Array.from({ length: 11 }, (_, i) => `Goal ${i}`) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'socialGoals: list at most 10 goals',
    });
    await expect(updateProfile(d, user.id, { socialGoals: ['y'.repeat(201)] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'socialGoals.0: keep each goal to at most 200 characters',
    });
    await expect(updateProfile(d, user.id, { socialContexts: { ['k'.repeat(101)]: 1 } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/^socialContexts: /),
    });
    await expect(updateProfile(d, user.id, { nickname: 'Ace' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('merges social contexts, removing keys set to null', async () => {
    const d = deps();
    const user = await newUser(d);
    await updateProfile(d, user.id, { socialContexts: { work: { team_size: 8 }, family: 'close' } });
    const merged = await updateProfile(d, user.id, { socialContexts: { family: null, school: ['evening class'] } });
    expect(merged.socialContexts).toEqual({ work: { team_size: 8 }, school: ['evening class'] });
  });

  it('updates the newest of several rows another app left, and keeps what it does not understand', async () => {
    const d = deps();
    const user = await newUser(d);
    await sql(
      t.db,
      `INSERT INTO user_profiles (user_id, bio, comfort_levels, created_at, updated_at) VALUES
         ($1, 'old', '{"conversation": 1}', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
         ($1, 'newer', '{"conversation": 2, "mood": "sunny"}', '2025-02-01T00:00:00Z', '2025-06-01T00:00:00Z')`,
      [user.id],
    );
    expect(await getProfile(d, user.id)).toMatchObject({ bio: 'newer', comfortLevels: { conversation: 2 } });
    const updated = await updateProfile(d, user.id, { comfortLevels: { events: 4 } });
    expect(updated).toMatchObject({ bio: 'newer', comfortLevels: { conversation: 2, events: 4 } });
    const rows = await rowsOf(user.id);
    expect(rows.map((r) => [r.bio, r.comfort_levels])).toEqual([
      ['old', { conversation: 1 }],
      ['newer', { conversation: 2, mood: 'sunny', events: 4 }],
    ]);
  });

  it('leaves exactly one row with every change when updates for a new person race', async () => {
    const d = deps();
    const user = await newUser(d);
    const [a, b] = await Promise.all([
      updateProfile(d, user.id, { bio: 'Loves long walks', comfortLevels: { conversation: 2 } }),
      updateProfile(d, user.id, { interests: ['Poetry'], comfortLevels: { networking: 4 } }),
    ]);
    expect([a.bio, b.bio]).toContain('Loves long walks');
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ bio: 'Loves long walks', interests: ['poetry'], comfort_levels: { conversation: 2, networking: 4 } });

    const other = await newUser(d);
    await Promise.all(COMFORT_CONTEXTS.map((context, i) => updateProfile(d, other.id, { comfortLevels: { [context]: (i % 5) + 1 } })));
    const otherRows = await rowsOf(other.id);
    expect(otherRows).toHaveLength(1);
    expect(Object.keys(otherRows[0]!.comfort_levels as object).sort()).toEqual([...COMFORT_CONTEXTS].sort());
  });

  it('answers not_found for someone who does not exist', async () => {
    const d = deps();
    await expect(getProfile(d, randomUUID())).rejects.toMatchObject({ code: 'not_found' });
    await expect(updateProfile(d, randomUUID(), { bio: 'hello' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
