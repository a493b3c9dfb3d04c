/**
 * coach_overhead_p99_ms: how much the companion adds to the time a person waits
 * for the coach's first words on Slack. The real adapter (Bolt's HTTP receiver,
 * mounted on the process's HTTP server) and the real coach service (createCoach)
 * run against a fake Slack Web API and a fake OpenAI-compatible server that
 * answers after a fixed PROVIDER_DELAY_MS. 20 people each send DMs in their
 * assistant thread, one after another (the next once the previous reply has
 * finished streaming and a random pause of up to a second, as people read and
 * type; without it all 20 stay in lockstep and every DM lands in a burst of 20,
 * which measures the two cores' queue rather than the companion); each sample is the time from POSTing the signed
 * `message.im` event to the first chat.startStream (the first visible coach
 * text) reaching the fake Slack, minus PROVIDER_DELAY_MS. Each person's first
 * DM (first contact: users.info, a new user, a new conversation) is untimed.
 * The fakes run in a child process (coach-fakes.ts), as the real services are
 * elsewhere; times are compared on the wall clock both processes share.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { registry } from '../commands/index.ts';
import { createCoach } from '../src/coach/coach.ts';
import { systemClock } from '../src/core/clock.ts';
import type { Database } from '../src/db/client.ts';
import { createHttpServer } from '../src/http-server.ts';
import { createLogger } from '../src/logger.ts';
import { createSlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import { percentile, progress, round, type BenchResult } from './harness.ts';
import type { FakesMessage } from './coach-fakes.ts';
import { slackSignature } from '../test/helpers/fake-http.ts';

const PEOPLE = 20;
const DMS_PER_PERSON = 11;
/** Timed samples: every DM but each person's first. */
const SAMPLES = PEOPLE * (DMS_PER_PERSON - 1);
/** The fake provider's fixed wait before it starts answering. */
const PROVIDER_DELAY_MS = 200;
/** Each person's pause before their next DM: uniform in [0, THINK_MAX_MS), from a fixed seed. */
const THINK_MAX_MS = 1_000;
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

/** The fakes' child process: `turn(thread)` resolves at the first text (wall-clock ms) and at the end of the stream. */
async function startFakes() {
  const child = fork(fileURLToPath(new URL('./coach-fakes.ts', import.meta.url)), [JSON.stringify({ team: TEAM, providerDelayMs: PROVIDER_DELAY_MS })], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const firsts = new Map<string, (at: number) => void>();
  const dones = new Map<string, () => void>();
  let counted: ((count: number) => void) | undefined;
  const ready = new Promise<{ slackUrl: string; openaiUrl: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`coach-overhead: the fakes' process exited (${code})`)));
    child.on('message', (message: FakesMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'first') firsts.get(message.thread)?.(message.at);
      else if (message.type === 'done') dones.get(message.thread)?.();
      else if (message.type === 'streamed') counted?.(message.count);
    });
  });
  const urls = await ready;
  return {
    ...urls,
    /** Registers the next turn in `thread`. */
    turn(thread: string) {
      const first = new Promise<number>((resolve) => firsts.set(thread, resolve));
      const done = new Promise<void>((resolve) => dones.set(thread, resolve));
      return { first, done };
    },
    /** Chat requests the provider has streamed so far. */
    streamed: () =>
      new Promise<number>((resolve) => {
        counted = resolve;
        child.send({ type: 'count' });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

/** Now on the wall clock both processes share, in ms with sub-ms precision. */
const wallNow = () => performance.timeOrigin + performance.now();

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
  const fakes = await startFakes();
  const logger = createLogger('silent');
  const core = { db, clock: systemClock, defaultTimezone: 'UTC' };
  const coach = createCoach({
    core,
    logger,
    config: {
      apiKey: 'bench',
      baseUrl: fakes.openaiUrl,
      model: 'bench-model',
      timeoutMs: 10_000,
      maxRetries: 0,
      dailyMessages: 100_000,
      dailyTokens: 100_000_000,
    },
  });
  const adapter = createSlackAdapter({
    router: { core, registry, logger, coach },
    slack: { botToken: 'xoxb-bench', signingSecret: SECRET, appToken: undefined, apiUrl: `${fakes.slackUrl}/api/` },
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
    const turn = fakes.turn(thread);
    const started = wallNow();
    const status = await post(body);
    if (status !== 200) throw new Error(`coach-overhead: the receiver answered ${status}`);
    const first = await withTimeout(turn.first, 'first coach text');
    await withTimeout(turn.done, 'end of the coach reply');
    return first - started - PROVIDER_DELAY_MS;
  };

  // A small linear congruential generator: the same pauses on every run.
  let seed = 42;
  const thinkTime = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return (seed / 2 ** 31) * THINK_MAX_MS;
  };
  const samples: number[] = [];
  try {
    // First contact for everyone, untimed.
    await Promise.all(Array.from({ length: PEOPLE }, (_, person) => dm(person)));
    const before = await fakes.streamed();
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, person) => {
        for (let i = 1; i < DMS_PER_PERSON; i++) {
          // People read the reply and type before writing again: a pause spreads the DMs as real traffic does.
          await new Promise((resolve) => setTimeout(resolve, thinkTime()));
          samples.push(await dm(person));
        }
      }),
    );
    // Every timed turn must have asked the model (not the offline coach).
    const asked = (await fakes.streamed()) - before;
    if (asked !== SAMPLES) throw new Error(`coach-overhead: ${asked} model requests for ${SAMPLES} DMs (offline replies?)`);
  } finally {
    agent.destroy();
    await adapter.stop();
    await coach.drain();
    await http.close();
    await fakes.close();
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
    detail: `p99 of ${samples.length} Slack assistant DMs (${PEOPLE} people chatting at once, each pausing 0-${THINK_MAX_MS} ms before the next DM), event POST to first chat.startStream, minus the fake provider's ${PROVIDER_DELAY_MS} ms; fake Slack and provider in a child process; p50 ${round(p50)} ms`,
  };
}
