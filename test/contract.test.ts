/**
 * The contract every platform keeps: the same invocation has the same effect on
 * the database and an equivalent, private reply on Discord, Slack and the console.
 * Each adapter runs through its real SDK (discord.js fed raw gateway payloads,
 * Bolt over HTTP with signed requests) against local fakes, on one PGlite database.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { createLogger } from '../src/logger.ts';
import { startConsole } from '../src/platforms/console/console-adapter.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../src/platforms/discord/discord-adapter.ts';
import type { SlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import type { RouterDeps } from '../src/router/dispatch.ts';
import { coreDeps, routerDeps } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import {
  DISCORD_APP_ID,
  discordFeeder,
  discordSlash,
  discordSub,
  signSlack,
  SLACK_TEAM,
  slackSlashBody,
  startFakeDiscord,
  startFakeSlack,
  startSlackOverHttp,
  waitFor,
  type FakeDiscord,
  type FakeSlack,
} from './helpers/platform-fakes.ts';

/** One name everywhere: replies greet people by it, so it must not differ between platforms. */
const DISPLAY_NAME = 'Robin';

type Option = { type: number; name: string; value: string | number };
const str = (name: string, value: string): Option => ({ type: 3, name, value });
const int = (name: string, value: number): Option => ({ type: 4, name, value });
const num = (name: string, value: number): Option => ({ type: 10, name, value });

interface Snapshot {
  readonly exists: boolean;
  readonly journal: Array<{ content: string; mood: string; tags: string[]; words: number | null }>;
  readonly moods: Array<{ mood: string; intensity: number | null; context: string | null; triggers: string[] }>;
  readonly goals: Array<{ title: string; category: string | null; target: number | null; current: number | null; status: string | null }>;
  readonly timezone: string | null;
  readonly snoozeUntil: string | null;
  readonly bio: string | null;
  readonly progress: Array<{ confidence: string | null; mood: string | null; journal: number | null; missions: number | null; points: number | null }>;
  readonly missions: number;
}

interface Row {
  /** What a person types on the console and after /extro on Slack. */
  readonly text: string;
  /** The same invocation as a Discord slash command. */
  readonly discord: { readonly name: string; readonly options: Array<Record<string, unknown>> };
  /** What the reply's first console line (the key phrase) must mention. */
  readonly phrase: string;
  /** What the invocation did to the person's rows (checked once; the platforms must agree). */
  readonly effect: (s: Snapshot) => void;
}

const nothingWritten = (s: Snapshot) => {
  expect(s.journal).toEqual([]);
  expect(s.moods).toEqual([]);
  expect(s.goals).toEqual([]);
  expect(s.progress).toEqual([]);
  expect(s.missions).toBe(0);
  expect(s.timezone).toBeNull();
  expect(s.snoozeUntil).toBeNull();
  expect(s.bio).toBeNull();
};

