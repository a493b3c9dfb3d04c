/**
 * The coach benchmark's Slack Web API and OpenAI-compatible provider, run in a
 * child process (`fork`) so that, as in production, their work does not share
 * the companion's event loop (they still share the machine's cores).
 *
 * Messages to the parent: `{ type: 'ready', slackUrl, openaiUrl }`, then per
 * turn `{ type: 'first', thread, at }` when a chat.startStream carries text
 * (`at` on the shared wall clock, performance.timeOrigin + now()) and
 * `{ type: 'done', thread }` at chat.stopStream; `{ type: 'streamed', count }`
 * answers `{ type: 'count' }`.
 */
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startFakeOpenAI } from '../test/helpers/fake-openai.ts';
import { listenLocal, readBody } from '../test/helpers/fake-http.ts';

export type FakesMessage =
  | { type: 'ready'; slackUrl: string; openaiUrl: string }
  | { type: 'first'; thread: string; at: number }
  | { type: 'done'; thread: string }
  | { type: 'streamed'; count: number };

export interface FakesOptions {
  readonly team: string;
  readonly providerDelayMs: number;
}

const send = (message: FakesMessage) => process.send!(message);

async function main(options: FakesOptions): Promise<void> {
  const openai = await startFakeOpenAI({
    delayMs: options.providerDelayMs,
    chunks: ['That sounds ', 'like a brave ', 'step. ', 'What felt ', 'easiest?'],
    chunkDelayMs: 5,
    usage: { prompt_tokens: 300, completion_tokens: 20, total_tokens: 320 },
  });
  const streams = new Map<string, string>();
  let streamSeq = 0;
  const slack = createServer(async (req, res) => {
    const raw = await readBody(req);
    const at = performance.timeOrigin + performance.now();
    const method = (req.url ?? '/').replace(/^\/api\//, '').split('?')[0]!;
    const body = Object.fromEntries(new URLSearchParams(raw));
    res.setHeader('content-type', 'application/json');
    if (method === 'auth.test') return res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: options.team }));
    if (method === 'users.info') return res.end(JSON.stringify({ ok: true, user: { id: body.user, name: body.user?.toLowerCase(), tz: 'Europe/Berlin', locale: 'en-GB' } }));
    if (method === 'chat.startStream') {
      streamSeq += 1;
      const ts = `1700000100.${String(streamSeq).padStart(6, '0')}`;
      streams.set(ts, body.thread_ts!);
      // The first visible coach text for this thread's current turn.
      if (body.markdown_text) send({ type: 'first', thread: body.thread_ts!, at });
      return res.end(JSON.stringify({ ok: true, channel: body.channel, ts }));
    }
    if (method === 'chat.stopStream') {
      const thread = streams.get(body.ts!);
      res.end(JSON.stringify({ ok: true, channel: body.channel, ts: body.ts }));
      if (thread) send({ type: 'done', thread });
      return;
    }
    if (method === 'chat.postMessage' && body.thread_ts) {
      // A reply that was not streamed (it should not happen here): the turn is over, with no first-text sample.
      res.end(JSON.stringify({ ok: true, channel: body.channel, ts: '1700000200.000001' }));
      send({ type: 'done', thread: body.thread_ts });
      return;
    }
    res.end(JSON.stringify({ ok: true, ts: '1700000000.000100' }));
  });
  const slackUrl = await listenLocal(slack);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'count') send({ type: 'streamed', count: openai.streamed().length });
  });
  // The parent going away (normally, or killed) ends the fakes.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', slackUrl, openaiUrl: openai.baseUrl });
}

if (process.send) await main(JSON.parse(process.argv[2] ?? '{}') as FakesOptions);
