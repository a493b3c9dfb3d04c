/**
 * The delivery port of the scheduler: one DirectMessenger per platform sends a
 * Reply to a person's DMs and says how it went, in terms the scheduler acts on.
 * Adapters implement it next to their SDK (src/platforms/<platform>/direct-messenger.ts).
 */
import type { Platform } from '../core/users.ts';
import type { Reply } from '../router/types.ts';

/** The chat account a DM goes to, as stored in companion_platform_identities. */
export interface DirectIdentity {
  readonly userId: string;
  readonly platform: Platform;
  /** Discord: the user id. Slack: "<team id>:<user id>". Console: the console name. */
  readonly externalId: string;
  readonly workspaceId: string | null;
}

export type SendResult =
  | { readonly status: 'ok' }
  /** DMs are closed to the bot (blocked, left the workspace, deactivated): do not retry until they interact again. */
  | { readonly status: 'unreachable'; readonly code: string }
  /** The platform asked to wait this long before the next request. */
  | { readonly status: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly status: 'failed'; readonly code: string };

export interface DirectMessenger {
  readonly platform: Platform;
  /** DMs per second this messenger is paced at, below the platform's limits. */
  readonly maxPerSecond: number;
  /** Sends `reply` as a DM. Resolves with the outcome; rejects only on a bug. */
  send(identity: DirectIdentity, reply: Reply): Promise<SendResult>;
}

/** The Slack user id of a Slack identity's "<team>:<user>" external id. */
export function slackUserId(externalId: string): string {
  const colon = externalId.indexOf(':');
  return colon < 0 ? externalId : externalId.slice(colon + 1);
}

/** A console DM as text: what the console shows, and what `npm run job` prints without platform tokens. */
export function formatDirectMessage(identity: DirectIdentity, reply: Reply): string {
  const lines = [`── DM to ${identity.platform}:${identity.externalId} (user ${identity.userId})`];
  if (reply.title) lines.push(reply.title);
  if (reply.text) lines.push(reply.text);
  for (const f of reply.fields ?? []) lines.push(`  ${f.name}: ${f.value}`);
  if (reply.image) lines.push(`  [chart: ${reply.image.alt}]`);
  const buttons = (reply.actions ?? []).map((a) => `[${a.label}${a.commandText ? `: ${a.commandText}` : ''}]`);
  if (buttons.length) lines.push(`  ${buttons.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes each DM to `output` (the console adapter's stream, or stdout for
 * `npm run job`). It stands in for any platform listed in `platforms`, so
 * operators can see what would be sent without tokens.
 */
export function createConsoleMessenger(
  output: Pick<NodeJS.WritableStream, 'write'>,
  platform: Platform = 'console',
): DirectMessenger {
  return {
    platform,
    maxPerSecond: 1_000,
    async send(identity, reply) {
      output.write(formatDirectMessage(identity, reply));
      return { status: 'ok' };
    },
  };
}
