/** Plumbing the benchmarks' local fakes share: reading a body, signing as Slack does, closing. */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** Slack's request signature headers for `rawBody` (v0, HMAC-SHA256 over `v0:<ts>:<body>`). */
export function slackSignature(secret: string, rawBody: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex')}`,
  };
}

/** Closes a fake at once, kept-alive connections included. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
