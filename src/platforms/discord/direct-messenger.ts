/**
 * Scheduled DMs on Discord over REST alone (no gateway needed): open the DM
 * channel (POST /users/@me/channels), then post the message rendered like
 * command replies, the weekly chart attached.
 */
import { DiscordAPIError, RateLimitError, REST, Routes } from 'discord.js';
import type { DirectMessenger, SendResult } from '../../scheduler/messenger.ts';
import { renderReply } from './render.ts';

export interface DiscordDirectMessengerOptions {
  readonly token: string;
  /** DISCORD_API_URL: the REST base, e.g. https://discord.com/api */
  readonly apiUrl?: string | undefined;
  /** Discord allows 50 requests a second per bot; a first DM costs two. */
  readonly maxPerSecond?: number;
}

/** Discord's codes for a person the bot cannot DM: 50007 (DMs closed or no shared server), 10013 (unknown user). */
const UNREACHABLE = new Set([50007, 10013]);

/** Maps a REST error to a send outcome. */
export function discordSendResult(error: unknown): SendResult {
  if (error instanceof RateLimitError) return { status: 'rate_limited', retryAfterMs: Math.max(1, error.retryAfter) };
  if (error instanceof DiscordAPIError) {
    return UNREACHABLE.has(Number(error.code)) ? { status: 'unreachable', code: String(error.code) } : { status: 'failed', code: String(error.code) };
  }
  const status = (error as { status?: number })?.status;
  return { status: 'failed', code: status ? `http_${status}` : 'request_error' };
}

export function createDiscordDirectMessenger(options: DiscordDirectMessengerOptions): DirectMessenger {
  // Rate limits come back to the scheduler (which paces every send) instead of queueing inside REST.
  const rest = new REST({
    version: '10',
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
    rejectOnRateLimit: () => true,
    retries: 1,
    timeout: 15_000,
  }).setToken(options.token);
  /** DM channel ids by user id: a DM channel never changes, so it is opened once per process. */
  const channels = new Map<string, string>();

  return {
    platform: 'discord',
    maxPerSecond: options.maxPerSecond ?? 20,
    async send(identity, reply) {
      try {
        let channel = channels.get(identity.externalId);
        if (!channel) {
          const opened = (await rest.post(Routes.userChannels(), { body: { recipient_id: identity.externalId } })) as { id: string };
          channel = opened.id;
          channels.set(identity.externalId, channel);
        }
        const payload = renderReply(reply, { isDM: true });
        const body = { embeds: payload.embeds.map((e) => e.toJSON()), components: payload.components.map((r) => r.toJSON()) };
        const files = reply.image ? [{ name: reply.image.filename, data: Buffer.from(reply.image.png), contentType: 'image/png' }] : undefined;
        await rest.post(Routes.channelMessages(channel), {
          body: files ? { ...body, attachments: [{ id: 0, filename: reply.image!.filename, description: reply.image!.alt }] } : body,
          ...(files ? { files } : {}),
        });
        return { status: 'ok' };
      } catch (error) {
        return discordSendResult(error);
      }
    },
  };
}
