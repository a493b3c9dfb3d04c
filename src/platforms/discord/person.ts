import type { User } from 'discord.js';
import type { Invocation } from '../../router/types.ts';

/** A Discord account as the router and core know people. */
export function platformUser(user: Pick<User, 'id' | 'globalName' | 'username'>, locale?: string | undefined): Invocation['user'] {
  return { platform: 'discord', externalId: user.id, displayName: user.globalName ?? user.username, locale };
}
