import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS, registry } from '../commands/index.ts';
import { createHttpServer } from '../src/http-server.ts';
import { createLogger } from '../src/logger.ts';
import { createDeliveryDedupe } from '../src/platforms/slack/dedupe.ts';
import { BOT_EVENTS, BOT_SCOPES, slackManifest } from '../src/platforms/slack/manifest.ts';
import { renderBlocks, type SlackBlock } from '../src/platforms/slack/render.ts';
import { createSlackAdapter, type SlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import { privateReply } from '../src/router/types.ts';
import { coreDeps, routerDeps } from './helpers/core.ts';
import { freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { signSlack, SLACK_SECRET, SLACK_TEAM, startFakeSlack, startSlackOverHttp, waitFor } from './helpers/platform-fakes.ts';

const SECRET = SLACK_SECRET;
const TEAM = SLACK_TEAM;
const sign = signSlack;

function blocksText(blocks: unknown): string {
  return JSON.stringify(blocks);
}

describe('slack adapter over HTTP (real Bolt, fake Web API, PGlite)', () => {
  let t: TestDatabase;
  let fake: Awaited<ReturnType<typeof startFakeSlack>>;
  let adapter: SlackAdapter;
  let base: string;
  let seq = 0;

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    fake = await startFakeSlack();
    ({ adapter, base } = await startSlackOverHttp(routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') }), fake));
    expect(fake.calls.map((c) => c.method)).toContain('auth.test');
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await t?.dispose();
  });

  function slashBody(text: string, who = { user_id: 'U1ANA', user_name: 'ana' }) {
    seq += 1;
    const responseId = `r${seq}`;
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: TEAM,
      team_domain: 'extro',
      channel_id: 'C1GENERAL',
      channel_name: 'general',
      ...who,
      command: '/extro',
      text,
      api_app_id: 'A1',
      response_url: `${fake.url}/response/${responseId}`,
      trigger_id: `trigger-${seq}-${Date.now()}`,
    }).toString();
    return { body, responseId };
  }

  function post(rawBody: string, headers: Record<string, string> = sign(rawBody)) {
    return fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: rawBody,
    });
  }

  async function slash(text: string, who?: { user_id: string; user_name: string }) {
    const { body, responseId } = slashBody(text, who);
    const res = await post(body);
    expect(res.status).toBe(200);
    await res.text();
    return waitFor(() => fake.responses.find((r) => r.id === responseId)?.body, `the reply to "${text}"`);
  }

  it('acknowledges /extro journal write at once, saves the entry for the workspace-keyed user and answers privately', async () => {
    const { body, responseId } = slashBody('journal write mood:hopeful I said hi');
    const started = Date.now();
    const res = await post(body);
    expect(res.status).toBe(200);
    await res.text();
    expect(Date.now() - started).toBeLessThan(2500);

    const reply = await waitFor(() => fake.responses.find((r) => r.id === responseId)?.body, 'the journal reply');
    expect(reply.response_type).toBe('ephemeral');
    expect(blocksText(reply.blocks)).toContain('Journal entry saved');
    expect(blocksText(reply.blocks)).toContain('feeling hopeful');
    expect(String(reply.text)).toContain('Journal entry saved');

    const rows = await sql<{ content: string; mood: string; workspace: string }>(
      t.db,
      `SELECT j.content, j.mood, p.workspace_id AS workspace FROM journal_entries j
         JOIN companion_platform_identities p ON p.user_id = j.user_id
        WHERE p.platform = 'slack' AND p.external_id = $1`,
      [`${TEAM}:U1ANA`],
    );
    expect(rows).toEqual([{ content: 'I said hi', mood: 'hopeful', workspace: TEAM }]);
  });

  it('refuses a bad signature with 401 and changes nothing', async () => {
    const before = await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM journal_entries');
    const { body, responseId } = slashBody('journal write mood:calm forged');
    const res = await post(body, sign(body, Math.floor(Date.now() / 1000), 'wrong-secret'));
    expect(res.status).toBe(401);
    const stale = await post(body, sign(body, Math.floor(Date.now() / 1000) - 3600));
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await sql<{ n: number }>(t.db, 'SELECT count(*)::int AS n FROM journal_entries');
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(fake.responses.some((r) => r.id === responseId)).toBe(false);
  });

  it('answers an empty /extro with help listing every command', async () => {
    const reply = await slash('');
    expect(reply.response_type).toBe('ephemeral');
    const blocks = reply.blocks as SlackBlock[];
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Help', emoji: true } });
    for (const command of ALL_COMMANDS) expect(blocksText(blocks)).toContain(`*${command.name}*`);
  });

  it('answers an unknown command with a friendly private line', async () => {
    const reply = await slash('nope');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe(`I didn't recognise "nope" as a command. Type /extro help to see what I can do.`);
  });

  it('starts a mission when its button is pressed', async () => {
    const suggestion = await slash('mission suggest', { user_id: 'U2BEN', user_name: 'ben' });
    const actions = (suggestion.blocks as SlackBlock[]).find((b) => b.type === 'actions');
    const start = actions?.type === 'actions' ? actions.elements.find((e) => e.action_id.startsWith('mission:start:')) : undefined;
    expect(start?.style).toBe('primary');
    const missionId = start!.action_id.slice('mission:start:'.length);

    const payload = {
      type: 'block_actions',
      team: { id: TEAM, domain: 'extro' },
      user: { id: 'U2BEN', username: 'ben', name: 'ben', team_id: TEAM },
      api_app_id: 'A1',
      token: 'legacy',
      container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C1GENERAL', is_ephemeral: true },
      trigger_id: `trigger-button-${Date.now()}`,
      channel: { id: 'C1GENERAL', name: 'general' },
      response_url: `${fake.url}/response/button`,
      actions: [{ type: 'button', action_id: start!.action_id, block_id: 'b1', text: { type: 'plain_text', text: 'Start it' }, action_ts: '1700000001.000300' }],
    };
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await post(raw);
    expect(res.status).toBe(200);
    await res.text();

    const reply = await waitFor(() => fake.responses.find((r) => r.id === 'button')?.body, 'the button reply');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    const rows = await sql<{ status: string }>(
      t.db,
      `SELECT um.status FROM user_missions um JOIN companion_platform_identities p ON p.user_id = um.user_id
        WHERE p.platform = 'slack' AND p.external_id = $1 AND um.mission_id = $2::uuid`,
      [`${TEAM}:U2BEN`, missionId],
    );
    expect(rows).toEqual([{ status: 'in_progress' }]);
  });

  it('acts once when Slack redelivers the same request', async () => {
    const { body, responseId } = slashBody('journal write mood:calm only once please', { user_id: 'U3CAT', user_name: 'cat' });
    const first = await post(body);
    expect(first.status).toBe(200);
    await first.text();
    const again = await post(body, { ...sign(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(again.status).toBe(200);
    await again.text();
    await waitFor(() => fake.responses.find((r) => r.id === responseId), 'the first reply');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.responses.filter((r) => r.id === responseId)).toHaveLength(1);
    const rows = await sql<{ n: number }>(
      t.db,
      `SELECT count(*)::int AS n FROM journal_entries j JOIN companion_platform_identities p ON p.user_id = j.user_id
        WHERE p.external_id = $1`,
      [`${TEAM}:U3CAT`],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('also runs mounted on the process HTTP server, next to /healthz', async () => {
    const mounted = createSlackAdapter({
      router: routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') }),
      slack: { botToken: 'xoxb-test', signingSecret: SECRET, appToken: undefined, apiUrl: `${fake.url}/api` },
      logger: createLogger('silent'),
    });
    await mounted.init();
    const http = createHttpServer({ ping: async () => true, logger: createLogger('silent') });
    http.route('POST', '/slack/events', mounted.requestListener!);
    const port = await http.listen(0, '127.0.0.1');
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      await health.text();
      const { body, responseId } = slashBody('help journal');
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
        body,
      });
      expect(res.status).toBe(200);
      await res.text();
      const reply = await waitFor(() => fake.responses.find((r) => r.id === responseId)?.body, 'the mounted reply');
      expect(blocksText(reply.blocks)).toContain('Help: journal');
      // Examples are written the way they are typed on Slack.
      expect(blocksText(reply.blocks)).toContain('Example: /extro journal write mood:hopeful');
      const forged = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, undefined, 'wrong') },
        body,
      });
      expect(forged.status).toBe(401);
      await forged.text();
    } finally {
      await mounted.stop();
      await http.close();
    }
  });

  it('drops a redelivered event callback with the same event_id', async () => {
    let seen = 0;
    adapter.app.event('app_home_opened', async () => {
      seen += 1;
    });
    const event = JSON.stringify({
      token: 'legacy',
      team_id: TEAM,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U1ANA', channel: 'D1ANA', tab: 'messages', event_ts: '1700000002.000100' },
    });
    const send = (headers: Record<string, string>) =>
      fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(event), ...headers }, body: event });
    expect((await send({})).status).toBe(200);
    await waitFor(() => (seen === 1 ? true : undefined), 'the first delivery');
    expect((await send({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toBe(1);
  });
});

