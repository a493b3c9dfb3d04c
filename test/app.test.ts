/**
 * The wiring in app.ts with a platform configured: Slack over HTTP on the
 * process's port, the coach and the scheduler started, and a clean stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCompanion } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { signSlack, SLACK_SECRET, slackSlashBody, startFakeSlack, waitFor } from './helpers/platform-fakes.ts';

describe('the companion with Slack configured', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'extro-app-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /healthz and /slack/events on one port, answers a command, and stops cleanly', async () => {
    const fake = await startFakeSlack();
    const config = parseConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: `${fake.url}/api/`,
    });
    const companion = await startCompanion(config, createLogger('silent'));
    try {
      expect(companion.adapters).toEqual(['slack']);
      // No console in a platform deployment.
      expect(companion.openConsole({ input: process.stdin, output: process.stdout, interactive: false })).toBeUndefined();
      const health = await fetch(`http://127.0.0.1:${companion.port}/healthz`);
      expect(health.status).toBe(200);
      await health.text();

      const { body, responseId } = slackSlashBody(fake.url, 'checkin 6', { user_id: 'UAPP1', user_name: 'Ana' });
      const res = await fetch(`http://127.0.0.1:${companion.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlack(body) },
        body,
      });
      expect(res.status).toBe(200);
      await res.text();
      const reply = await waitFor(() => fake.responses.find((r) => r.id === responseId)?.body, 'the check-in reply');
      expect(JSON.stringify(reply)).toContain('Check-in saved');
    } finally {
      await companion.stop();
      await fake.close();
    }
    // Stopped means stopped: the port no longer answers.
    await expect(fetch(`http://127.0.0.1:${companion.port}/healthz`)).rejects.toThrow();
  });
});
