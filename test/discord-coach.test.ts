/**
 * The coach in Discord DMs: typing while it thinks, one message edited as the
 * reply grows (throttled), long replies split, feedback and mission buttons,
 * and what is ignored. A real discord.js Client (not logged in) fed raw
 * MESSAGE_CREATE payloads, the fake Discord REST API, a stub CoachService and
 * a real database.
 */
import type { Client } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registry } from '../commands/index.ts';
import { createLogger } from '../src/logger.ts';
import { DISCORD_MESSAGE_MAX, EDIT_INTERVAL_MS, feedbackButtonId } from '../src/platforms/discord/coach-dm.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../src/platforms/discord/discord-adapter.ts';
import { coreDeps } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import {
  DISCORD_APP_ID,
  DISCORD_GUILD_ID,
  discordChannelMessage,
  discordInteraction,
  discordSlash,
  snowflake,
  startFakeDiscord,
  waitFor,
  type DiscordRequest,
  type FakeDiscord,
} from './helpers/platform-fakes.ts';
import { stubCoach, type StubCoach } from './helpers/stub-coach.ts';

type Row = { type: number; components: Array<{ type: number; custom_id?: string; label?: string; style?: number; disabled?: boolean }> };
type Sent = { content?: string; components?: Row[] };

const LONG = Array.from({ length: 30 }, (_, i) => `Step ${i + 1}: breathe, smile, say one more sentence. `);

