/**
 * The Discord adapter against a fake Discord REST API on 127.0.0.1, with a real
 * discord.js Client (not logged in) fed raw gateway payloads, and a real PGlite database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS, registry } from '../commands/index.ts';
import { defineCommand, defineLeaf, leavesOf } from '../commands/define.ts';
import { createRegistry } from '../commands/registry.ts';
import { createLogger } from '../src/logger.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../src/platforms/discord/discord-adapter.ts';
import { deployCommands } from '../src/platforms/discord/deploy.ts';
import { discordCommandData, type DiscordSubcommandOption, type DiscordValueOption } from '../src/platforms/discord/registration.ts';
import { renderReply } from '../src/platforms/discord/render.ts';
import { GENERIC_FAILURE, type RouterDeps } from '../src/router/dispatch.ts';
import { privateReply } from '../src/router/types.ts';
import { coreDeps, routerDeps } from './helpers/core.ts';
import { freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import {
  DISCORD_APP_ID,
  DISCORD_GUILD_ID,
  discordInteraction,
  discordMessage,
  discordSlash,
  discordSub,
  snowflake,
  startFakeDiscord,
} from './helpers/platform-fakes.ts';

const APP_ID = DISCORD_APP_ID;
const GUILD_ID = DISCORD_GUILD_ID;
const fakeDiscord = startFakeDiscord;
const interaction = discordInteraction;
const slash = discordSlash;
const sub = discordSub;
const message = discordMessage;

/** Waits until `check` passes (the adapter answers after the handle() call returns). */
async function until<T>(check: () => T | undefined, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting for the fake Discord');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('discord registration', () => {
  it('describes every command, subcommand and option with the definitions\' limits', () => {
    const data = discordCommandData();
    expect(data.map((c) => c.name)).toEqual(ALL_COMMANDS.map((c) => c.name));
    for (const command of ALL_COMMANDS) {
      const d = data.find((c) => c.name === command.name)!;
      expect(d.type).toBe(1);
      expect(d.description).toBe(command.description);
      expect(d.integration_types).toEqual([0, 1]);
      expect(d.contexts).toEqual([0, 1, 2]);
      for (const { subcommand, leaf } of leavesOf(command)) {
        let options: DiscordValueOption[];
        if (subcommand === undefined) {
          options = d.options as DiscordValueOption[];
        } else {
          const s = d.options.find((o) => o.name === subcommand) as DiscordSubcommandOption;
          expect(s.type).toBe(1);
          expect(s.description).toBe(leaf.description);
          options = s.options;
        }
        expect(options.map((o) => o.name)).toEqual(Object.keys(leaf.options));
        const firstOptional = options.findIndex((o) => !o.required);
        if (firstOptional >= 0) expect(options.slice(firstOptional).every((o) => !o.required)).toBe(true);
        for (const o of options) {
          const def = leaf.options[o.name]!;
          expect(o.type).toBe({ string: 3, integer: 4, boolean: 5, number: 10 }[def.kind]);
          expect(o.description).toBe(def.description);
          expect(o.required).toBe(def.required);
          if (def.choices) expect(o.choices).toEqual(def.choices.slice(0, 25).map((v) => ({ name: v, value: v })));
          else expect(o.choices).toBeUndefined();
          expect(o.autocomplete).toBe(def.autocomplete && !def.choices ? true : undefined);
          expect(o.min_length).toBe(def.kind === 'string' && def.minLength !== undefined ? Math.min(def.minLength, 6000) : undefined);
          expect(o.max_length).toBe(def.kind === 'string' && def.maxLength !== undefined ? Math.min(def.maxLength, 6000) : undefined);
          expect(o.min_value).toBe(def.kind === 'integer' || def.kind === 'number' ? def.min : undefined);
          expect(o.max_value).toBe(def.kind === 'integer' || def.kind === 'number' ? def.max : undefined);
        }
      }
    }
    // Spot checks against known commands.
    const journal = data.find((c) => c.name === 'journal')!;
    const write = journal.options.find((o) => o.name === 'write') as DiscordSubcommandOption;
    expect(write.options[0]).toMatchObject({ name: 'content', type: 3, required: true });
    expect(write.options[0]!.max_length).toBeLessThanOrEqual(6000);
    const checkin = data.find((c) => c.name === 'checkin')!;
    expect(checkin.options[0]).toMatchObject({ name: 'confidence', type: 10, min_value: 1, max_value: 10, required: true });
    const start = data.find((c) => c.name === 'mission')!.options.find((o) => o.name === 'start') as DiscordSubcommandOption;
    expect(start.options[0]).toMatchObject({ name: 'mission', autocomplete: true });
  });
});

