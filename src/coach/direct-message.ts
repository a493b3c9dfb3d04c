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

/**
 * Resolves the person and hands one DM to the coach. Resolves once the coach has
 * the turn (it queues each person's turns in the order they are handed over),
 * with `answered` settling when the reply is complete; rejects only when the
 * database does (the caller's error boundary answers).
 */
export async function handToCoach(
  deps: DirectMessageDeps,
  who: PlatformUser & { readonly locale?: string | undefined },
  text: string,
  options: { readonly platform?: CoachTurnInput['platform']; readonly events?: CoachStreamEvents } = {},
): Promise<{ readonly answered: Promise<CoachReply> }> {
  const user = await resolveUser(deps.core, who);
  return { answered: deps.coach.message({ user, text, locale: who.locale, platform: options.platform ?? { name: who.platform } }, options.events) };
}

/**
 * Keeps one person's DMs in arrival order through the steps a platform takes
 * before the coach's own queue (a profile lookup, resolving the person): two
 * messages sent a moment apart could otherwise reach `coach.message` swapped.
 * `admit` runs after the person's previous message was admitted, and should
 * return once the turn is handed to the coach (the coach queues it in order),
 * not when it is answered. Keys are dropped when their last message is admitted,
 * so the map holds only people with a message on its way in.
 */
export function createArrivalOrder(): <T>(key: string, admit: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return (key, admit) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(admit);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/** Pino's error serialiser copies every field, and SDK errors carry the request body (the coach's text): log only what names the failure. */
export function failure(error: unknown): { reason: string; code?: string | number; status?: number } {
  if (!error || typeof error !== 'object') return { reason: typeof error };
  const e = error as { name?: unknown; code?: unknown; status?: unknown; data?: { error?: unknown } };
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? e.code : undefined;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const slack = typeof e.data?.error === 'string' ? e.data.error : undefined;
  return { reason: slack ?? (typeof e.name === 'string' ? e.name : 'Error'), ...(code !== undefined ? { code } : {}), ...(status !== undefined ? { status } : {}) };
}
