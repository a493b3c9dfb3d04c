/**
 * coach_overhead_p99_ms: how much the companion adds to the time a person waits
 * for the coach's first words on Slack. The real adapter (Bolt's HTTP receiver,
 * mounted on the process's HTTP server) and the real coach service (createCoach)
 * run against a fake Slack Web API and a fake OpenAI-compatible server that
 * answers after a fixed PROVIDER_DELAY_MS. 20 people each send DMs in their
 * assistant thread, one after another (the next once the previous reply has
 * finished streaming); each sample is the time from POSTing the signed
 * `message.im` event to the first chat.startStream (the first visible coach
 * text) reaching the fake Slack, minus PROVIDER_DELAY_MS. Each person's first
 * DM (first contact: users.info, a new user, a new conversation) is untimed.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { registry } from '../commands/index.ts';
import { createCoach } from '../src/coach/coach.ts';
import { systemClock } from '../src/core/clock.ts';
import type { Database } from '../src/db/client.ts';
import { createHttpServer } from '../src/http-server.ts';
import { createLogger } from '../src/logger.ts';
import { createSlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import { startFakeOpenAI } from '../test/helpers/fake-openai.ts';
import { percentile, progress, round, type BenchResult } from './harness.ts';
import { closeServer, readBody, slackSignature } from './fake-http.ts';

const PEOPLE = 20;
const DMS_PER_PERSON = 11;
/** Timed samples: every DM but each person's first. */
const SAMPLES = PEOPLE * (DMS_PER_PERSON - 1);
/** The fake provider's fixed wait before it starts answering. */
const PROVIDER_DELAY_MS = 200;
const SECRET = 'bench-signing-secret';
const TEAM = 'TBENCH2';
/** A reply slower than this fails the entry rather than hang it. */
const REPLY_WAIT_MS = 20_000;

const MESSAGES = [
  'I said hi to a colleague in the kitchen today and it went fine.',
  'How can I join a conversation that has already started?',
  'I have a team lunch on Friday and I feel a bit nervous about it.',
  'What is a small step I could take this week?',
  'I asked a question in the meeting today!',
];

interface Pending {
  resolveFirst: (at: number) => void;
  resolveDone: () => void;
}