describe('discord rendering', () => {
  it('makes an embed with fields, a celebration and rows of at most 5 buttons', () => {
    const actions = Array.from({ length: 12 }, (_, i) => ({ id: `mission:start:${i}`, label: `Go ${i}`, style: 'success' as const }));
    const payload = renderReply(
      privateReply('Body', {
        title: 'Title',
        fields: [{ name: 'A', value: '1', inline: true }],
        actions,
        celebrate: [{ id: 'x', title: 'First Steps', description: 'Wrote once', icon: '✍️', pointsReward: 10 }],
      }),
      { isDM: false },
    );
    const embeds = payload.embeds.map((e) => e.toJSON());
    expect(embeds[0]).toMatchObject({ title: 'Title', description: 'Body', fields: [{ name: 'A', value: '1', inline: true }] });
    expect(embeds[1]!.description).toContain('🎉 New achievement: ✍️ First Steps');
    expect(payload.components.map((r) => r.components.length)).toEqual([5, 5, 2]);
    expect(payload.components[0]!.toJSON().components[0]).toMatchObject({ custom_id: 'mission:start:0', style: 3, label: 'Go 0' });
    expect(payload.flags).toBe(64);
    expect(renderReply(privateReply('x'), { isDM: true }).flags).toBeUndefined();
    expect(renderReply({ text: 'x', visibility: 'public' }, { isDM: false }).flags).toBeUndefined();
  });
});

