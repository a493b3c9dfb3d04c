/**
 * A DM to the coach as a platform sees it: the chat account, the text, and how
 * to show the reply while it streams. The person is resolved here so adapters
 * never look people up themselves.
 */
import type { CoreDeps } from '../core/deps.ts';
import { resolveUser, type PlatformUser } from '../core/users.ts';
import type { CoachReply, CoachService, CoachStreamEvents, CoachTurnInput } from './types.ts';

export interface DirectMessageDeps {
  readonly core: CoreDeps;
  readonly coach: CoachService;
}

/** Sends one DM to the coach; rejects only when the database does (the caller's error boundary answers). */
export async function coachDirectMessage(
  deps: DirectMessageDeps,
  who: PlatformUser & { readonly locale?: string | undefined },
  text: string,
  options: { readonly platform?: CoachTurnInput['platform']; readonly events?: CoachStreamEvents } = {},
): Promise<CoachReply> {
  const user = await resolveUser(deps.core, who);
  return deps.coach.message({ user, text, locale: who.locale, platform: options.platform ?? { name: who.platform } }, options.events);
}
