/**
 * ack_p99_ms: how long Slack waits for the HTTP acknowledgement of `/extro`
 * under load. The real adapter (Bolt's HTTP receiver) is mounted on the
 * process's HTTP server, as in production; a fake Web API and response_url
 * server on 127.0.0.1 take the follow-up replies. 50 senders post signed
 * non-coach commands (`journal write …`, `progress`), each sending its next
 * once the previous reply has reached response_url; each sample is the time
 * from sending the request to its 200 response (headers received), not to the
 * final reply. A missing or public reply fails the entry.
 */
import { Agent, createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { registry } from '../commands/index.ts';
import { createCoach } from '../src/coach/coach.ts';
import { parseConfig } from '../src/config.ts';
import { systemClock } from '../src/core/clock.ts';
import type { Database } from '../src/db/client.ts';
import { createHttpServer } from '../src/http-server.ts';
import { createLogger } from '../src/logger.ts';
import { createSlackAdapter } from '../src/platforms/slack/slack-adapter.ts';
import { CHART_FAILED } from '../src/platforms/slack/upload.ts';
import { GENERIC_FAILURE } from '../src/router/dispatch.ts';
import { percentile, progress, round, type BenchResult } from './harness.ts';
import { closeServer, listenLocal, readBody, slackSignature } from '../test/helpers/fake-http.ts';

const SENDERS = 50;
const REQUESTS = 1_000;
/** Untimed commands first, so start-up costs (first queries, JIT) do not land in the figure. */
const WARMUP = 100;
const SECRET = 'bench-signing-secret';
const TEAM = 'TBENCH1';
/** A reply slower than this fails the entry rather than hang it. */
const REPLY_WAIT_MS = 20_000;
/** The timed run issues no new commands after this long (keeps the entry short on a slow machine). */
const BUDGET_MS = 25_000;

/** The Slack Web API (auth.test, the chart upload) and response_url endpoints; `reply(id)` resolves when that reply arrives. */
async function startFakeSlack() {
  const replies = new Map<string, { ephemeral: boolean; failed: boolean }>();
  const waiting = new Map<string, () => void>();
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = req.url ?? '/';
    res.setHeader('content-type', 'application/json');
    if (path.startsWith('/response/')) {
      const id = path.slice('/response/'.length);
      const body = JSON.parse(raw) as { response_type?: string; text?: string };
      replies.set(id, { ephemeral: body.response_type === 'ephemeral', failed: [GENERIC_FAILURE.slice(0, 40), CHART_FAILED.slice(0, 40)].some((line) => JSON.stringify(body).includes(line)) });
      waiting.get(id)?.();
      waiting.delete(id);
      return res.end('{"ok":true}');
    }
    if (path.startsWith('/api/auth.test')) return res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: TEAM }));
    // The progress chart's upload to the person's DM (files.uploadV2: get a URL, post the bytes, complete).
    if (path.startsWith('/api/conversations.open')) return res.end(JSON.stringify({ ok: true, channel: { id: 'DBENCH' } }));
    if (path.startsWith('/api/files.getUploadURLExternal')) return res.end(JSON.stringify({ ok: true, upload_url: `http://${req.headers.host}/upload/F1`, file_id: 'F1' }));
    if (path.startsWith('/upload/')) return res.end('OK');
    if (path.startsWith('/api/files.completeUploadExternal')) return res.end(JSON.stringify({ ok: true, files: [{ id: 'F1' }] }));
    res.end(JSON.stringify({ ok: true, ts: '1700000000.000100' }));
  });
  const base = await listenLocal(server);
  return {
    url: base,
    replies,
    /** Resolves when the reply for `id` has arrived, or rejects after `ms`. */
    reply: (id: string, ms: number) =>
      new Promise<void>((resolve, reject) => {
        if (replies.has(id)) return resolve();
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`slack-ack: no reply at response_url within ${ms} ms`));
        }, ms);
        waiting.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      }),
    close: () => closeServer(server),
  };
}

function sign(rawBody: string): Record<string, string> {
  return slackSignature(SECRET, rawBody);
}

const JOURNAL = [
  'Said hello to the new neighbour and we talked for a few minutes about the garden.',
  'Asked a colleague to lunch. Nervous at first, then it was easy.',
  'Joined the board game night and stayed until the end.',
];

/** The default mix: every other command a journal entry, the rest `progress` (which draws a chart). */
const DEFAULT_MIX: ReadonlyArray<(n: number) => string> = [(n) => `journal write mood:hopeful ${JOURNAL[n % JOURNAL.length]}`, () => 'progress'];