describe('discord adapter', () => {
  let t: TestDatabase;
  let fake: Awaited<ReturnType<typeof fakeDiscord>>;
  const adapters: DiscordAdapter[] = [];
  let slowCalls = 0;

  const testRegistry = createRegistry([
    defineCommand({
      name: 'slow',
      description: 'Takes two seconds',
      leaf: defineLeaf({
        name: 'slow',
        description: 'Takes two seconds',
        options: {},
        handler: async () => {
          slowCalls += 1;
          await new Promise((r) => setTimeout(r, 2_000));
          return privateReply('Finally done', { title: 'Slow' });
        },
      }),
    }),
    defineCommand({
      name: 'patient',
      description: 'Asks for time itself',
      leaf: defineLeaf({
        name: 'patient',
        description: 'Asks for time itself',
        options: {},
        handler: async (ctx) => {
          await ctx.defer();
          await ctx.defer();
          return { text: 'Thanks for waiting', visibility: 'public' };
        },
      }),
    }),
    defineCommand({
      name: 'boom',
      description: 'Always fails',
      leaf: defineLeaf({
        name: 'boom',
        description: 'Always fails',
        options: {},
        handler: async () => {
          throw new Error('kaboom');
        },
      }),
    }),
    ...ALL_COMMANDS,
  ]);

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    fake = await fakeDiscord();
  });
  afterEach(() => {
    fake.requests.length = 0;
  });
  afterAll(async () => {
    for (const a of adapters) await a.stop();
    fake.server.closeAllConnections();
    fake.server.close();
    await t.dispose();
  });

  /**
   * An adapter on the fake. Quick cases defer late (a slow CI machine must not turn a
   * direct reply into a deferred one); the slow case uses the real 1.5 s.
   */
  function start(
    reg = registry,
    { deferAfterMs = 5_000 }: { deferAfterMs?: number } = {},
  ): { adapter: DiscordAdapter; client: Client; feed: (d: Record<string, unknown>) => void; logs: () => Array<Record<string, unknown>> } {
    const router: RouterDeps = routerDeps({ core: coreDeps(t.db), registry: reg, logger: createLogger('silent') });
    const sink = new PassThrough();
    let logged = '';
    sink.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    const adapter = createDiscordAdapter({
      router,
      discord: { token: 'test-token', applicationId: APP_ID, devGuildId: undefined, apiUrl: fake.url },
      logger: createLogger('info', sink),
      deferAfterMs,
    });
    adapters.push(adapter);
    const client = adapter.client;
    const actions = (client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions;
    return {
      adapter,
      client,
      feed: (d) => actions.InteractionCreate.handle(d),
      logs: () => logged.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    };
  }

  const callbacks = (id: string) => fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v10/interactions/${id}/`));

  it('uses the intents and partials the design names', () => {
    const { client } = start();
    expect(client.options.intents.has(GatewayIntentBits.Guilds)).toBe(true);
    expect(client.options.intents.has(GatewayIntentBits.DirectMessages)).toBe(true);
    expect(client.options.intents.has(GatewayIntentBits.MessageContent)).toBe(false);
    expect(client.options.partials).toContain(Partials.Channel);
  });

  it('/journal write in a guild answers ephemerally and stores the entry', async () => {
    const { feed } = start();
    const content = `I said hi to the barista ${snowflake()}`;
    const d = slash('journal', [sub('write', [{ type: 3, name: 'content', value: content }, { type: 3, name: 'mood', value: 'proud' }])], { dm: false }, { id: '700000000000000001', name: 'Ada' });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { flags: number; embeds: Array<{ title: string; description: string }> } };
    expect(cb!.path).toBe(`/api/v10/interactions/${d.id}/${d.token}/callback`);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.title).toBe('Journal entry saved');
    expect(body.data.embeds[0]!.description).toContain('feeling proud');
    const rows = await sql<{ mood: string; platform: string; external_id: string }>(
      t.db,
      `SELECT j.mood, p.platform, p.external_id FROM journal_entries j
         JOIN companion_platform_identities p ON p.user_id = j.user_id WHERE j.content = $1`,
      [content],
    );
    expect(rows).toEqual([{ mood: 'proud', platform: 'discord', external_id: '700000000000000001' }]);
  });

  it('/checkin in a DM answers plainly (not ephemeral)', async () => {
    const { feed } = start();
    const d = slash('checkin', [{ type: 10, name: 'confidence', value: 7 }], { dm: true }, { id: '700000000000000002', name: 'Bo' });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { flags?: number; embeds: Array<{ title: string; description: string }> } };
    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expect(body.data.embeds[0]!.description).toContain('Confidence 7/10 noted');
  });

  it('answers a failing command once, privately, and keeps working', async () => {
    const { feed } = start(testRegistry);
    const who = { id: '700000000000000003', name: 'Cy' };
    const bad = slash('boom', [], { dm: false }, who);
    feed(bad);
    await until(() => (callbacks(bad.id as string).length ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));
    const answers = fake.requests.filter((r) => r.path.includes(bad.token as string));
    expect(answers).toHaveLength(1);
    const body = answers[0]!.body as { data: { flags: number; embeds: Array<{ description: string }> } };
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.description).toBe(GENERIC_FAILURE);
    expect(JSON.stringify(body)).not.toContain('kaboom');

    const good = slash('checkin', [{ type: 10, name: 'confidence', value: 5 }], { dm: false }, who);
    feed(good);
    const [cb] = await until(() => (callbacks(good.id as string).length ? callbacks(good.id as string) : undefined));
    expect(JSON.stringify(cb!.body)).toContain('Confidence 5/10 noted');
  });

  it('survives Discord refusing the answer: logs it once with the interaction id and keeps working', async () => {
    const { feed, logs } = start();
    const d = slash('checkin', [{ type: 10, name: 'confidence', value: 6 }], { dm: false }, { id: '700000000000000004', name: 'Di' });
    // A token the fake does not route: the callback gets a 404, the adapter must not crash.
    const broken = { ...d, application_id: APP_ID, token: 'bad/token' };
    feed(broken);
    await until(() => (fake.requests.some((r) => r.path.includes('bad')) ? true : undefined));
    await until(() => (logs().some((l) => l.msg === 'discord interaction failed') ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    const failures = logs().filter((l) => l.msg === 'discord interaction failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.interactionId).toBe(d.id);
    expect(JSON.stringify(logs())).not.toContain('test-token');
    const again = slash('checkin', [{ type: 10, name: 'confidence', value: 6 }], { dm: false }, { id: '700000000000000004', name: 'Di' });
    feed(again);
    await until(() => (callbacks(again.id as string).length ? true : undefined));
  });

  it('defers a slow command, then edits the original message', async () => {
    const { feed } = start(testRegistry, { deferAfterMs: 1_500 });
    slowCalls = 0;
    const d = slash('slow', [], { dm: false }, { id: '700000000000000005', name: 'Ed' });
    feed(d);
    const patch = await until(
      () => fake.requests.find((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${APP_ID}/${d.token}/messages/@original`),
      10_000,
    );
    const cbs = callbacks(d.id as string);
    expect(cbs).toHaveLength(1);
    expect(cbs[0]!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(JSON.stringify(patch.body)).toContain('Finally done');
    expect(slowCalls).toBe(1);
  });

  it('defers when the handler asks to (once), visibly in a DM, then edits the original', async () => {
    const { feed } = start(testRegistry);
    const d = slash('patient', [], { dm: true }, { id: '700000000000000009', name: 'Ivy' });
    feed(d);
    const patch = await until(() =>
      fake.requests.find((r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${APP_ID}/${d.token}/messages/@original`),
    );
    const cbs = callbacks(d.id as string);
    expect(cbs).toHaveLength(1);
    expect((cbs[0]!.body as { type: number }).type).toBe(5);
    expect((cbs[0]!.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    expect(JSON.stringify(patch.body)).toContain('Thanks for waiting');
  });

  it('stop() lets an in-flight answer finish and takes no new interactions', async () => {
    const { adapter, feed } = start(testRegistry, { deferAfterMs: 1_500 });
    const d = slash('slow', [], { dm: false }, { id: '700000000000000010', name: 'Jo' });
    feed(d);
    await new Promise((r) => setTimeout(r, 50));
    await adapter.stop();
    expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(d.token as string))).toBe(true);
    const late = slash('checkin', [{ type: 10, name: 'confidence', value: 4 }], { dm: false }, { id: '700000000000000010', name: 'Jo' });
    feed(late);
    await new Promise((r) => setTimeout(r, 300));
    expect(callbacks(late.id as string)).toHaveLength(0);
  });

  it('autocompletes missions from the catalog', async () => {
    const { feed } = start();
    const d = interaction(
      4,
      { id: snowflake(), name: 'mission', type: 1, options: [sub('start', [{ type: 3, name: 'mission', value: '', focused: true }])] },
      { dm: false },
      { id: '700000000000000006', name: 'Fay' },
    );
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    expect(body.type).toBe(8);
    const catalog = await sql<{ id: string; title: string }>(t.db, 'SELECT id::text AS id, title FROM missions WHERE is_active');
    expect(body.data.choices.length).toBeGreaterThan(0);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    for (const c of body.data.choices) {
      const m = catalog.find((x) => x.id === c.value);
      expect(m).toBeDefined();
      expect(c.name).toContain(m!.title.slice(0, 40));
    }
  });

  it('offers nothing for an option without autocomplete', async () => {
    const { feed } = start();
    const d = interaction(
      4,
      { id: snowflake(), name: 'journal', type: 1, options: [sub('write', [{ type: 3, name: 'content', value: 'x', focused: true }])] },
      { dm: false },
      { id: '700000000000000006', name: 'Fay' },
    );
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    expect(cb!.body).toEqual({ type: 8, data: { choices: [] } });
  });

  it('starts a mission from a button press', async () => {
    const { feed } = start();
    const [mission] = await sql<{ id: string; title: string }>(t.db, 'SELECT id::text AS id, title FROM missions WHERE is_active ORDER BY title LIMIT 1');
    const d = interaction(
      3,
      { custom_id: `mission:start:${mission!.id}`, component_type: 2 },
      { dm: false },
      { id: '700000000000000007', name: 'Gus' },
    );
    d.message = message({ content: '', flags: 64 });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { flags: number; embeds: Array<{ title: string }> } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.title).toBe(`Started: ${mission!.title}`);
    const rows = await sql<{ status: string }>(
      t.db,
      `SELECT um.status FROM user_missions um JOIN companion_platform_identities p ON p.user_id = um.user_id
        WHERE p.platform = 'discord' AND p.external_id = '700000000000000007' AND um.mission_id = $1`,
      [mission!.id],
    );
    expect(rows).toHaveLength(1);
  });

  it('answers a button no command owns privately', async () => {
    const { feed } = start();
    const d = interaction(3, { custom_id: 'nothing:here:1', component_type: 2 }, { dm: false }, { id: '700000000000000008', name: 'Hal' });
    d.message = message({ content: '' });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    expect(JSON.stringify(cb!.body)).toContain('no longer does anything');
  });
});

describe('discord journal modal', () => {
  let t: TestDatabase;
  let fake: Awaited<ReturnType<typeof fakeDiscord>>;
  let adapter: DiscordAdapter;
  let feed: (d: Record<string, unknown>) => void;

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    fake = await fakeDiscord();
    adapter = createDiscordAdapter({
      router: routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') }),
      discord: { token: 'test-token', applicationId: APP_ID, devGuildId: undefined, apiUrl: fake.url },
      logger: createLogger('silent'),
      deferAfterMs: 5_000,
    });
    const actions = (adapter.client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions;
    feed = (d) => actions.InteractionCreate.handle(d);
  });
  afterAll(async () => {
    await adapter?.stop();
    fake?.server.closeAllConnections();
    fake?.server.close();
    await t?.dispose();
  });

  const callbacks = (id: string) => fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v10/interactions/${id}/`));
  const who = { id: '700000000000000020', name: 'Kim' };

  /** A modal submission with labelled text inputs, as Discord sends it. */
  function submit(values: Record<string, string>, where = { dm: false }) {
    return interaction(
      5,
      {
        custom_id: 'journal_write',
        components: Object.entries(values).map(([custom_id, value], i) => ({ type: 18, id: i + 1, component: { type: 4, id: i + 10, custom_id, value } })),
      },
      where,
      who,
    );
  }

  async function entries(): Promise<Array<{ content: string; mood: string; tags: string[] }>> {
    return sql(
      t.db,
      `SELECT j.content, j.mood, j.tags FROM journal_entries j JOIN companion_platform_identities p ON p.user_id = j.user_id
        WHERE p.platform = 'discord' AND p.external_id = $1 ORDER BY j.created_at`,
      [who.id],
    );
  }

  it('a journal prompt offers the modal button', async () => {
    const d = slash('journal', [sub('prompt', [])], { dm: false }, who);
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { components: Array<{ components: Array<{ custom_id: string }> }> } };
    expect(body.type).toBe(4);
    expect(body.data.components[0]!.components.map((c) => c.custom_id)).toContain('journal:write:modal');
  });

  it('the journal:write:modal button answers with the modal (callback type 9)', async () => {
    const d = interaction(3, { custom_id: 'journal:write:modal', component_type: 2 }, { dm: false }, who);
    d.message = message({ content: '', flags: 64 });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    expect(cb!.path).toBe(`/api/v10/interactions/${d.id}/${d.token}/callback`);
    const body = cb!.body as {
      type: number;
      data: { custom_id: string; title: string; components: Array<{ type: number; label: string; component: Record<string, unknown> }> };
    };
    expect(body.type).toBe(9);
    expect(body.data.custom_id).toBe('journal_write');
    expect(body.data.title).toBe('Journal entry');
    const inputs = body.data.components.map((c) => c.component);
    expect(inputs[0]).toMatchObject({ type: 4, custom_id: 'content', style: 2, max_length: 4000, required: true });
    expect(inputs[1]).toMatchObject({ type: 4, custom_id: 'mood', style: 1, max_length: 50, required: true });
    expect(inputs[2]).toMatchObject({ type: 4, custom_id: 'tags', style: 1, required: false });
    expect(await entries()).toEqual([]);
  });

  it('a submitted modal saves the entry and answers ephemerally', async () => {
    const d = submit({ content: 'Asked a question in class', mood: 'brave', tags: 'school' });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { flags: number; embeds: Array<{ title: string; description: string }> } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds[0]!.title).toBe('Journal entry saved');
    expect(body.data.embeds[0]!.description).toContain('feeling brave');
    expect(await entries()).toEqual([{ content: 'Asked a question in class', mood: 'brave', tags: ['school'] }]);
  });

  it('a submission without a mood saves nothing and says what is missing, privately', async () => {
    const d = submit({ content: 'No mood given', mood: '   ', tags: '' });
    feed(d);
    const [cb] = await until(() => (callbacks(d.id as string).length ? callbacks(d.id as string) : undefined));
    const body = cb!.body as { type: number; data: { flags: number } };
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(JSON.stringify(body)).toContain('mood');
    expect(await entries()).toHaveLength(1);
  });
});

