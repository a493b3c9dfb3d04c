import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger };

/**
 * Structured JSON logs on standard error, so standard output stays free for the
 * console adapter and for `npm run bench -- --json`. Secrets are redacted by key
 * wherever they appear; log ids, never message text or tokens.
 */
export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'extrovertly-companion' },
      redact: {
        paths: [
          'token',
          '*.token',
          '*.botToken',
          '*.appToken',
          '*.signingSecret',
          '*.apiKey',
          '*.url',
          'password',
          '*.password',
          'authorization',
          '*.authorization',
          'headers.authorization',
          // SDK errors carry what was sent or received: a coach reply, a journal entry. Keep their codes only.
          'err.requestBody',
          'err.rawError',
          'err.data',
          'err.config',
          'err.request',
          'err.response',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
