/**
 * Local fakes of the Slack Web API (with response_url) and the Discord REST API,
 * plus the payload builders that drive the real SDKs against them. Copied from
 * test/slack.test.ts and test/discord.test.ts so other suites (the contract
 * suite) can reuse them; those files keep their own copies.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, listenLocal, slackSignature } from './fake-http.ts';
import { createLogger } from '../../src/logger.ts';
import type { RouterDeps } from '../../src/router/dispatch.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/platforms/slack/slack-adapter.ts';

// ---------------------------------------------------------------------------
// Slack
// ---------------------------------------------------------------------------

export const SLACK_SECRET = 'test-signing-secret';
export const SLACK_TEAM = 'T0SLACK1';

export interface SlackApiCall {
  readonly method: string;
  readonly body: Record<string, string>;
}
export interface SlackResponsePost {
  readonly id: string;
  readonly body: Record<string, unknown>;
}
/** A file's bytes as posted to the upload URL files.getUploadURLExternal handed out. */
export interface SlackUpload {
  readonly fileId: string;
  readonly bytes: Buffer;
}
/** What users.info answers for a person registered in `slackUsers` (others get the generic answer). */
export interface SlackUserProfile {
  readonly name?: string;
  readonly tz?: string;
  readonly locale?: string;
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** The Slack Web API and response_url endpoints (`/response/<id>`), on 127.0.0.1, recording every call. */
export async function startFakeSlack(team = SLACK_TEAM) {
  const calls: SlackApiCall[] = [];
  const responses: SlackResponsePost[] = [];
  /** Socket Mode: what the app sent back on the socket (acks), and the open sockets. */
  const socketAcks: Array<Record<string, unknown>> = [];
  const sockets: WebSocket[] = [];
  /** Files posted to the upload URLs, and the people users.info knows. */
  const uploads: SlackUpload[] = [];
  const slackUsers = new Map<string, SlackUserProfile>();
  let streamSeq = 0;
  let fileSeq = 0;
  const readBytes = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const server: Server = createServer(async (req, res) => {
    const bytes = await readBytes(req);
    const raw = bytes.toString();
    const path = req.url ?? '/';
    res.setHeader('content-type', 'application/json');
    if (path.startsWith('/upload/')) {
      uploads.push({ fileId: path.slice('/upload/'.length), bytes });
      res.setHeader('content-type', 'text/plain');
      return res.end('OK - ' + bytes.length);
    }
    if (path.startsWith('/response/')) {
      responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw) as Record<string, unknown> });
      return res.end(JSON.stringify({ ok: true }));
    }
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    const body = req.headers['content-type']?.includes('json')
      ? (JSON.parse(raw || '{}') as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(raw));
    calls.push({ method, body });
    if (method === 'auth.test') return res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: team }));
    if (method === 'apps.connections.open') return res.end(JSON.stringify({ ok: true, url: `${url.replace('http', 'ws')}/socket` }));
    // The coach's streaming, the assistant panel, profiles, DMs and file uploads.
    if (method === 'chat.startStream') {
      streamSeq += 1;
      return res.end(JSON.stringify({ ok: true, channel: body.channel, ts: `1700000100.${String(streamSeq).padStart(6, '0')}` }));
    }
    if (method === 'chat.appendStream') return res.end(JSON.stringify({ ok: true, channel: body.channel, ts: body.ts }));
    if (method === 'chat.stopStream') return res.end(JSON.stringify({ ok: true, channel: body.channel, ts: body.ts, message: { ts: body.ts } }));
    if (method.startsWith('assistant.threads.')) return res.end(JSON.stringify({ ok: true }));
    if (method === 'users.info' && slackUsers.has(body.user ?? '')) {
      const profile = slackUsers.get(body.user!)!;
      return res.end(JSON.stringify({ ok: true, user: { id: body.user, team_id: team, ...profile } }));
    }
    if (method === 'conversations.open') return res.end(JSON.stringify({ ok: true, channel: { id: `D${String(body.users ?? '').split(',')[0]}` } }));
    if (method === 'files.getUploadURLExternal') {
      fileSeq += 1;
      const fileId = `F${String(fileSeq).padStart(6, '0')}`;
      return res.end(JSON.stringify({ ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId }));
    }
    if (method === 'files.completeUploadExternal') {
      const files = JSON.parse(body.files ?? '[]') as Array<{ id: string; title?: string }>;
      return res.end(JSON.stringify({ ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) }));
    }
    res.end(JSON.stringify({ ok: true, ts: '1700000000.000100' }));
  });
  const wss = new WebSocketServer({ server, path: '/socket' });
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => socketAcks.push(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
  });
  const url = await listenLocal(server);
  return {
    url,
    calls,
    responses,
    socketAcks,
    sockets,
    uploads,
    slackUsers,
    close: () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      return closeServer(server);
    },
  };
}

