import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../src/http-server.ts';
import { createLogger } from '../src/logger.ts';

const logger = createLogger('silent');

describe('createHttpServer', () => {
  let http: HttpServer | undefined;
  let base: string;
  let databaseUp: boolean;
  let pings: number;

  async function start(): Promise<HttpServer> {
    pings = 0;
    http = createHttpServer({
      ping: async () => {
        pings++;
        return databaseUp;
      },
      logger,
    });
    const port = await http.listen(0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    base = `http://127.0.0.1:${port}`;
    return http;
  }

  afterEach(async () => {
    await http?.close();
    http = undefined;
  });

  it('answers GET /healthz with 200 ok while the database answers', async () => {
    databaseUp = true;
    await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
    expect(pings).toBe(1);
  });

  it('answers GET /healthz with 503 unavailable while the database does not', async () => {
    databaseUp = false;
    await start();
    const res = await fetch(`${base}/healthz?probe=1`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'down' });
  });

  it('answers GET /healthz with 503 shutting_down after markShuttingDown, without pinging the database', async () => {
    databaseUp = true;
    const server = await start();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    server.markShuttingDown();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'shutting_down' });
    expect(pings).toBe(1);
  });

  it('answers 404 for an unknown path and for a known path with another method', async () => {
    databaseUp = true;
    await start();
    const unknown = await fetch(`${base}/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found' });
    const wrongMethod = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(wrongMethod.status).toBe(404);
    await wrongMethod.body?.cancel();
  });

  it('serves routes added with route()', async () => {
    databaseUp = true;
    const server = await start();
    server.route('POST', '/echo', async (req, res) => {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      res.writeHead(201, { 'content-type': 'text/plain' });
      res.end(`got ${body}`);
    });
    const res = await fetch(`${base}/echo`, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('got hello');
  });

  it('answers 500 when a route throws, and keeps serving the next requests', async () => {
    databaseUp = true;
    const server = await start();
    server.route('GET', '/boom', () => {
      throw new Error('handler exploded');
    });
    server.route('GET', '/boom-async', async () => {
      await Promise.resolve();
      throw new Error('async handler exploded');
    });

    for (const path of ['/boom', '/boom-async']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body).toEqual({ error: 'internal_error' });
      expect(JSON.stringify(body)).not.toContain('exploded');
    }

    const next = await fetch(`${base}/healthz`);
    expect(next.status).toBe(200);
    expect(await next.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('close() resolves and stops accepting connections', async () => {
    databaseUp = true;
    const server = await start();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await expect(server.close()).resolves.toBeUndefined();
    expect(server.server.listening).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    // Closing twice is harmless.
    await expect(server.close()).resolves.toBeUndefined();
  });
});