describe.each(DB_KINDS)('the coach in Discord DMs (%s)', (kind) => {
  let t: TestDatabase;
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  let client: Client;
  let coach: StubCoach;
  let users = 0;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    fake = await startFakeDiscord();
    coach = stubCoach();
    adapter = createDiscordAdapter({
      router: { core: coreDeps(t.db), registry, logger: createLogger('silent'), coach },
      discord: { token: 'test-token', applicationId: DISCORD_APP_ID, devGuildId: undefined, apiUrl: fake.url },
      logger: createLogger('silent'),
    });
    client = adapter.client;
    // Not logged in (no gateway): channel routes still need a bot token.
    client.rest.setToken('test-token');
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await t?.dispose();
  });
  beforeEach(() => {
    coach.script = { chunks: ['Hello! ', 'How are you feeling today?'], delayMs: 5 };
  });

  const actions = () => (client as unknown as { actions: { MessageCreate: { handle(d: unknown): void }; InteractionCreate: { handle(d: unknown): void } } }).actions;

  /** A new person and their DM channel. */
  function person() {
    users += 1;
    return { id: `7100000000000000${String(users).padStart(2, '0')}`, name: `Dee${users}`, channel: `8100000000000000${String(users).padStart(2, '0')}` };
  }

  function dmPayload(who: { id: string; name: string; channel: string }, content: string, extra: Record<string, unknown> = {}) {
    return {
      id: snowflake(),
      channel_id: who.channel,
      channel_type: 1,
      author: { id: who.id, username: who.name.toLowerCase(), global_name: who.name, discriminator: '0', avatar: null },
      content,
      type: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      flags: 0,
      ...extra,
    };
  }

  const callbackPath = (d: Record<string, unknown>) => `/api/v10/interactions/${String(d.id)}/${String(d.token)}/callback`;
  const inChannel = (channel: string) => fake.requests.filter((r) => r.path.startsWith(`/api/v10/channels/${channel}/`));
  const sends = (rs: DiscordRequest[]) => rs.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
  const edits = (rs: DiscordRequest[]) => rs.filter((r) => r.method === 'PATCH');
  const withButtons = (r: DiscordRequest) => ((r.body as Sent | undefined)?.components ?? []).length > 0;
  /** The last content of each message the bot sent in `channel`, in the order they were sent. */
  function finalContents(channel: string): string[] {
    const ids: string[] = [];
    const content = new Map<string, string>();
    const rs = inChannel(channel);
    // The fake gives a sent message the id it answered with; edits name it in the path.
    for (const r of rs) {
      if (r.method === 'PATCH') content.set(r.path.split('/').at(-1)!, (r.body as Sent).content!);
    }
    const edited = [...new Set(rs.filter((r) => r.method === 'PATCH').map((r) => r.path.split('/').at(-1)!))];
    const sent = sends(rs).map((r) => (r.body as Sent).content!);
    for (const [i, text] of sent.entries()) ids.push(edited[i] !== undefined ? content.get(edited[i]!)! : text);
    return ids;
  }

  it('types while it thinks, then shows the reply by editing one message, with feedback buttons at the end', async () => {
    const who = person();
    coach.script = { chunks: ['Hello ', 'there, ', 'Dee. ', 'What would you like to practise?'], delayMs: 30 };
    actions().MessageCreate.handle(dmPayload(who, 'I get nervous at parties'));
    await waitFor(() => edits(inChannel(who.channel)).find(withButtons), 'the final edit');

    const requests = inChannel(who.channel);
    expect(requests[0]).toMatchObject({ method: 'POST', path: `/api/v10/channels/${who.channel}/typing` });
    expect(sends(requests)).toHaveLength(1);
    const messageId = edits(requests)[0]!.path.split('/').at(-1);
    expect(edits(requests).every((r) => r.path === `/api/v10/channels/${who.channel}/messages/${messageId}`)).toBe(true);
    const final = edits(requests).at(-1)!.body as Sent;
    expect(final.content).toBe('Hello there, Dee. What would you like to practise?');

    const reply = coach.replies.at(-1)!;
    const ids = final.components!.flatMap((row) => row.components.map((c) => c.custom_id));
    expect(ids).toEqual([feedbackButtonId('helpful', reply.messageId), feedbackButtonId('not_helpful', reply.messageId)]);
    const turn = coach.turns.at(-1)!;
    expect(turn.text).toBe('I get nervous at parties');
    expect(turn.platform).toEqual({ name: 'discord', channel: who.channel });
    const identity = await sql<{ n: number }>(t.db, `SELECT count(*)::int AS n FROM companion_platform_identities WHERE platform = 'discord' AND external_id = $1`, [who.id]);
    expect(identity[0]!.n).toBe(1);
  });

  it('throttles edits during a long stream: at most one per interval plus the final one', async () => {
    const who = person();
    coach.script = { chunks: LONG, delayMs: 100 };
    const started = Date.now();
    actions().MessageCreate.handle(dmPayload(who, 'give me a long plan'));
    await waitFor(() => edits(inChannel(who.channel)).find(withButtons), 'the final edit', 20_000);
    const elapsed = Date.now() - started;
    const edited = edits(inChannel(who.channel));
    expect(sends(inChannel(who.channel))).toHaveLength(1);
    expect(edited.length).toBeGreaterThanOrEqual(2);
    expect(edited.length).toBeLessThanOrEqual(Math.floor(elapsed / EDIT_INTERVAL_MS) + 2);
    // Every edit shows a longer prefix of the reply; the last shows all of it.
    const shown = edited.map((r) => (r.body as Sent).content!);
    for (const content of shown) expect(LONG.join('').trimEnd().startsWith(content.trimEnd())).toBe(true);
    expect(shown.at(-1)).toBe(LONG.join(''));
  });

  it('splits a reply longer than 2,000 characters into follow-up messages', async () => {
    const who = person();
    const chunks = Array.from({ length: 72 }, (_, i) => `Paragraph ${i + 1} has some gentle advice in it, one idea at a time.\n`);
    coach.script = { chunks, delayMs: 2 };
    actions().MessageCreate.handle(dmPayload(who, 'tell me everything'));
    const text = chunks.join('');
    expect(text.length).toBeGreaterThan(2 * DISCORD_MESSAGE_MAX);
    const final = await waitFor(() => fake.requests.filter((r) => r.path.startsWith(`/api/v10/channels/${who.channel}/`)).find(withButtons), 'the buttons', 15_000);

    // Three messages, none over the limit; their final contents, in order, are the whole reply.
    const latest = new Map<string, string>();
    for (const r of inChannel(who.channel)) {
      const content = (r.body as Sent | undefined)?.content;
      if (content === undefined) continue;
      expect(content.length).toBeLessThanOrEqual(DISCORD_MESSAGE_MAX);
      latest.set(r.method === 'POST' ? `new-${latest.size}` : r.path, content);
    }
    expect(sends(inChannel(who.channel))).toHaveLength(3);
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    expect(text.trimEnd().endsWith((final.body as Sent).content!.trimEnd())).toBe(true);
    expect(squash([...finalContents(who.channel)].join(' '))).toBe(squash(text));
  });

  it('records feedback through the coach and updates the message', async () => {
    const who = person();
    actions().MessageCreate.handle(dmPayload(who, 'how do I keep a conversation going?'));
    const final = await waitFor(() => edits(inChannel(who.channel)).find(withButtons), 'the reply');
    const reply = coach.replies.at(-1)!;
    const messageId = final.path.split('/').at(-1)!;
    const helpful = feedbackButtonId('helpful', reply.messageId);
    const d = {
      ...discordInteraction(3, { custom_id: helpful, component_type: 2 }, { dm: true }, { id: who.id, name: who.name }),
      channel: { id: who.channel, type: 1 },
      channel_id: who.channel,
      message: discordChannelMessage(who.channel, messageId, final.body),
    };
    actions().InteractionCreate.handle(d);
    const callback = await waitFor(() => fake.requests.find((r) => r.path === callbackPath(d)), 'the update');
    const body = callback.body as { type: number; data: { components: Row[] } };
    expect(body.type).toBe(7);
    const buttons = body.data.components.flatMap((row) => row.components);
    expect(buttons.every((b) => b.disabled)).toBe(true);
    expect(buttons.find((b) => b.custom_id === helpful)?.style).toBe(3);
    const turnUser = coach.turns.at(-1)!.user.id;
    expect(coach.feedbacks).toContainEqual({ userId: turnUser, messageId: reply.messageId, value: 'helpful' });

    // A button for a message that is not this person's is answered privately and changes nothing.
    const other = { ...discordInteraction(3, { custom_id: feedbackButtonId('not_helpful', 'not-a-message'), component_type: 2 }, { dm: true }, { id: who.id, name: who.name }), message: discordChannelMessage(who.channel, messageId, final.body) };
    actions().InteractionCreate.handle(other);
    const refused = await waitFor(() => fake.requests.find((r) => r.path === callbackPath(other)), 'the refusal');
    expect(refused.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('offers a suggested mission whose button starts it through the mission command, and passes the locale Discord gave', async () => {
    const who = person();
    // An interaction tells the adapter the person's locale; DMs do not carry one.
    const hello = { ...discordSlash('help', [], { dm: true }, { id: who.id, name: who.name }), locale: 'pt-BR' };
    actions().InteractionCreate.handle(hello);
    await waitFor(() => fake.requests.find((r) => r.path === callbackPath(hello)), 'the help reply');

    const [mission] = await sql<{ id: string; title: string }>(t.db, 'SELECT id::text AS id, title FROM missions ORDER BY title LIMIT 1');
    coach.script = { chunks: ['You could try this one.'], suggestedMission: mission! };
    actions().MessageCreate.handle(dmPayload(who, 'what should I do this week?'));
    const final = await waitFor(() => edits(inChannel(who.channel)).find(withButtons), 'the reply');
    expect(coach.turns.at(-1)!.locale).toBe('pt-BR');
    const buttons = (final.body as Sent).components!.flatMap((row) => row.components);
    const start = buttons.find((b) => b.custom_id === `mission:start:${mission!.id}`)!;
    expect(start.label).toBe(`Start: ${mission!.title}`);

    const press = {
      ...discordInteraction(3, { custom_id: start.custom_id, component_type: 2 }, { dm: true }, { id: who.id, name: who.name }),
      channel: { id: who.channel, type: 1 },
      channel_id: who.channel,
      message: discordChannelMessage(who.channel, final.path.split('/').at(-1)!, final.body),
    };
    actions().InteractionCreate.handle(press);
    const answer = await waitFor(() => fake.requests.find((r) => r.path === callbackPath(press)), 'the mission answer');
    expect(JSON.stringify(answer.body)).toContain(`Started: ${mission!.title}`);
  });

  it('ignores bots, server messages and non-text messages', async () => {
    const who = person();
    const before = coach.turns.length;
    const emitted: string[] = [];
    const listen = (m: { content: string }) => emitted.push(m.content);
    client.on('messageCreate', listen);
    actions().MessageCreate.handle(dmPayload(who, 'beep', { author: { id: '7999999999999999', username: 'otherbot', discriminator: '0', avatar: null, bot: true } }));
    actions().MessageCreate.handle(dmPayload(who, 'pinned something', { type: 6 }));
    // A server the bot is in, and a message in one of its channels.
    (client.guilds as unknown as { _add(d: unknown): unknown })._add({ id: DISCORD_GUILD_ID, name: 'Guild', channels: [], roles: [], members: [], emojis: [], stickers: [], features: [] });
    const guildMessage = { ...dmPayload(who, 'hello server'), channel_id: '6666666666666661', channel_type: 0, guild_id: DISCORD_GUILD_ID, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } };
    actions().MessageCreate.handle(guildMessage);
    actions().MessageCreate.handle(dmPayload(who, '   '));
    const gentle = await waitFor(() => sends(inChannel(who.channel))[0], 'the text-only note');
    expect((gentle.body as Sent).content).toMatch(/only read text/);
    // A real DM after them: once it is answered, anything the earlier ones started would have shown.
    actions().MessageCreate.handle(dmPayload(who, 'a real message'));
    await waitFor(() => edits(inChannel(who.channel)).find(withButtons), 'the reply to the real message');
    client.off('messageCreate', listen);
    // discord.js delivered every one of them; the coach answered only the real one.
    expect(emitted).toEqual(['beep', 'pinned something', 'hello server', '   ', 'a real message']);
    expect(coach.turns.slice(before).map((turn) => turn.text)).toEqual(['a real message']);
    expect(fake.requests.some((r) => r.path.startsWith('/api/v10/channels/6666666666666661/'))).toBe(false);
    expect(sends(inChannel(who.channel))).toHaveLength(2);
  });
});