/** Slack's request signature headers for `rawBody`. */
export function signSlack(rawBody: string, ts = Math.floor(Date.now() / 1000), secret = SLACK_SECRET): Record<string, string> {
  return slackSignature(secret, rawBody, ts);
}

let slashSeq = 0;

/** A form-encoded `/extro <text>` slash command whose reply goes to `<fake>/response/<responseId>`. */
export function slackSlashBody(
  fakeUrl: string,
  text: string,
  who: { user_id: string; user_name: string },
  { team = SLACK_TEAM, channel = { channel_id: 'C1GENERAL', channel_name: 'general' } } = {},
): { body: string; responseId: string } {
  slashSeq += 1;
  const responseId = `r${process.pid}-${slashSeq}`;
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: team,
    team_domain: 'extro',
    ...channel,
    ...who,
    command: '/extro',
    text,
    api_app_id: 'A1',
    response_url: `${fakeUrl}/response/${responseId}`,
    trigger_id: `trigger-${process.pid}-${slashSeq}-${Date.now()}`,
  }).toString();
  return { body, responseId };
}

// ---------------------------------------------------------------------------
// Polling
// ---------------------------------------------------------------------------

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ---------------------------------------------------------------------------
// Discord
// ---------------------------------------------------------------------------

export const DISCORD_APP_ID = '111111111111111111';
export const DISCORD_GUILD_ID = '222222222222222222';

export interface DiscordRequest {
  method: string;
  path: string;
  body: unknown;
}

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

/** A fake Discord REST API: records every request and answers like Discord does. `url` ends in /api. */
export async function startFakeDiscord(): Promise<{ server: Server; url: string; requests: DiscordRequest[]; close(): Promise<void> }> {
  const requests: DiscordRequest[] = [];
  const read = async (req: IncomingMessage): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (!raw) return undefined;
    if ((req.headers['content-type'] ?? '').startsWith('multipart/')) return raw;
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  };
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
      requests.push({ method: req.method ?? '', path, body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && /^\/api\/v10\/interactions\/[^/]+\/[^/]+\/callback$/.test(path)) {
        res.writeHead(204);
        res.end();
      } else if (req.method === 'PATCH' && /^\/api\/v10\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/.test(path)) {
        json(200, discordMessage(body));
      } else if (req.method === 'POST' && /^\/api\/v10\/webhooks\/[^/]+\/[^/]+$/.test(path)) {
        json(200, discordMessage(body));
      } else if (req.method === 'POST' && /^\/api\/v10\/channels\/[^/]+\/typing$/.test(path)) {
        res.writeHead(204);
        res.end();
      } else if (req.method === 'POST' && /^\/api\/v10\/channels\/[^/]+\/messages$/.test(path)) {
        json(200, discordChannelMessage(path.split('/')[4]!, snowflake(), body));
      } else if (req.method === 'PATCH' && /^\/api\/v10\/channels\/[^/]+\/messages\/[^/]+$/.test(path)) {
        json(200, discordChannelMessage(path.split('/')[4]!, path.split('/')[6]!, body));
      } else if (req.method === 'PUT' && /^\/api\/v10\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(path)) {
        const commands = Array.isArray(body) ? body : [];
        json(200, commands.map((c: object, i: number) => ({ ...c, id: String(900 + i), application_id: DISCORD_APP_ID, version: '1' })));
      } else {
        json(404, { message: 'Unknown', code: 0 });
      }
    });
  });
  const base = await listenLocal(server);
  return {
    server,
    url: `${base}/api`,
    requests,
    close: () => closeServer(server),
  };
}

