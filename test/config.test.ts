import { describe, expect, it } from 'vitest';
import { ConfigError, LOG_LEVELS, parseConfig, type Config } from '../src/config.ts';

/** Runs `parseConfig` and returns the ConfigError it throws; fails the test if it does not throw one. */
function configErrorFor(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(Object.keys(env))}`);
}

const DISCORD = { DISCORD_TOKEN: 'discord-token-value', DISCORD_APPLICATION_ID: '123456789012345678' };
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-slack-bot-token', SLACK_SIGNING_SECRET: 'slack-signing-secret' };

describe('parseConfig defaults', () => {
  it('uses the embedded database in ./.data, port 3000, info logs, UTC and no chat adapters when nothing is set', () => {
    const config = parseConfig({});
    expect(config).toEqual<Config>({
      database: { kind: 'pglite', dataDir: './.data' },
      discord: null,
      slack: null,
      openai: { apiKey: undefined, baseUrl: undefined, model: 'gpt-4o-mini', timeoutMs: 20_000, maxRetries: 2, dailyMessages: 60, dailyTokens: 40_000 },
      port: 3000,
      logLevel: 'info',
      defaultTimezone: 'UTC',
    });
  });

  it('uses DATA_DIR for the embedded database when DATABASE_URL is unset', () => {
    expect(parseConfig({ DATA_DIR: '/var/lib/companion' }).database).toEqual({ kind: 'pglite', dataDir: '/var/lib/companion' });
  });

  it('treats empty and blank values as unset', () => {
    const config = parseConfig({
      DATABASE_URL: '',
      DATA_DIR: '   ',
      PORT: '',
      LOG_LEVEL: '',
      DEFAULT_TIMEZONE: '',
      DISCORD_TOKEN: '',
      DISCORD_APPLICATION_ID: '',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      OPENAI_MODEL: '',
      OPENAI_BASE_URL: '',
    });
    expect(config).toEqual(parseConfig({}));
  });

  it('treats an empty token as unset, so its partner alone is reported missing', () => {
    const error = configErrorFor({ DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(error.message).toContain('DISCORD_TOKEN is not set');
  });
});

describe('parseConfig DATABASE_URL', () => {
  it.each(['postgres://user:pw@db.example.com:5432/app', 'postgresql://user@localhost/app'])('selects Postgres for %s', (url) => {
    expect(parseConfig({ DATABASE_URL: url, DATA_DIR: '/ignored' }).database).toEqual({ kind: 'postgres', url });
  });

  // Each value's distinctive part must not be echoed (it could be a password). A bare
  // 'postgres://' is part of the example in the message, so there is nothing to look for.
  it.each<[string, string | null]>([
    ['not a url', 'not a url'],
    ['not a url s3cr3t-pass', 's3cr3t-pass'],
    ['mysql://u:s3cr3t-pass@db.example.com/app', 's3cr3t-pass'],
    ['postgres://', null],
    ['postgres://u:s3cr3t-pass@', 's3cr3t-pass'],
    ['postgres://u:s3cr3t-pass@/app', 's3cr3t-pass'],
    ['http://u:s3cr3t-pass@db.example.com/app', 's3cr3t-pass'],
  ])('refuses %j with one line naming DATABASE_URL and the fix, without echoing the value', (value, secret) => {
    const error = configErrorFor({ DATABASE_URL: value });
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toMatch(/set it like postgres:\/\/user:password@host:5432\/dbname/);
    if (secret !== null) expect(error.message).not.toContain(secret);
  });
});

describe('parseConfig LOG_LEVEL, PORT and DEFAULT_TIMEZONE', () => {
  it('accepts every known log level', () => {
    for (const level of LOG_LEVELS) expect(parseConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it('refuses an unknown LOG_LEVEL, naming it and listing the allowed levels', () => {
    const error = configErrorFor({ LOG_LEVEL: 'loud' });
    expect(error.message).toContain('LOG_LEVEL');
    for (const level of LOG_LEVELS) expect(error.message).toContain(level);
    expect(error.message).not.toContain('loud');
  });

  it('parses PORT as a number, including 0 and 65535', () => {
    expect(parseConfig({ PORT: '8080' }).port).toBe(8080);
    expect(parseConfig({ PORT: '0' }).port).toBe(0);
    expect(parseConfig({ PORT: '65535' }).port).toBe(65535);
  });

  it.each(['65536', '-1', 'abc', '80.5', '123456'])('refuses PORT=%s', (port) => {
    expect(configErrorFor({ PORT: port }).message).toMatch(/PORT must be a whole number from 0 to 65535/);
  });

  it('accepts an IANA DEFAULT_TIMEZONE and refuses an unknown one', () => {
    expect(parseConfig({ DEFAULT_TIMEZONE: 'Europe/Berlin' }).defaultTimezone).toBe('Europe/Berlin');
    const error = configErrorFor({ DEFAULT_TIMEZONE: 'Mars/Olympus_Mons' });
    expect(error.message).toContain('DEFAULT_TIMEZONE');
    expect(error.message).not.toContain('Mars/Olympus_Mons');
  });
});

describe('parseConfig adapters', () => {
  it('names DISCORD_APPLICATION_ID when only DISCORD_TOKEN is set', () => {
    const error = configErrorFor({ DISCORD_TOKEN: 'discord-token-value' });
    expect(error.message).toContain('DISCORD_APPLICATION_ID is not set');
    expect(error.message).not.toContain('discord-token-value');
  });

  it('names DISCORD_TOKEN when only DISCORD_APPLICATION_ID is set', () => {
    expect(configErrorFor({ DISCORD_APPLICATION_ID: '123456789012345678' }).message).toContain('DISCORD_TOKEN is not set');
  });

  it('names SLACK_SIGNING_SECRET when only SLACK_BOT_TOKEN is set, and SLACK_BOT_TOKEN the other way round', () => {
    expect(configErrorFor({ SLACK_BOT_TOKEN: 'xoxb-slack-bot-token' }).message).toContain('SLACK_SIGNING_SECRET is not set');
    expect(configErrorFor({ SLACK_SIGNING_SECRET: 'slack-signing-secret' }).message).toContain('SLACK_BOT_TOKEN is not set');
  });

  it('reports several problems together on one line', () => {
    const error = configErrorFor({
      DATABASE_URL: 'postgres://u:s3cr3t-pass@',
      LOG_LEVEL: 'loud',
      PORT: '99999',
      DISCORD_TOKEN: 'discord-token-value',
      SLACK_SIGNING_SECRET: 'slack-signing-secret',
    });
    expect(error.message).not.toContain('\n');
    for (const name of ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'DISCORD_APPLICATION_ID is not set', 'SLACK_BOT_TOKEN is not set']) {
      expect(error.message).toContain(name);
    }
    expect(error.message.split('; ').length).toBeGreaterThanOrEqual(5);
    for (const secret of ['s3cr3t-pass', 'discord-token-value', 'slack-signing-secret']) expect(error.message).not.toContain(secret);
  });

  it('builds the Discord, Slack and OpenAI settings from a full environment', () => {
    const config = parseConfig({
      ...DISCORD,
      DISCORD_DEV_GUILD_ID: '987654321098765432',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api',
      ...SLACK,
      SLACK_APP_TOKEN: 'xapp-1-app-token',
      SLACK_API_URL: 'https://slack.example.com/api/',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'https://llm.example.com/v1',
      OPENAI_MODEL: 'gpt-test',
      OPENAI_TIMEOUT_MS: '5000',
      OPENAI_MAX_RETRIES: '0',
      COACH_DAILY_MESSAGES: '10',
      COACH_DAILY_TOKENS: '9000',
      PORT: '8080',
      LOG_LEVEL: 'debug',
      DEFAULT_TIMEZONE: 'America/New_York',
    });
    expect(config.discord).toEqual({
      token: 'discord-token-value',
      applicationId: '123456789012345678',
      devGuildId: '987654321098765432',
      apiUrl: 'http://127.0.0.1:9999/api',
    });
    expect(config.slack).toEqual({
      botToken: 'xoxb-slack-bot-token',
      signingSecret: 'slack-signing-secret',
      appToken: 'xapp-1-app-token',
      apiUrl: 'https://slack.example.com/api/',
    });
    expect(config.openai).toEqual({
      apiKey: 'sk-test',
      baseUrl: 'https://llm.example.com/v1',
      model: 'gpt-test',
      timeoutMs: 5000,
      maxRetries: 0,
      dailyMessages: 10,
      dailyTokens: 9000,
    });
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('debug');
    expect(config.defaultTimezone).toBe('America/New_York');
  });

  it('leaves the optional adapter settings undefined when only the required pair is set', () => {
    const config = parseConfig({ ...DISCORD, ...SLACK });
    expect(config.discord).toEqual({ ...{ token: DISCORD.DISCORD_TOKEN, applicationId: DISCORD.DISCORD_APPLICATION_ID }, devGuildId: undefined, apiUrl: undefined });
    expect(config.slack).toEqual({ botToken: SLACK.SLACK_BOT_TOKEN, signingSecret: SLACK.SLACK_SIGNING_SECRET, appToken: undefined, apiUrl: undefined });
  });

  it('refuses coach timeouts, retries and daily caps that are not whole numbers in range, naming each variable', () => {
    const error = configErrorFor({ OPENAI_TIMEOUT_MS: '20s', OPENAI_MAX_RETRIES: '-1', COACH_DAILY_MESSAGES: '0', COACH_DAILY_TOKENS: '1.5' });
    for (const variable of ['OPENAI_TIMEOUT_MS', 'OPENAI_MAX_RETRIES', 'COACH_DAILY_MESSAGES', 'COACH_DAILY_TOKENS']) {
      expect(error.message).toContain(`${variable} must be a whole number`);
    }
  });

  it('refuses a Slack bot token without the xoxb- prefix and a non-numeric Discord application id', () => {
    const error = configErrorFor({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-app', SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 's' });
    expect(error.message).toContain('DISCORD_APPLICATION_ID must be the numeric application id');
    expect(error.message).toContain('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
    expect(error.message).not.toContain('xoxp-user');
  });
});

describe('parseConfig result', () => {
  it('is deeply frozen', () => {
    const config = parseConfig({ ...DISCORD, ...SLACK });
    for (const part of [config, config.database, config.discord, config.slack, config.openai]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    // Test files are ES modules, so assignments run in strict mode and throw.
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.openai as { model: string }).model = 'other';
    }).toThrow(TypeError);
    expect(() => {
      (config.discord as { token: string }).token = 'stolen';
    }).toThrow(TypeError);
    expect(() => {
      (config.database as { dataDir: string }).dataDir = '/tmp';
    }).toThrow(TypeError);
    expect(config.port).toBe(3000);
    expect(config.openai.model).toBe('gpt-4o-mini');
    expect(config.discord?.token).toBe('discord-token-value');
  });
});