describe('slack journal modal and App Home (real Bolt, fake Web API, PGlite)', () => {
  let t: TestDatabase;
  let fake: Awaited<ReturnType<typeof startFakeSlack>>;
  let adapter: SlackAdapter;
  let base: string;
  let seq = 0;
  const USER = { id: 'U7EVA', username: 'eva', name: 'eva', team_id: TEAM };

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    fake = await startFakeSlack();
    ({ adapter, base } = await startSlackOverHttp(routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') }), fake));
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await t?.dispose();
  });

  function post(rawBody: string, contentType = 'application/x-www-form-urlencoded') {
    return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...sign(rawBody) }, body: rawBody });
  }

  async function entries(userId = USER.id) {
    return sql<{ content: string; mood: string; tags: string[] }>(
      t.db,
      `SELECT j.content, j.mood, j.tags FROM journal_entries j JOIN companion_platform_identities p ON p.user_id = j.user_id
        WHERE p.platform = 'slack' AND p.external_id = $1 ORDER BY j.created_at`,
      [`${TEAM}:${userId}`],
    );
  }

  /** A view_submission of the journal modal with these input values. */
  function submission(values: { content?: string; mood?: string; tags?: string }, privateMetadata: string) {
    seq += 1;
    const input = (v: string | undefined) => ({ type: 'plain_text_input', value: v ?? null });
    const payload = {
      type: 'view_submission',
      team: { id: TEAM, domain: 'extro' },
      user: USER,
      api_app_id: 'A1',
      token: 'legacy',
      trigger_id: `trigger-view-${seq}-${Date.now()}`,
      view: {
        id: `V${seq}`,
        team_id: TEAM,
        type: 'modal',
        callback_id: 'journal_write',
        private_metadata: privateMetadata,
        blocks: [],
        state: { values: { content: { content: input(values.content) }, mood: { mood: input(values.mood) }, tags: { tags: input(values.tags) } } },
        hash: 'h',
        title: { type: 'plain_text', text: 'Journal entry' },
        app_id: 'A1',
        bot_id: 'BBOT',
      },
      response_urls: [],
    };
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  it('opens the journal modal for a bare /extro journal write, with the trigger_id', async () => {
    const trigger = `trigger-bare-${Date.now()}`;
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: TEAM,
      team_domain: 'extro',
      channel_id: 'C1GENERAL',
      channel_name: 'general',
      user_id: USER.id,
      user_name: USER.name,
      command: '/extro',
      text: 'journal write',
      api_app_id: 'A1',
      response_url: `${fake.url}/response/bare`,
      trigger_id: trigger,
    }).toString();
    const res = await post(body);
    expect(res.status).toBe(200);
    await res.text();
    const open = await waitFor(() => fake.calls.find((c) => c.method === 'views.open'), 'views.open');
    expect(open.body.trigger_id).toBe(trigger);
    const view = JSON.parse(open.body.view!) as {
      type: string;
      callback_id: string;
      title: { text: string };
      private_metadata: string;
      blocks: Array<{ block_id: string; optional?: boolean; hint?: { text: string }; element: { action_id: string; multiline?: boolean; max_length?: number } }>;
    };
    expect(view).toMatchObject({ type: 'modal', callback_id: 'journal_write', title: { text: 'Journal entry' } });
    expect(JSON.parse(view.private_metadata)).toEqual({ channel_id: 'C1GENERAL', is_dm: false });
    const [content, mood, tags] = view.blocks;
    expect(content).toMatchObject({ block_id: 'content', element: { action_id: 'content', multiline: true, max_length: 4000 } });
    expect(mood).toMatchObject({ block_id: 'mood', element: { action_id: 'mood', max_length: 50 } });
    expect(mood!.hint!.text).toContain('calm');
    expect(tags).toMatchObject({ block_id: 'tags', optional: true, element: { action_id: 'tags' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.responses.some((r) => r.id === 'bare')).toBe(false);
    expect(await entries()).toEqual([]);
  });

  it('answers an empty content or mood with field-level errors and saves nothing', async () => {
    const res = await post(submission({ content: '   ', mood: '' }, JSON.stringify({ channel_id: 'C1GENERAL', is_dm: false })));
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['content', 'mood']);
    expect(ack.errors.content).toMatch(/few words/);
    const moodOnly = await post(submission({ content: 'Said hi', mood: ' ' }, '{}'));
    expect(((await moodOnly.json()) as { errors: Record<string, string> }).errors).toEqual({ mood: expect.stringContaining('how you feel') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await entries()).toEqual([]);
    expect(fake.calls.some((c) => c.method === 'chat.postEphemeral' || c.method === 'chat.postMessage')).toBe(false);
  });

  it('saves a valid submission and answers ephemerally in the channel it came from', async () => {
    const res = await post(
      submission({ content: 'Asked a colleague to lunch', mood: 'hopeful', tags: 'work, lunch' }, JSON.stringify({ channel_id: 'C1GENERAL', is_dm: false })),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const sent = await waitFor(() => fake.calls.find((c) => c.method === 'chat.postEphemeral'), 'chat.postEphemeral');
    expect(sent.body.channel).toBe('C1GENERAL');
    expect(sent.body.user).toBe(USER.id);
    expect(sent.body.blocks).toContain('Journal entry saved');
    expect(sent.body.blocks).toContain('feeling hopeful');
    expect(await entries()).toEqual([{ content: 'Asked a colleague to lunch', mood: 'hopeful', tags: ['work', 'lunch'] }]);
  });

  it('answers in a DM when the modal was opened outside a channel', async () => {
    const res = await post(submission({ content: 'Called my sister', mood: 'grateful' }, JSON.stringify({ channel_id: '', is_dm: false })));
    expect(res.status).toBe(200);
    await res.text();
    const sent = await waitFor(() => fake.calls.find((c) => c.method === 'chat.postMessage'), 'chat.postMessage');
    expect(sent.body.channel).toBe(USER.id);
    expect(sent.body.blocks).toContain('feeling grateful');
    expect(await entries()).toHaveLength(2);
  });

  it('publishes the home tab with the streak, totals and buttons for the common steps', async () => {
    const event = JSON.stringify({
      token: 'legacy',
      team_id: TEAM,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `EvHome${Date.now()}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: USER.id, channel: 'D7EVA', tab: 'home', event_ts: '1700000003.000100' },
    });
    const res = await post(event, 'application/json');
    expect(res.status).toBe(200);
    await res.text();
    const publish = await waitFor(() => fake.calls.find((c) => c.method === 'views.publish'), 'views.publish');
    expect(publish.body.user_id).toBe(USER.id);
    const view = JSON.parse(publish.body.view!) as { type: string; blocks: SlackBlock[] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Your progress', emoji: true } });
    const text = blocksText(view.blocks);
    expect(text).toContain('*Streak*');
    expect(text).toContain('1 day in a row');
    expect(text).toContain('2 journal entries');
    const actions = view.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' ? actions.elements.map((e) => e.action_id) : []).toEqual(
      expect.arrayContaining(['journal:write:modal', 'journal:prompt:home', 'mission:suggest:next', 'progress:show:home']),
    );
  });

  it('opens the modal from the home tab button and answers other home buttons in a DM', async () => {
    const press = (actionId: string) => {
      seq += 1;
      const payload = {
        type: 'block_actions',
        team: { id: TEAM, domain: 'extro' },
        user: USER,
        api_app_id: 'A1',
        token: 'legacy',
        container: { type: 'view', view_id: 'VHOME' },
        trigger_id: `trigger-home-${seq}-${Date.now()}`,
        view: { id: 'VHOME', type: 'home', team_id: TEAM, callback_id: '', private_metadata: '', blocks: [], state: { values: {} } },
        actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, action_ts: '1700000004.000100' }],
      };
      return { raw: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), trigger: payload.trigger_id };
    };
    const modal = press('journal:write:modal');
    expect((await post(modal.raw)).status).toBe(200);
    const open = await waitFor(() => fake.calls.find((c) => c.method === 'views.open' && c.body.trigger_id === modal.trigger), 'views.open from home');
    expect(JSON.parse(JSON.parse(open.body.view!).private_metadata)).toEqual({ channel_id: '', is_dm: false });

    const before = fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    expect((await post(press('journal:prompt:home').raw)).status).toBe(200);
    const dm = await waitFor(
      () => (fake.calls.filter((c) => c.method === 'chat.postMessage').length > before ? fake.calls.filter((c) => c.method === 'chat.postMessage').at(-1) : undefined),
      'the prompt in a DM',
    );
    expect(dm.body.channel).toBe(USER.id);
    expect(dm.body.blocks).toContain('Reflection prompt');
  });
});

describe('slack adapter in Socket Mode (real Bolt, fake socket, PGlite)', () => {
  let t: TestDatabase;
  let fake: Awaited<ReturnType<typeof startFakeSlack>>;
  let adapter: SlackAdapter;

  beforeAll(async () => {
    t = await freshDatabase('pglite');
    fake = await startFakeSlack();
    adapter = createSlackAdapter({
      router: routerDeps({ core: coreDeps(t.db), registry, logger: createLogger('silent') }),
      slack: { botToken: 'xoxb-test', signingSecret: SECRET, appToken: 'xapp-test', apiUrl: `${fake.url}/api/` },
      logger: createLogger('silent'),
    });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await t?.dispose();
  });

  it('acks a slash command envelope, saves the entry once even when redelivered, and answers privately', async () => {
    expect(adapter.mode).toBe('socket');
    expect(adapter.requestListener).toBeUndefined();
    expect(fake.calls.map((c) => c.method)).toContain('apps.connections.open');
    const socket = await waitFor(() => fake.sockets[0], 'the socket connection');
    const payload = {
      token: 'legacy',
      team_id: TEAM,
      team_domain: 'extro',
      channel_id: 'D9DIA',
      channel_name: 'directmessage',
      user_id: 'U9DIA',
      user_name: 'dia',
      command: '/extro',
      text: 'journal write mood:brave over the socket',
      api_app_id: 'A1',
      response_url: `${fake.url}/response/socket`,
      trigger_id: `trigger-socket-${Date.now()}`,
    };
    socket.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', payload, accepts_response_payload: true }));
    await waitFor(() => fake.socketAcks.find((a) => a.envelope_id === 'env-1'), 'the envelope ack');
    const reply = await waitFor(() => fake.responses.find((r) => r.id === 'socket')?.body, 'the socket reply');
    expect(reply.response_type).toBe('ephemeral');
    expect(blocksText(reply.blocks)).toContain('feeling brave');

    socket.send(JSON.stringify({ envelope_id: 'env-2', type: 'slash_commands', payload, accepts_response_payload: true, retry_attempt: 1 }));
    await waitFor(() => fake.socketAcks.find((a) => a.envelope_id === 'env-2'), 'the redelivery ack');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.responses.filter((r) => r.id === 'socket')).toHaveLength(1);
    const rows = await sql<{ content: string }>(
      t.db,
      `SELECT j.content FROM journal_entries j JOIN companion_platform_identities p ON p.user_id = j.user_id WHERE p.external_id = $1`,
      [`${TEAM}:U9DIA`],
    );
    expect(rows).toEqual([{ content: 'over the socket' }]);
  });
});

describe('slack render', () => {
  it('maps title, text, fields, celebrations and buttons to Block Kit', () => {
    const message = renderBlocks(
      privateReply('Nice <work> & more', {
        title: 'Done',
        fields: [{ name: 'Mood', value: 'proud' }],
        celebrate: [{ id: 'a', title: 'First Steps', description: 'Write your first entry', icon: '📝', pointsReward: 50 }],
        actions: [
          { id: 'mission:start:1', label: 'Start', style: 'primary' },
          { id: 'mission:skip:1', label: 'Skip', style: 'secondary' },
          { id: 'mission:done:1', label: 'Done', style: 'success' },
          { id: 'privacy:delete:confirm', label: 'Delete', style: 'danger' },
        ],
        image: { png: new Uint8Array(), filename: 'x.png', alt: 'chart' },
      }),
    );
    expect(message.response_type).toBe('ephemeral');
    expect(message.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Done', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Nice &lt;work&gt; &amp; more' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Mood*\nproud' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: '🎉 New achievement: 📝 First Steps (Write your first entry), +50 points' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: 'mission:start:1', text: { type: 'plain_text', text: 'Start', emoji: true }, style: 'primary' },
          { type: 'button', action_id: 'mission:skip:1', text: { type: 'plain_text', text: 'Skip', emoji: true } },
          { type: 'button', action_id: 'mission:done:1', text: { type: 'plain_text', text: 'Done', emoji: true } },
          { type: 'button', action_id: 'privacy:delete:confirm', text: { type: 'plain_text', text: 'Delete', emoji: true }, style: 'danger' },
        ],
      },
    ]);
    expect(message.text).toContain('Done\nNice &lt;work&gt; &amp; more\nMood: proud');
  });

  it('makes public replies in_channel and splits more than 10 fields into sections', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
    const message = renderBlocks({ text: '', visibility: 'public', fields });
    expect(message.response_type).toBe('in_channel');
    expect(message.blocks.map((b) => (b.type === 'section' ? b.fields?.length : 0))).toEqual([10, 2]);
  });
});

describe('delivery dedupe', () => {
  it('forgets ids after the window and keeps at most max ids', () => {
    let now = 0;
    const dedupe = createDeliveryDedupe({ max: 3, ttlMs: 1000, now: () => now });
    expect(dedupe.firstSeen('a')).toBe(true);
    expect(dedupe.firstSeen('a')).toBe(false);
    now = 1001;
    expect(dedupe.firstSeen('a')).toBe(true);
    for (const k of ['b', 'c', 'd', 'e']) dedupe.firstSeen(k);
    expect(dedupe.size).toBe(3);
    expect(dedupe.firstSeen('b')).toBe(true);
  });
});

describe('slack manifest', () => {
  it('declares /extro with its request URLs, scopes and events, and names every command in the usage hint', () => {
    const url = 'https://companion.example.com/slack/events';
    const manifest = slackManifest({ name: 'Extrovertly', requestUrl: url });
    const [command] = manifest.features.slash_commands;
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(command!.command).toBe('/extro');
    expect(command!.url).toBe(url);
    expect(command!.description.length).toBeLessThanOrEqual(100);
    for (const c of ALL_COMMANDS) expect(command!.usage_hint).toContain(c.name);
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:history', 'im:write', 'users:read']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    // The coach's side panel and the chart upload need these.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['assistant:write', 'files:write']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.im', 'assistant_thread_started']));
    expect(manifest.features.assistant_view.assistant_description).toMatch(/coach/);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(slackManifest({ name: 'Extrovertly', requestUrl: url, socketMode: true }).settings.socket_mode_enabled).toBe(true);
  });
});
