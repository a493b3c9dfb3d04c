/**
 * Local fakes of the Slack Web API (with response_url) and the Discord REST API,
 * plus the payload builders that drive the real SDKs against them. Copied from
 * test/slack.test.ts and test/discord.test.ts so other suites (the contract
 * suite) can reuse them; those files keep their own copies.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

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

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

/** The Slack Web API and response_url endpoints (`/response/<id>`), on 127.0.0.1, recording every call. */
export async function startFakeSlack(team = SLACK_TEAM) {
  const calls: SlackApiCall[] = [];
  const responses: SlackResponsePost[] = [];
  /** Socket Mode: what the app sent back on the socket (acks), and the open sockets. */
  const socketAcks: Array<Record<string, unknown>> = [];
  const sockets: WebSocket[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => resolve(data));
    });
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    const path = req.url ?? '/';
    res.setHeader('content-type', 'application/json');
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
    res.end(JSON.stringify({ ok: true, ts: '1700000000.000100' }));
  });
  const wss = new WebSocketServer({ server, path: '/socket' });
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => socketAcks.push(JSON.parse(data.toString()) as Record<string, unknown>));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    responses,
    socketAcks,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Slack's request signature headers for `rawBody`. */
export function signSlack(rawBody: string, ts = Math.floor(Date.now() / 1000), secret = SLACK_SECRET): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex')}`,
  };
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
      } else if (req.method === 'PUT' && /^\/api\/v10\/applications\/[^/]+(\/guilds\/[^/]+)?\/commands$/.test(path)) {
        const commands = Array.isArray(body) ? body : [];
        json(200, commands.map((c: object, i: number) => ({ ...c, id: String(900 + i), application_id: DISCORD_APP_ID, version: '1' })));
      } else {
        json(404, { message: 'Unknown', code: 0 });
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/api`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