/** A message object as Discord returns it for a webhook edit or follow-up. */
export function discordMessage(body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    id: '333333333333333333',
    channel_id: '444444444444444444',
    type: 0,
    content: b.content ?? '',
    embeds: b.embeds ?? [],
    components: [],
    attachments: [],
    author: { id: DISCORD_APP_ID, username: 'companion', discriminator: '0', global_name: null, avatar: null, bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    flags: b.flags ?? 0,
  };
}

/** A message the bot sent or edited in a channel (a DM): its own id, in that channel, with what was sent. */
export function discordChannelMessage(channelId: string, id: string, body: unknown) {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { ...discordMessage(body), id, channel_id: channelId, components: b.components ?? [] };
}

let snowflakeCounter = 0;
export function snowflake(): string {
  snowflakeCounter += 1;
  return `${BigInt(Date.now()) * 1000n + BigInt(snowflakeCounter)}`;
}

export interface DiscordWho {
  id: string;
  name: string;
}

/** A raw INTERACTION_CREATE payload (type 2 command, 3 component, 4 autocomplete, 5 modal submit). */
export function discordInteraction(
  type: 2 | 3 | 4 | 5,
  data: Record<string, unknown>,
  where: { dm: boolean },
  who: DiscordWho,
): Record<string, unknown> {
  const user = { id: who.id, username: who.name.toLowerCase(), global_name: who.name, discriminator: '0', avatar: null };
  const id = snowflake();
  return {
    id,
    application_id: DISCORD_APP_ID,
    type,
    token: `tok-${id}`,
    version: 1,
    data,
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    app_permissions: '0',
    ...(where.dm
      ? { user, channel: { id: '555555555555555555', type: 1 }, channel_id: '555555555555555555', context: 1 }
      : {
          guild_id: DISCORD_GUILD_ID,
          guild_locale: 'en-US',
          member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, permissions: '0', flags: 0 },
          channel: { id: '666666666666666666', type: 0, guild_id: DISCORD_GUILD_ID },
          channel_id: '666666666666666666',
          context: 0,
        }),
  };
}

/** A raw chat-input command interaction. */
export function discordSlash(name: string, options: Array<Record<string, unknown>>, where: { dm: boolean }, who: DiscordWho) {
  return discordInteraction(2, { id: snowflake(), name, type: 1, options }, where, who);
}

/** A subcommand option holding `options`. */
export function discordSub(name: string, options: Array<Record<string, unknown>>) {
  return { type: 1, name, options };
}

/** Feeds a raw INTERACTION_CREATE payload to a discord.js Client that is not logged in. */
export function discordFeeder(client: unknown): (d: Record<string, unknown>) => void {
  const actions = (client as { actions: { InteractionCreate: { handle(d: unknown): void } } }).actions;
  return (d) => actions.InteractionCreate.handle(d);
}

// ---------------------------------------------------------------------------
// Direct messages (scheduler): Slack chat.postMessage + file uploads, Discord DM channels
// ---------------------------------------------------------------------------

export interface FakeDMOptions {
  /** Slack: a platform error (`channel_not_found`) or Discord: an error code (50007) for these recipients. */
  readonly errors?: Readonly<Record<string, string | number>>;
  /** Recipients answered 429 with this Retry-After (seconds) on their first message. */
  readonly rateLimitOnce?: Readonly<Record<string, number>>;
}

