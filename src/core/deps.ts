import type { Database, Prisma } from '../db/client.ts';
import type { Clock } from './clock.ts';

/** What every service needs: the database, the clock, and the time zone for people who set none. */
export interface CoreDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly defaultTimezone: string;
}

/** The client inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Extract<Parameters<Prisma['$transaction']>[0], (...args: never[]) => unknown>>[0];

/** Runs `fn` in one interactive transaction. */
export function inTransaction<T>(deps: CoreDeps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.db.prisma.$transaction((tx) => fn(tx), { timeout: 15_000, maxWait: 15_000 });
}