/** The Slack Web API calls the coach makes; `turn(thread)` resolves at the first text and at the end of the stream. */
async function startFakeSlack() {
  const pending = new Map<string, Pending>();
  const streams = new Map<string, string>();
  let streamSeq = 0;
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const at = performance.now();
    const method = (req.url ?? '/').replace(/^\/api\//, '').split('?')[0]!;
    const body = Object.fromEntries(new URLSearchParams(raw));
    res.setHeader('content-type', 'application/json');
    if (method === 'auth.test') return res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: TEAM }));
    if (method === 'users.info') return res.end(JSON.stringify({ ok: true, user: { id: body.user, name: body.user?.toLowerCase(), tz: 'Europe/Berlin', locale: 'en-GB' } }));
    if (method === 'chat.startStream') {
      streamSeq += 1;
      const ts = `1700000100.${String(streamSeq).padStart(6, '0')}`;
      streams.set(ts, body.thread_ts!);
      // The first visible coach text for this thread's current turn.
      if (body.markdown_text) pending.get(body.thread_ts!)?.resolveFirst(at);
      return res.end(JSON.stringify({ ok: true, channel: body.channel, ts }));
    }
    if (method === 'chat.stopStream') {
      const thread = streams.get(body.ts!);
      res.end(JSON.stringify({ ok: true, channel: body.channel, ts: body.ts }));
      if (thread) pending.get(thread)?.resolveDone();
      return;
    }
    if (method === 'chat.postMessage' && body.thread_ts) {
      // A reply that was not streamed (it should not happen here): the turn is over, with no first-text sample.
      res.end(JSON.stringify({ ok: true, channel: body.channel, ts: '1700000200.000001' }));
      pending.get(body.thread_ts)?.resolveDone();
      return;
    }
    res.end(JSON.stringify({ ok: true, ts: '1700000000.000100' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Registers the next turn in `thread`: resolves `first` with the time of its first text, `done` when it ends. */
    turn(thread: string) {
      let resolveFirst!: (at: number) => void;
      let resolveDone!: () => void;
      const first = new Promise<number>((resolve) => (resolveFirst = resolve));
      const done = new Promise<void>((resolve) => (resolveDone = resolve));
      pending.set(thread, { resolveFirst, resolveDone });
      return { first, done };
    },
    close: () => closeServer(server),
  };
}

function sign(rawBody: string): Record<string, string> {
  return slackSignature(SECRET, rawBody);
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`coach-overhead: no ${what} within ${REPLY_WAIT_MS} ms`)), REPLY_WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function coachOverhead(db: Database): Promise<BenchResult> {
  const slack = await startFakeSlack();
  const openai = await startFakeOpenAI({
    delayMs: PROVIDER_DELAY_MS,
    chunks: ['That sounds ', 'like a brave ', 'step. ', 'What felt ', 'easiest?'],
    chunkDelayMs: 5,
    usage: { prompt_tokens: 300, completion_tokens: 20, total_tokens: 320 },
  });
  const logger = createLogger('silent');
  const core = { db, clock: systemClock, defaultTimezone: 'UTC' };
  const coach = createCoach({
    core,
    logger,
    config: {
      apiKey: 'bench',
      baseUrl: openai.baseUrl,
      model: 'bench-model',
      timeoutMs: 10_000,
      maxRetries: 0,
      dailyMessages: 100_000,
      dailyTokens: 100_000_000,
    },
  });
  const adapter = createSlackAdapter({
    router: { core, registry, logger, coach },
    slack: { botToken: 'xoxb-bench', signingSecret: SECRET, appToken: undefined, apiUrl: `${slack.url}/api/` },
    logger,
  });
  await adapter.init();
  const http = createHttpServer({ ping: async () => true, logger });
  http.route('POST', '/slack/events', adapter.requestListener!);
  const port = await http.listen(0, '127.0.0.1');
  const agent = new Agent({ keepAlive: true, maxSockets: PEOPLE });

  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/slack/events',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...sign(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  let seq = 0;
  /** One DM in the person's assistant thread: the overhead in ms above the provider's delay. */
  const dm = async (person: number): Promise<number> => {
    seq += 1;
    const user = `UB${String(person).padStart(4, '0')}`;
    const thread = `1700000000.${String(person).padStart(6, '0')}`;
    const event = {
      type: 'message',
      channel_type: 'im',
      channel: `D${user}`,
      user,
      text: MESSAGES[seq % MESSAGES.length],
      ts: `1700001000.${String(seq).padStart(6, '0')}`,
      thread_ts: thread,
      event_ts: `1700001000.${String(seq).padStart(6, '0')}`,
    };
    const body = JSON.stringify({ token: 'legacy', team_id: TEAM, api_app_id: 'A1', type: 'event_callback', event_id: `EvB${seq}`, event_time: 1700001000, event });
    const turn = slack.turn(thread);
    const started = performance.now();
    const status = await post(body);
    if (status !== 200) throw new Error(`coach-overhead: the receiver answered ${status}`);
    const first = await withTimeout(turn.first, 'first coach text');
    await withTimeout(turn.done, 'end of the coach reply');
    return first - started - PROVIDER_DELAY_MS;
  };

  const samples: number[] = [];
  try {
    // First contact for everyone, untimed.
    await Promise.all(Array.from({ length: PEOPLE }, (_, person) => dm(person)));
    const before = openai.streamed().length;
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, person) => {
        for (let i = 1; i < DMS_PER_PERSON; i++) samples.push(await dm(person));
      }),
    );
    // Every timed turn must have asked the model (not the offline coach).
    const asked = openai.streamed().length - before;
    if (asked !== SAMPLES) throw new Error(`coach-overhead: ${asked} model requests for ${SAMPLES} DMs (offline replies?)`);
  } finally {
    agent.destroy();
    await adapter.stop();
    await coach.drain();
    await http.close();
    await openai.close();
    await slack.close();
  }
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  progress(`coach overhead: ${samples.length} DMs from ${PEOPLE} people, p50 ${round(p50)} ms, p99 ${round(p99)} ms above a ${PROVIDER_DELAY_MS} ms provider`);
  return {
    name: 'coach_overhead_p99_ms',
    db: 'postgres',
    value: round(p99),
    unit: 'ms',
    goal: '< 150',
    detail: `p99 of ${samples.length} Slack assistant DMs (${PEOPLE} people at once), event POST to first chat.startStream, minus the fake provider's ${PROVIDER_DELAY_MS} ms; p50 ${round(p50)} ms`,
  };
}