const TABLE: readonly Row[] = [
  {
    text: 'journal write mood:hopeful I said hi to a neighbour',
    discord: { name: 'journal', options: [discordSub('write', [str('content', 'I said hi to a neighbour'), str('mood', 'hopeful')])] },
    phrase: 'Journal entry saved',
    effect: (s) => {
      expect(s.journal).toEqual([{ content: 'I said hi to a neighbour', mood: 'hopeful', tags: [], words: 6 }]);
      expect(s.moods).toEqual([]);
    },
  },
  {
    text: 'mood log mood:calm intensity:6',
    discord: { name: 'mood', options: [discordSub('log', [str('mood', 'calm'), int('intensity', 6)])] },
    phrase: 'Mood logged',
    effect: (s) => {
      expect(s.moods).toEqual([{ mood: 'calm', intensity: 6, context: null, triggers: [] }]);
      expect(s.journal).toEqual([]);
    },
  },
  {
    text: 'mood log mood:nervous intensity:4 triggers:"work call" Big meeting tomorrow',
    discord: {
      name: 'mood',
      options: [discordSub('log', [str('mood', 'nervous'), int('intensity', 4), str('context', 'Big meeting tomorrow'), str('triggers', 'work call')])],
    },
    phrase: 'Mood logged',
    effect: (s) => {
      expect(s.moods).toHaveLength(1);
      expect(s.moods[0]).toMatchObject({ mood: 'nervous', intensity: 4, context: 'Big meeting tomorrow' });
    },
  },
  {
    text: 'checkin 7',
    discord: { name: 'checkin', options: [num('confidence', 7)] },
    phrase: 'Check-in saved',
    effect: (s) => {
      expect(s.progress).toHaveLength(1);
      expect(s.progress[0]!.confidence).toBe('7.0');
    },
  },
  {
    // Options come before the free text: in `goal add Say hello … target:3` the grammar reads target:3 as part of the title.
    text: 'goal add target:3 Say hello to three neighbours',
    discord: { name: 'goal', options: [discordSub('add', [str('title', 'Say hello to three neighbours'), int('target', 3)])] },
    phrase: 'New goal',
    effect: (s) => {
      expect(s.goals).toHaveLength(1);
      expect(s.goals[0]).toMatchObject({ title: 'Say hello to three neighbours', target: 3, current: 0, status: 'active' });
    },
  },
  {
    text: 'settings timezone:Europe/Berlin',
    discord: { name: 'settings', options: [str('timezone', 'Europe/Berlin')] },
    phrase: 'Settings',
    effect: (s) => {
      expect(s.exists).toBe(true);
      expect(s.timezone).toBe('Europe/Berlin');
      expect(s.journal).toEqual([]);
    },
  },
  {
    text: 'mission catalog difficulty:beginner',
    discord: { name: 'mission', options: [discordSub('catalog', [str('difficulty', 'beginner')])] },
    phrase: 'Mission catalog',
    effect: (s) => {
      expect(s.exists).toBe(true);
      nothingWritten(s);
    },
  },
  {
    text: 'mood log mood:calm intensity:11',
    discord: { name: 'mood', options: [discordSub('log', [str('mood', 'calm'), int('intensity', 11)])] },
    phrase: 'intensity',
    effect: nothingWritten,
  },
  {
    text: 'checkin 11',
    discord: { name: 'checkin', options: [num('confidence', 11)] },
    phrase: 'confidence',
    effect: nothingWritten,
  },
  {
    text: 'mood history',
    discord: { name: 'mood', options: [discordSub('history', [])] },
    phrase: 'Mood history',
    effect: nothingWritten,
  },
  {
    text: 'help',
    discord: { name: 'help', options: [] },
    phrase: 'Help',
    effect: nothingWritten,
  },
  { text: 'journal list', discord: { name: 'journal', options: [discordSub('list', [])] }, phrase: 'Your journal', effect: nothingWritten },
  { text: 'goal list', discord: { name: 'goal', options: [discordSub('list', [])] }, phrase: 'Your goals', effect: nothingWritten },
  { text: 'event list', discord: { name: 'event', options: [discordSub('list', [])] }, phrase: 'Upcoming events', effect: nothingWritten },
  { text: 'achievements', discord: { name: 'achievements', options: [] }, phrase: 'Achievements', effect: nothingWritten },
  { text: 'profile show', discord: { name: 'profile', options: [discordSub('show', [])] }, phrase: "Robin's profile", effect: nothingWritten },
  {
    text: 'profile set bio:"Quiet but curious"',
    discord: { name: 'profile', options: [discordSub('set', [str('bio', 'Quiet but curious')])] },
    phrase: 'Profile updated',
    effect: (s) => {
      expect(s.bio).toBe('Quiet but curious');
      expect(s.journal).toEqual([]);
    },
  },
  {
    text: 'reminders pause',
    discord: { name: 'reminders', options: [discordSub('pause', [])] },
    phrase: 'Reminders paused',
    effect: (s) => {
      expect(s.snoozeUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(s.journal).toEqual([]);
    },
  },
];

/** Title and text as one line: markup, escapes, runs of whitespace and the way commands are typed (`/extro help`, `/help`) removed. */
function normalize(text: string): string {
  return text
    .replace(/\/extro /g, '')
    .replace(/(^|\s)\/(?=[a-z])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Answer {
  /** Title and text, normalized. */
  readonly body: string;
  readonly private: boolean;
}

describe.each(DB_KINDS)('contract on %s: the same invocation on Discord, Slack and the console (real SDKs, local fakes)', (kind) => {
  let t: TestDatabase;
  let router: RouterDeps;
  let slackFake: FakeSlack;
  let slack: SlackAdapter;
  let slackBase: string;
  let discordFake: FakeDiscord;
  let discord: DiscordAdapter;
  let feed: (d: Record<string, unknown>) => void;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    router = routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') });
    slackFake = await startFakeSlack();
    ({ adapter: slack, base: slackBase } = await startSlackOverHttp(router, slackFake));
    discordFake = await startFakeDiscord();
    discord = createDiscordAdapter({
      router,
      discord: { token: 'test-token', applicationId: DISCORD_APP_ID, devGuildId: undefined, apiUrl: discordFake.url },
      logger: createLogger('silent'),
      // Late, so a slow machine still answers directly; a deferred answer is handled below all the same.
      deferAfterMs: 5_000,
    });
    feed = discordFeeder(discord.client);
  });
  afterAll(async () => {
    await discord?.stop();
    await slack?.stop();
    await discordFake?.close();
    await slackFake?.close();
    await t?.dispose();
  });

  async function userIdOf(platform: string, externalId: string): Promise<string | undefined> {
    const rows = await sql<{ id: string }>(
      t.db,
      'SELECT user_id::text AS id FROM companion_platform_identities WHERE platform = $1 AND external_id = $2',
      [platform, externalId],
    );
    return rows[0]?.id;
  }

  async function snapshot(platform: string, externalId: string): Promise<Snapshot> {
    const id = await userIdOf(platform, externalId);
    if (!id) return { exists: false, journal: [], moods: [], goals: [], timezone: null, snoozeUntil: null, bio: null, progress: [], missions: 0 };
    const q = <R>(text: string) => sql<R>(t.db, text, [id]);
    const [journal, moods, goals, prefs, progress, missions] = await Promise.all([
      q<Snapshot['journal'][number]>('SELECT content, mood, tags, word_count AS words FROM journal_entries WHERE user_id = $1::uuid ORDER BY created_at, content'),
      q<Snapshot['moods'][number]>('SELECT mood, intensity, context, triggers FROM mood_tracking WHERE user_id = $1::uuid ORDER BY recorded_at, mood'),
      q<Snapshot['goals'][number]>(
        `SELECT title, category, target_value AS target, current_value AS current, status FROM social_goals WHERE user_id = $1::uuid ORDER BY created_at, title`,
      ),
      q<{ timezone: string | null; snoozeUntil: string | null; bio: string | null }>(
        `SELECT u.preferences->>'timezone' AS timezone, u.preferences->>'snooze_until' AS "snoozeUntil",
                (SELECT p.bio FROM user_profiles p WHERE p.user_id = u.id) AS bio
           FROM users u WHERE u.id = $1::uuid`,
      ),
      q<Snapshot['progress'][number]>(
        `SELECT confidence_level::text AS confidence, mood, journal_entries AS journal, missions_completed AS missions, points_earned AS points
           FROM progress_tracking WHERE user_id = $1::uuid ORDER BY tracking_date`,
      ),
      q<{ n: number }>('SELECT count(*)::int AS n FROM user_missions WHERE user_id = $1::uuid'),
    ]);
    return { exists: true, journal, moods, goals, timezone: prefs[0]?.timezone ?? null, snoozeUntil: prefs[0]?.snoozeUntil ?? null, bio: prefs[0]?.bio ?? null, progress, missions: missions[0]!.n };
  }

  /** Runs one line through a console session; returns the printed reply. */
  async function onConsole(text: string, externalId: string): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const session = startConsole({ router, input, output, interactive: false, person: { externalId, displayName: DISPLAY_NAME } });
    input.end(`${text}\n`);
    await session.closed;
    return printed.trimEnd();
  }

  async function onSlack(text: string, userId: string): Promise<Answer> {
    const { body, responseId } = slackSlashBody(slackFake.url, text, { user_id: userId, user_name: DISPLAY_NAME });
    const res = await fetch(`${slackBase}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(body) },
      body,
    });
    expect(res.status).toBe(200);
    await res.text();
    const reply = await waitFor(() => slackFake.responses.find((r) => r.id === responseId)?.body, `the Slack reply to "${text}"`);
    const blocks = reply.blocks as Array<{ type: string; text?: { text: string } }>;
    // The header is the title; the one section with text (not fields) is the text.
    const parts = blocks.filter((b) => (b.type === 'header' || b.type === 'section') && b.text).map((b) => b.text!.text);
    return { body: normalize(parts.join('\n')), private: reply.response_type === 'ephemeral' };
  }

  async function onDiscord(row: Row, userId: string): Promise<Answer> {
    const d = discordSlash(row.discord.name, row.discord.options, { dm: false }, { id: userId, name: DISPLAY_NAME });
    feed(d);
    const callback = await waitFor(
      () => discordFake.requests.find((r) => r.method === 'POST' && r.path === `/api/v10/interactions/${d.id}/${d.token}/callback`),
      `the Discord answer to /${row.discord.name}`,
    );
    type Data = { flags?: number; embeds?: Array<{ title?: string; description?: string }> };
    const first = callback.body as { type: number; data?: Data };
    let data: Data = first.data ?? {};
    const flags = data.flags ?? 0;
    if (first.type === 5) {
      // Deferred (a slow machine): the answer is the edit of the original; visibility was set by the deferral.
      const edit = await waitFor(
        () => discordFake.requests.find((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${DISCORD_APP_ID}/${d.token}/messages/@original`),
        `the Discord edit for /${row.discord.name}`,
      );
      data = edit.body as Data;
    } else {
      expect(first.type).toBe(4);
    }
    const embed = data.embeds?.[0] ?? {};
    return { body: normalize([embed.title, embed.description].filter(Boolean).join('\n')), private: (flags & 64) === 64 };
  }

  for (const [i, row] of TABLE.entries()) {
    it(`"${row.text}" has one effect and one private answer on every platform`, async () => {
      const n = String(i).padStart(2, '0');
      const ids = { discord: `7300000000000000${n}`, slack: `UCONTRACT${n}`, console: `local:contract-${n}` };

      const printed = await onConsole(row.text, ids.console);
      const slackAnswer = await onSlack(row.text, ids.slack);
      const discordAnswer = await onDiscord(row, ids.discord);

      // The database: the same rows for each person, whichever platform they used.
      const [onConsoleDb, onSlackDb, onDiscordDb] = await Promise.all([
        snapshot('console', ids.console),
        snapshot('slack', `${SLACK_TEAM}:${ids.slack}`),
        snapshot('discord', ids.discord),
      ]);
      expect(onSlackDb).toEqual(onConsoleDb);
      expect(onDiscordDb).toEqual(onConsoleDb);
      row.effect(onConsoleDb);

      // The reply: the console's first line is the key phrase; every platform says it.
      const lines = printed.split('\n').filter((line) => !/^─+$/.test(line));
      const phrase = normalize(lines[0] ?? '');
      expect(phrase).toContain(row.phrase);
      expect(slackAnswer.body).toContain(phrase);
      expect(discordAnswer.body).toContain(phrase);
      // Title and text are the same words on Discord and Slack, and the console prints them first.
      expect(slackAnswer.body).toBe(discordAnswer.body);
      expect(normalize(lines.join('\n')).startsWith(discordAnswer.body)).toBe(true);

      // Private: ephemeral on Slack, flags 64 in a Discord guild.
      expect(slackAnswer.private).toBe(true);
      expect(discordAnswer.private).toBe(true);
    });
  }
});
