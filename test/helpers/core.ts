/** Services wired for tests: a database from databases.ts and a manual clock. */
import { createCoach, type CoachConfig } from '../../src/coach/coach.ts';
import type { CoachService } from '../../src/coach/types.ts';
import { manualClock } from '../../src/core/clock.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { resolveUser, type CompanionUser, type PlatformUser } from '../../src/core/users.ts';
import type { Database } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import type { RouterDeps } from '../../src/router/dispatch.ts';

export type TestClock = ReturnType<typeof manualClock>;

export function coreDeps(db: Database, at: Date | string = new Date(), defaultTimezone = 'UTC'): CoreDeps & { clock: TestClock } {
  return { db, clock: manualClock(at), defaultTimezone };
}

let counter = 0;

/** A new person, created through first contact on the console unless `who` says otherwise. */
export function newUser(deps: CoreDeps, who: Partial<PlatformUser> = {}): Promise<CompanionUser> {
  counter += 1;
  return resolveUser(deps, {
    platform: 'console',
    externalId: `test-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    displayName: `Tester ${counter}`,
    ...who,
  });
}

/** A coach for tests that do not exercise it: the offline coach, on the same services. */
export function testCoach(core: CoreDeps, config: Partial<CoachConfig> = {}): CoachService {
  return createCoach({
    core,
    config: { apiKey: undefined, baseUrl: undefined, model: 'test', timeoutMs: 2000, maxRetries: 0, dailyMessages: 60, dailyTokens: 40_000, ...config },
    logger: createLogger('silent'),
  });
}

/** Router dependencies with the offline test coach unless one is given. */
export function routerDeps(deps: Omit<RouterDeps, 'coach'> & { coach?: CoachService }): RouterDeps {
  return { ...deps, coach: deps.coach ?? testCoach(deps.core) };
}
