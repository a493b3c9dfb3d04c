/**
 * What Slack knows about a person that the companion uses: the handle, the
 * time zone (PlatformUser.timezone, used on first contact) and the locale
 * (crisis resources). Fetched with users.info once per person per process and
 * kept in memory; a failure (missing scope, Slack unreachable) leaves them
 * unknown and is not retried within the hour.
 */
import type { webApi } from '@slack/bolt';
import { failure } from '../../coach/direct-message.ts';
import type { Logger } from '../../logger.ts';

export interface SlackProfile {
  /** The handle (`name`), which slash commands carry as `user_name`. */
  readonly name?: string | undefined;
  readonly timezone?: string | undefined;
  readonly locale?: string | undefined;
}

export interface SlackProfiles {
  /** The person's zone and locale; at most one users.info call per person. Never rejects. */
  lookup(client: webApi.WebClient, teamId: string | undefined, userId: string): Promise<SlackProfile>;
}

const MAX_ENTRIES = 10_000;
const FAILURE_TTL_MS = 3_600_000;

export function createSlackProfiles(logger: Logger, now: () => number = () => Date.now()): SlackProfiles {
  const cache = new Map<string, { profile: Promise<SlackProfile>; expires: number }>();
  return {
    lookup(client, teamId, userId) {
      const key = `${teamId ?? ''}:${userId}`;
      const hit = cache.get(key);
      if (hit && hit.expires > now()) return hit.profile;
      const profile = client.users
        .info({ user: userId, include_locale: true })
        .then((res): SlackProfile => ({ name: res.user?.name || undefined, timezone: res.user?.tz || undefined, locale: res.user?.locale || undefined }))
        .catch((error: unknown): SlackProfile => {
          logger.warn({ ...failure(error), user: userId }, 'slack users.info failed; time zone unknown');
          cache.set(key, { profile, expires: now() + FAILURE_TTL_MS });
          return {};
        });
      cache.set(key, { profile, expires: Number.POSITIVE_INFINITY });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      return profile;
    },
  };
}
