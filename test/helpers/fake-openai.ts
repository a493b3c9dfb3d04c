/**
 * A local OpenAI-compatible chat completions server for tests and benchmarks
 * (TESTING.md, "OpenAI"): JSON answers, or `text/event-stream` chunks ending
 * `data: [DONE]`. Scriptable per request: delay, status, hang, the reply's
 * chunks and usage. Records every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenLocal } from './fake-http.ts';

export interface FakeRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: {
    model?: string;
    stream?: boolean;
    max_tokens?: number;
    stream_options?: { include_usage?: boolean };
    messages: Array<{ role: string; content: string }>;
  };
}

export interface FakeResponse {
  /** HTTP status (default 200); an error status answers an OpenAI-style error body. */
  readonly status?: number;
  /** Milliseconds to wait before answering. */
  readonly delayMs?: number;
  /** Never answer (the connection stays open until the server closes). */
  readonly hang?: boolean;
  /** The reply's pieces, one stream chunk each; joined for a JSON answer. */
  readonly chunks?: readonly string[];
  /** Milliseconds between stream chunks. */
  readonly chunkDelayMs?: number;
  /** Send these chunks, then hang mid-stream. */
  readonly hangAfterChunks?: boolean;
  /** Send these chunks, then drop the connection. */
  readonly dropAfterChunks?: boolean;
  readonly usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

export type Script = (request: FakeRequest, index: number) => FakeResponse;

export interface FakeOpenAI {
  /** Base URL for the SDK's `baseURL` (ends with /v1). */
  readonly baseUrl: string;
  readonly requests: FakeRequest[];
  /** Chat requests that asked for a stream (coach turns, not summaries). */
  streamed(): FakeRequest[];
  /** Answers the next requests from `responses` in order, then from `fallback`. */
  script(responses: readonly FakeResponse[], fallback?: FakeResponse | Script): void;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_REPLY: FakeResponse = {
  chunks: ['That sounds ', 'like a brave ', 'step. What ', 'felt easiest?'],
  usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeOpenAI(fallback: FakeResponse | Script = DEFAULT_REPLY): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  let queue: FakeResponse[] = [];
  let otherwise: FakeResponse | Script = fallback;
  let served = 0;

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: FakeRequest['body'];
    try {
      body = JSON.parse(raw) as FakeRequest['body'];
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad json' } }));
      return;
    }
    const request: FakeRequest = { path: req.url ?? '', headers: req.headers, body };
    requests.push(request);
    const index = served++;
    const plan = queue.shift() ?? (typeof otherwise === 'function' ? otherwise(request, index) : otherwise);

    if (plan.delayMs) await sleep(plan.delayMs);
    if (plan.hang) return;
    const status = plan.status ?? 200;
    if (status !== 200) {
      // retry-after-ms keeps the SDK's backoff short in tests.
      res
        .writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '5' })
        .end(JSON.stringify({ error: { message: `fake error ${status}`, type: 'fake', code: null } }));
      return;
    }
    const chunks = plan.chunks ?? DEFAULT_REPLY.chunks!;
    const usage = plan.usage === undefined ? DEFAULT_REPLY.usage : plan.usage;
    const id = `chatcmpl-fake-${index}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: chunks.join('') }, finish_reason: 'stop' }],
          ...(usage ? { usage } : {}),
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
    send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    for (const piece of chunks) {
      if (plan.chunkDelayMs) await sleep(plan.chunkDelayMs);
      if (res.destroyed) return;
      send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
    }
    if (plan.hangAfterChunks) return;
    if (plan.dropAfterChunks) {
      res.destroy();
      return;
    }
    send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    if (usage && body.stream_options?.include_usage) {
      send({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage });
    }
    res.end('data: [DONE]\n\n');
  };

  const server = createServer((req, res) => {
    answer(req, res).catch(() => res.destroy());
  });
  const base = await listenLocal(server);

  return {
    baseUrl: `${base}/v1`,
    requests,
    streamed: () => requests.filter((r) => r.body.stream === true),
    script(responses, next) {
      queue = [...responses];
      if (next !== undefined) otherwise = next;
    },
    reset() {
      requests.length = 0;
      queue = [];
      otherwise = fallback;
      served = 0;
    },
    // A hung response keeps its connection open; a plain close() would wait for it forever.
    close: () => closeServer(server),
  };
}
