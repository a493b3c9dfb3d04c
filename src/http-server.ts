/**
 * The process's HTTP server on `PORT`: `/healthz` now; the Slack adapter mounts
 * `/slack/events` here when it runs over HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServer {
  readonly server: Server;
  route(method: string, path: string, handler: RouteHandler): void;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** From now on `/healthz` answers 503, so a load balancer stops sending work. */
  markShuttingDown(): void;
  /** Stops accepting connections and resolves when in-flight requests have finished. */
  close(): Promise<void>;
}

export function createHttpServer(deps: { ping: () => Promise<boolean>; logger: Logger }): HttpServer {
  const routes = new Map<string, RouteHandler>();
  let shuttingDown = false;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  routes.set('GET /healthz', async (_req, res) => {
    if (shuttingDown) return send(res, 503, { status: 'shutting_down' });
    const databaseUp = await deps.ping();
    send(res, databaseUp ? 200 : 503, { status: databaseUp ? 'ok' : 'unavailable', database: databaseUp ? 'up' : 'down' });
  });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) return send(res, 404, { error: 'not_found' });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        deps.logger.error({ err: error, path }, 'http handler failed');
        if (!res.headersSent) send(res, 500, { error: 'internal_error' });
        else res.end();
      });
  });

  return {
    server,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    markShuttingDown() {
      shuttingDown = true;
    },
    close() {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