describe('discord command deploy', () => {
  let fake: Awaited<ReturnType<typeof fakeDiscord>>;
  beforeAll(async () => {
    fake = await fakeDiscord();
  });
  afterAll(() => {
    fake.server.closeAllConnections();
    fake.server.close();
  });

  it('PUTs the commands to the dev guild when one is set', async () => {
    const result = await deployCommands({ token: 'tok', applicationId: APP_ID, devGuildId: GUILD_ID, apiUrl: fake.url });
    expect(result).toEqual({ count: ALL_COMMANDS.length, scope: 'guild' });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(discordCommandData())));
  });

  const TSX_LOADER = import.meta.resolve('tsx');
  const DEPLOY = fileURLToPath(new URL('../src/platforms/discord/deploy.ts', import.meta.url));

  /** Runs the CLI in an empty directory (no .env) with only PATH, HOME and `vars`. */
  async function cli(vars: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    const cwd = mkdtempSync(join(tmpdir(), 'deploy-'));
    try {
      return await new Promise((resolve) => {
        execFile(
          process.execPath,
          ['--import', TSX_LOADER, DEPLOY],
          { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...vars }, timeout: 30_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }

  it('the CLI exits 1 with one clear line when Discord credentials are missing', async () => {
    const result = await cli({});
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in the environment or .env) to deploy commands.',
    ]);
  });

  it('the CLI registers to the dev guild and prints one line with the count', async () => {
    fake.requests.length = 0;
    const result = await cli({ DISCORD_TOKEN: 'tok', DISCORD_APPLICATION_ID: APP_ID, DISCORD_DEV_GUILD_ID: GUILD_ID, DISCORD_API_URL: fake.url });
    expect(result).toMatchObject({ code: 0, stdout: `Registered ${ALL_COMMANDS.length} commands to guild ${GUILD_ID}.\n` });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
  });

  it('PUTs globally without a dev guild', async () => {
    fake.requests.length = 0;
    const result = await deployCommands({ token: 'tok', applicationId: APP_ID, apiUrl: fake.url });
    expect(result.scope).toBe('global');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /api/v10/applications/${APP_ID}/commands`]);
  });
});