export async function slackAck(db: Database, { mix = DEFAULT_MIX }: { mix?: ReadonlyArray<(n: number) => string> } = {}): Promise<BenchResult> {
  const fake = await startFakeSlack();
  const logger = createLogger('silent');
  const core = { db, clock: systemClock, defaultTimezone: 'UTC' };
  const adapter = createSlackAdapter({
    // No model key: the offline coach, which this benchmark never reaches.
    router: { core, registry, logger, coach: createCoach({ core, config: parseConfig({}).openai, logger }) },
    slack: { botToken: 'xoxb-bench', signingSecret: SECRET, appToken: undefined, apiUrl: `${fake.url}/api/` },
    logger,
  });
  await adapter.init();
  const http = createHttpServer({ ping: async () => true, logger });
  http.route('POST', '/slack/events', adapter.requestListener!);
  const port = await http.listen(0, '127.0.0.1');
  // One keep-alive connection per sender, as Slack's delivery would reuse them.
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });

  /** POSTs and resolves with the status and the time until the response headers arrived. */
  const send = (headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const req = request(
        { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const ms = performance.now() - started;
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  let seq = 0;
  /** One command: returns the acknowledgement time, after the reply has reached response_url. */
  const command = async (sender: number): Promise<number> => {
    seq += 1;
    const n = seq;
    const responseId = `r${n}`;
    const text = mix[n % mix.length]!(n);
    const body = new URLSearchParams({
      token: 'legacy',
      team_id: TEAM,
      team_domain: 'bench',
      channel_id: 'C1GENERAL',
      channel_name: 'general',
      user_id: `UBENCH${sender}`,
      user_name: `sender${sender}`,
      command: '/extro',
      text,
      api_app_id: 'A1',
      response_url: `${fake.url}/response/${responseId}`,
      trigger_id: `trigger-bench-${n}`,
    }).toString();
    const { status, ms } = await send({ 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body);
    if (status !== 200) throw new Error(`slack-ack: /extro ${text.split(' ')[0]} answered ${status}`);
    await fake.reply(responseId, REPLY_WAIT_MS);
    return ms;
  };

  /**
   * Up to `total` commands from SENDERS senders. Like people, a sender waits for the
   * reply before the next command, so 50 commands are always in flight and their
   * work (queries, the progress chart) runs alongside every acknowledgement. Stops
   * issuing after `budgetMs`, so the entry stays short on a slow machine.
   */
  const run = async (total: number, budgetMs: number): Promise<{ samples: number[]; ms: number }> => {
    const samples: number[] = [];
    const started = performance.now();
    let issued = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, sender) => {
        while (issued < total && performance.now() - started < budgetMs) {
          issued += 1;
          samples.push(await command(sender));
        }
      }),
    );
    return { samples, ms: performance.now() - started };
  };

  try {
    progress(`ack_p99_ms: ${WARMUP} warm-up commands, then up to ${REQUESTS} from ${SENDERS} senders`);
    await run(WARMUP, BUDGET_MS);
    const { samples, ms } = await run(REQUESTS, BUDGET_MS);
    const all = [...fake.replies.values()];
    if (all.some((r) => !r.ephemeral)) throw new Error('slack-ack: a reply was not ephemeral');
    const failed = all.filter((r) => r.failed).length;
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    return {
      name: 'ack_p99_ms',
      db: 'postgres',
      value: round(p99, 1),
      unit: 'ms',
      goal: '< 100',
      detail:
        `${samples.length}${samples.length < REQUESTS ? ` of ${REQUESTS} (time budget)` : ''} signed /extro commands (${mix === DEFAULT_MIX ? 'half journal write, half progress with its chart' : mix.map((m) => m(0).split(' ').slice(0, 2).join(' ')).join(', ')}) ` +
        `from ${SENDERS} concurrent senders, each waiting for its reply before the next, after ${WARMUP} warm-up; ` +
        `Bolt HTTP receiver mounted on createHttpServer, load generator in the same process; ` +
        `send → 200 response headers: p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms, max ${round(Math.max(...samples), 1)} ms; ` +
        `${round(samples.length / (ms / 1000), 1)} commands/s end to end, ${failed} failure replies`,
    };
  } finally {
    agent.destroy();
    await adapter.stop();
    await http.close();
    await fake.close();
  }
}
