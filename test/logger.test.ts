import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger', () => {
  it('keeps what an SDK error carried (a coach reply, a journal entry) and secrets out of the logs', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('Request failed'), {
      code: 50007,
      status: 403,
      requestBody: { json: { content: 'I felt so alone at the party' } },
      rawError: { message: 'Cannot send messages to this user', echo: 'I felt so alone at the party' },
      data: { ok: false, error: 'channel_not_found', text: 'I felt so alone at the party' },
    });
    logger.error({ err: error, user: 'u-1', config: { apiKey: 'sk-secret', botToken: 'xoxb-secret' } }, 'send failed');
    const logged = lines.join('');
    expect(logged).not.toContain('alone at the party');
    expect(logged).not.toContain('secret');
    const entry = JSON.parse(lines[0]!) as { err: { code: number; status: number; message: string }; user: string };
    expect(entry.err.code).toBe(50007);
    expect(entry.err.status).toBe(403);
    expect(entry.user).toBe('u-1');
  });
});
