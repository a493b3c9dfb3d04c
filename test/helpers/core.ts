/** Services wired for tests: a database from databases.ts and a manual clock. */
import { manualClock } from '../../src/core/clock.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { resolveUser, type CompanionUser, type PlatformUser } from '../../src/core/users.ts';
import type { Database } from '../../src/db/client.ts';

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
