/**
 * Scheduled DMs on Slack: chat.postMessage to the user id (Slack opens the app's
 * DM with them), rendered with the same Block Kit as command replies. The weekly
 * chart follows as a file upload into that DM.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import type { Reply } from '../../router/types.ts';
import { slackUserId, type DirectMessenger, type SendResult } from '../../scheduler/messenger.ts';
import { renderBlocks } from './render.ts';

export interface SlackDirectMessengerOptions {
  readonly botToken: string;
  /** SLACK_API_URL: the Web API base, e.g. https://slack.com/api/ */
  readonly apiUrl?: string | undefined;
  /**
   * Slack allows about one message per second per channel and a few hundred per
   * minute per workspace for chat.postMessage; 4 a second stays under both.
   */
  readonly maxPerSecond?: number;
  readonly logger?: Logger;
}

/** Errors that mean this person cannot get DMs from the app until something changes on their side. */
const UNREACHABLE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'cannot_dm_bot',
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'messages_tab_disabled',
]);

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Maps a Web API error to a send outcome. */
export function slackSendResult(error: unknown): SendResult {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number };
  if (e?.code === webApi.ErrorCode.RateLimitedError) return { status: 'rate_limited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
  if (e?.code === webApi.ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'unknown';
    return UNREACHABLE.has(code) ? { status: 'unreachable', code } : { status: 'failed', code };
  }
  if (e?.code === webApi.ErrorCode.HTTPError) return { status: 'failed', code: `http_${e.statusCode ?? 'error'}` };
  return { status: 'failed', code: e?.code ?? 'request_error' };
}

export function createSlackDirectMessenger(options: SlackDirectMessengerOptions): DirectMessenger {
  // Rate limits come back to the scheduler, which paces every send, instead of
  // being retried inside the client where nobody else sees them.
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: withTrailingSlash(options.apiUrl) } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 15_000,
  });

  async function uploadChart(channel: string, image: NonNullable<Reply['image']>): Promise<void> {
    await client.files.uploadV2({ channel_id: channel, file: Buffer.from(image.png), filename: image.filename, alt_text: image.alt, title: image.alt.slice(0, 250) });
  }

  return {
    platform: 'slack',
    maxPerSecond: options.maxPerSecond ?? 4,
    async send(identity, reply) {
      const { text, blocks } = renderBlocks(reply);
      let channel: string | undefined;
      try {
        const posted = await client.chat.postMessage({ channel: slackUserId(identity.externalId), text, blocks });
        channel = posted.channel;
      } catch (error) {
        return slackSendResult(error);
      }
      if (reply.image && channel) {
        // The message stands on its own (the chart's numbers are in its text); a failed upload is only logged.
        await uploadChart(channel, reply.image).catch((error: unknown) =>
          options.logger?.warn({ err: error, userId: identity.userId }, 'slack chart upload failed'),
        );
      }
      return { status: 'ok' };
    },
  };
}