/** A fake Slack Web API for DMs: postMessage answers with a D-channel per user; uploads are accepted and recorded. */
export async function startFakeSlackDMs(options: FakeDMOptions = {}) {
  const calls: SlackApiCall[] = [];
  const uploads: Array<{ path: string; bytes: number }> = [];
  const limited = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = (req.url ?? '/').split('?')[0]!;
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (path.startsWith('/upload/')) {
        uploads.push({ path, bytes: raw.length });
        res.writeHead(200);
        return res.end('OK');
      }
      const method = path.replace(/^\/api\//, '');
      const text = raw.toString('utf8');
      const body = req.headers['content-type']?.includes('json')
        ? (JSON.parse(text || '{}') as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(text));
      calls.push({ method, body });
      if (method === 'chat.postMessage') {
        const channel = body.channel ?? '';
        const retry = options.rateLimitOnce?.[channel];
        if (retry !== undefined && !limited.has(channel)) {
          limited.add(channel);
          return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retry) });
        }
        const error = options.errors?.[channel];
        if (error !== undefined) return json(200, { ok: false, error: String(error) });
        return json(200, { ok: true, channel: `D${channel}`, ts: '1700000000.000100' });
      }
      if (method === 'files.getUploadURLExternal') {
        return json(200, { ok: true, upload_url: `${url}/upload/F${uploads.length + 1}`, file_id: `F${calls.length}` });
      }
      if (method === 'files.completeUploadExternal') return json(200, { ok: true, files: [{ id: 'F1' }] });
      json(200, { ok: true });
    });
  });
  const url = await listenLocal(server);
  return {
    url,
    calls,
    uploads,
    close: () => closeServer(server),
  };
}

/** A fake Discord REST API for DMs: opens `dm-<user>` channels and accepts messages (JSON or multipart). `url` ends in /api. */
export async function startFakeDiscordDMs(options: FakeDMOptions = {}) {
  const requests: DiscordRequest[] = [];
  const limited = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
      const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/');
      let body: unknown = raw;
      if (!multipart && raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      requests.push({ method: req.method ?? '', path, body });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && path === '/api/v10/users/@me/channels') {
        const recipient = String((body as { recipient_id?: unknown })?.recipient_id ?? '');
        return json(200, { id: `dm-${recipient}`, type: 1, recipients: [{ id: recipient, username: 'someone', discriminator: '0', avatar: null }] });
      }
      const m = /^\/api\/v10\/channels\/dm-([^/]+)\/messages$/.exec(path);
      if (req.method === 'POST' && m) {
        const recipient = m[1]!;
        const retry = options.rateLimitOnce?.[recipient];
        if (retry !== undefined && !limited.has(recipient)) {
          limited.add(recipient);
          return json(429, { message: 'You are being rate limited.', retry_after: retry, global: false }, { 'retry-after': String(retry), 'x-ratelimit-scope': 'user' });
        }
        const error = options.errors?.[recipient];
        if (error !== undefined) return json(403, { message: 'Cannot send messages to this user', code: Number(error) });
        return json(200, { ...discordMessage(multipart ? {} : body), channel_id: `dm-${recipient}` });
      }
      json(404, { message: 'Unknown', code: 0 });
    });
  });
  const base = await listenLocal(server);
  return {
    url: `${base}/api`,
    requests,
    close: () => closeServer(server),
  };
}

/** The Slack adapter over HTTP on a free port, talking to `fake`: where most Slack tests start. */
export async function startSlackOverHttp(router: RouterDeps, fake: { readonly url: string }): Promise<{ adapter: SlackAdapter; base: string }> {
  const adapter = createSlackAdapter({
    router,
    slack: { botToken: 'xoxb-test', signingSecret: SLACK_SECRET, appToken: undefined, apiUrl: `${fake.url}/api/` },
    logger: createLogger('silent'),
    port: 0,
  });
  await adapter.start();
  return { adapter, base: `http://127.0.0.1:${adapter.port}` };
}
