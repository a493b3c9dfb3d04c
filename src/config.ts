/**
 * The environment, parsed once into a typed, frozen object. This is the only
 * module that reads `process.env`; everything else receives a `Config`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { StartupError } from './errors.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string };

export interface Config {
  readonly database: DatabaseConfig;
  readonly discord: {
    readonly token: string;
    readonly applicationId: string;
    readonly devGuildId: string | undefined;
    readonly apiUrl: string | undefined;
  } | null;
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string;
    readonly appToken: string | undefined;
    readonly apiUrl: string | undefined;
  } | null;
  readonly openai: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly model: string;
    /** How long the coach waits for the model in one turn before the offline coach answers (also the SDK's per-request timeout). */
    readonly timeoutMs: number;
    /** SDK retries for rate limits, timeouts and server errors, inside `timeoutMs`. */
    readonly maxRetries: number;
    /** Per person and local day: messages to the coach, and model tokens. */
    readonly dailyMessages: number;
    readonly dailyTokens: number;
  };
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly defaultTimezone: string;
}

/** A configuration problem; `message` is one line naming the variable and the fix. */
export class ConfigError extends StartupError {
  override readonly name = 'ConfigError';
}

// Every settings read checks the stored zone, and building a DateTimeFormat is costly: remember answers.
const knownZones = new Map<string, boolean>();

export function isValidTimezone(zone: string): boolean {
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    // Bounded: odd input (anything typed as a zone) must not grow the map without end.
    if (knownZones.size < 1_000) knownZones.set(zone, valid);
  }
  return valid;
}

const optional = z.string().trim().optional();

function httpUrl(variable: string) {
  return optional.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), {
    message: `${variable} must be an http(s) URL such as https://example.com; unset it to use the default`,
  });
}

function wholeNumber(variable: string, min: number, max: number, what: string) {
  return optional.refine((v) => v === undefined || (/^\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max), {
    message: `${variable} must be a whole number from ${min} to ${max}: ${what}; unset it to use the default`,
  });
}

// Values are checked one variable at a time so every message can name its variable.
// Messages never repeat a value: it may hold a password or a token.
const envSchema = z.object({
  DATABASE_URL: optional.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        const url = new URL(v);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    {
      message:
        'DATABASE_URL is not a valid Postgres URL; set it like postgres://user:password@host:5432/dbname, or unset it to use the embedded database',
    },
  ),
  DATA_DIR: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: 'DISCORD_APPLICATION_ID must be the numeric application id from the Discord developer portal',
  }),
  DISCORD_DEV_GUILD_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), {
    message: 'DISCORD_DEV_GUILD_ID must be a numeric server (guild) id, or unset it to register commands globally',
  }),
  DISCORD_API_URL: httpUrl('DISCORD_API_URL'),
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions in the Slack app settings)',
  }),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message: 'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → App-Level Tokens), or unset it to use HTTP',
  }),
  SLACK_API_URL: httpUrl('SLACK_API_URL'),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: httpUrl('OPENAI_BASE_URL'),
  OPENAI_MODEL: optional,
  OPENAI_TIMEOUT_MS: wholeNumber('OPENAI_TIMEOUT_MS', 1000, 600_000, 'milliseconds the coach waits for the model, like 20000'),
  OPENAI_MAX_RETRIES: wholeNumber('OPENAI_MAX_RETRIES', 0, 10, 'retries after a failed model request, like 2'),
  COACH_DAILY_MESSAGES: wholeNumber('COACH_DAILY_MESSAGES', 1, 100_000, 'messages one person can send the coach per day, like 60'),
  COACH_DAILY_TOKENS: wholeNumber('COACH_DAILY_TOKENS', 100, 100_000_000, 'model tokens one person can use per day, like 40000'),
  PORT: optional.refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65535), {
    message: 'PORT must be a whole number from 0 to 65535',
  }),
  LOG_LEVEL: optional.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v), {
    message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
  }),
  DEFAULT_TIMEZONE: optional.refine((v) => v === undefined || isValidTimezone(v), {
    message: 'DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Berlin or America/New_York',
  }),
});

type Env = Record<string, string | undefined>;

/** Parses an environment into a frozen `Config`, or throws one `ConfigError` listing every problem. */
export function parseConfig(env: Env): Config {
  // An empty value (`FOO=` in a .env file) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  const e = parsed.success ? parsed.data : envSchema.partial().parse({});

  const pairs: Array<[string, string, string]> = [
    ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'the Discord adapter'],
    ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'the Slack adapter'],
  ];
  for (const [a, b, what] of pairs) {
    if ((present[a] === undefined) !== (present[b] === undefined)) {
      const missing = present[a] === undefined ? a : b;
      problems.push(`${missing} is not set; ${what} needs both ${a} and ${b} (set both, or neither to turn it off)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Configuration error: ${problems.join('; ')}`);

  const config: Config = {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR ?? './.data' },
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            devGuildId: e.DISCORD_DEV_GUILD_ID,
            apiUrl: e.DISCORD_API_URL,
          }
        : null,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : null,
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL ?? 'gpt-4o-mini',
      timeoutMs: e.OPENAI_TIMEOUT_MS === undefined ? 20_000 : Number(e.OPENAI_TIMEOUT_MS),
      maxRetries: e.OPENAI_MAX_RETRIES === undefined ? 2 : Number(e.OPENAI_MAX_RETRIES),
      dailyMessages: e.COACH_DAILY_MESSAGES === undefined ? 60 : Number(e.COACH_DAILY_MESSAGES),
      dailyTokens: e.COACH_DAILY_TOKENS === undefined ? 40_000 : Number(e.COACH_DAILY_TOKENS),
    },
    port: e.PORT === undefined ? 3000 : Number(e.PORT),
    logLevel: (e.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    defaultTimezone: e.DEFAULT_TIMEZONE ?? 'UTC',
  };
  return deepFreeze(config);
}

/**
 * The process configuration: `process.env` over the optional `.env` file in the
 * working directory (variables already set win, as with most dotenv loaders).
 */
export function loadConfig(envFile = '.env'): Config {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return parseConfig({ ...fromFile, ...process.env });
}

/**
 * The Postgres server the test suite and the benchmarks create their scratch
 * databases on (`TEST_DATABASE_URL`), if any.
 */
export function testDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL?.trim();
  return url ? url : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
