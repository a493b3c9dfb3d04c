/**
 * The scheduler: node-cron ticks every minute, each tick runs the jobs in order,
 * and each job claims its due deliveries in the database before sending them,
 * paced per platform. Any number of processes may run it against one database:
 * a delivery key is claimed by exactly one of them, and a claim left by a crashed
 * process is taken over when its lease runs out.
 *
 * @example
 * const scheduler = createScheduler({ core, messengers: [slackMessenger], logger });
 * scheduler.start();
 * // …
 * await scheduler.stop();
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import cron, { type ScheduledTask } from 'node-cron';
import type { CoreDeps } from '../core/deps.ts';
import { computeAllWeeklyInsights } from '../core/insights.ts';
import type { Logger } from '../logger.ts';
import type { Reply } from '../router/types.ts';
import { composeReply } from './compose.ts';
import {
  claimSql,
  JOB_NAMES,
  NUDGE_KINDS,
  SENDING,
  WEEKLY_CATCH_UP_HOURS,
  WEEKLY_INSIGHTS_TIME,
  weeklyWeeksDueSql,
  type ClaimedDelivery,
  type ClaimResult,
  type JobName,
} from './jobs.ts';
import type { DirectIdentity, DirectMessenger, SendResult } from './messenger.ts';

export { JOB_NAMES, type JobName } from './jobs.ts';

export interface SchedulerOptions {
  readonly core: CoreDeps;
  /** One per platform people can be reached on; people are reached on their most recently seen one. */
  readonly messengers: readonly DirectMessenger[];
  readonly logger: Logger;
  /** Names this process in claims; unique by default. */
  readonly runnerId?: string;
  /** Deliveries claimed per statement; by default about 20 seconds of sending. */
  readonly batchSize?: number;
  /** How long a claim is held before another runner may take it over (ms). */
  readonly leaseMs?: number;
  /** Waits between sends and after a rate limit; tests record instead of waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** How many times one DM is retried after rate limits in a run before its claim is released. */
  readonly maxRateLimitRetries?: number;
  /** The progress chart for weekly insights; `false` sends them without a chart. */
  readonly weeklyChart?: false | ((userId: string) => Promise<Reply['image'] | undefined>);
  /** Log progress every this many deliveries in a run. */
  readonly progressEvery?: number;
}

export interface JobRunSummary {
  readonly job: JobName;
  readonly at: string;
  sent: number;
  unreachable: number;
  failed: number;
  /** Released after rate limits; a later tick takes them again. */
  released: number;
}

export interface Scheduler {
  readonly runnerId: string;
  /** Starts the per-minute tick (and the hourly housekeeping), and runs one tick at once to catch up. */
  start(): void;
  /** Stops ticking, waits for in-flight sends, and releases claims not yet sent. */
  stop(): Promise<void>;
  /** Runs one job once as if at `at` (default: the clock's now). Never rejects for a delivery problem. */
  runJob(name: JobName, at?: Date): Promise<JobRunSummary>;
  /** Runs every time-of-day job in order, as a tick does. */
  tick(at?: Date): Promise<JobRunSummary[]>;
}

/** Jobs a tick runs, in this order: streak reminders before mission nudges, which share the daily slot. */
const TICK_JOBS: readonly JobName[] = ['streak-reminders', 'mission-nudges', 'weekly-insights', 'event-reminders'];
const MIN_BATCH = 50;
const MAX_BATCH = 2_000;
const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_EMPTY_ROUNDS = 5;
const WEEKLY_INSIGHTS_TIME_PARTS = WEEKLY_INSIGHTS_TIME.split(':').map(Number) as [number, number];

export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/**
 * Whether Monday WEEKLY_INSIGHTS_TIME plus the catch-up window can be under way in
 * some zone at `at` (zones run from UTC-12 to UTC+14): the rest of the week, the
 * weekly job skips its queries over everyone.
 */
export function mondayMorningSomewhere(at: Date): boolean {
  const HOUR = 3_600_000;
  // Monday 00:00 UTC of the week holding `at` (getUTCDay: Sunday = 0).
  const monday = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) - ((at.getUTCDay() + 6) % 7) * 24 * HOUR;
  const t = at.getTime();
  const [h, m] = WEEKLY_INSIGHTS_TIME_PARTS;
  const earliest = monday + (h - 14) * HOUR + m * 60_000; // Monday 09:00 at UTC+14
  const latest = monday + (h + 12 + WEEKLY_CATCH_UP_HOURS) * HOUR + m * 60_000 + HOUR; // plus an hour of DST slack
  // `at` on a Sunday belongs to the next week's Monday.
  return (t >= earliest && t <= latest) || (t >= earliest + 7 * 24 * HOUR && t <= latest + 7 * 24 * HOUR);
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function defaultChart(core: CoreDeps, userId: string): Promise<Reply['image'] | undefined> {
  // Loaded on first use: the chart code is heavy, and most ticks send no insights.
  const [{ progressSummary }, { renderProgressChart }] = await Promise.all([
    import('../core/progress.ts'),
    import('../charts/progress-chart.ts'),
  ]);
  const { png, alt } = await renderProgressChart(await progressSummary(core, userId));
  return { png, filename: 'progress.png', alt };
}

/** Spaces sends on each platform `1 / maxPerSecond` apart, and holds a platform back after a rate limit. */
function createPacer(messengers: readonly DirectMessenger[], sleep: (ms: number) => Promise<void>) {
  const next = new Map<string, number>();
  const interval = new Map(messengers.map((m) => [m.platform as string, 1000 / Math.max(0.001, m.maxPerSecond)]));
  return {
    async wait(platform: string): Promise<void> {
      const now = performance.now();
      const at = next.get(platform) ?? now;
      if (at > now) await sleep(at - now);
      next.set(platform, Math.max(at, now) + (interval.get(platform) ?? 0));
    },
    holdFor(platform: string, ms: number): void {
      next.set(platform, Math.max(next.get(platform) ?? 0, performance.now() + ms));
    },
  };
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { core, logger } = options;
  const db = core.db.prisma;
  const runnerId = options.runnerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // About 20 seconds of sending per claim at the fastest messenger's pace: a claim costs a scan, and must end well inside its lease.
  const fastest = Math.max(1, ...options.messengers.map((m) => m.maxPerSecond));
  const batchSize = options.batchSize ?? Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.round(fastest * 20)));
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const sleep = options.sleep ?? realSleep;
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const progressEvery = options.progressEvery ?? 500;
  const chart = options.weeklyChart === false ? undefined : (options.weeklyChart ?? ((userId: string) => defaultChart(core, userId)));
  const messengers = new Map(options.messengers.map((m) => [m.platform as string, m]));
  const platforms = [...messengers.keys()];
  const pacer = createPacer(options.messengers, sleep);
  const log = logger.child({ component: 'scheduler', runner: runnerId });

  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const tasks: ScheduledTask[] = [];

  const now = () => core.clock.now();
  const later = (ms: number) => new Date(now().getTime() + ms);

  async function claim(job: Exclude<JobName, 'housekeeping'>, at: Date): Promise<ClaimResult> {
    const [row] = await db.$queryRaw<Array<{ candidates: number; claimed: ClaimedDelivery[] }>>(
      claimSql(job, {
        at,
        now: now(),
        defaultTimezone: core.defaultTimezone,
        platforms,
        runner: runnerId,
        leaseUntil: later(leaseMs),
        limit: batchSize,
      }),
    );
    return { candidates: row?.candidates ?? 0, claimed: row?.claimed ?? [] };
  }

  /** Records a delivery's outcome and the person's nudge state in one statement. */
  async function record(d: ClaimedDelivery, result: SendResult): Promise<void> {
    const stamp = now();
    const nudge = NUDGE_KINDS.includes(d.kind);
    if (result.status === 'ok') {
      await db.$executeRaw`
        WITH done AS (
          UPDATE companion_deliveries SET status = 'sent', sent_at = ${stamp}, updated_at = ${stamp}, lease_until = NULL, detail = NULL
           WHERE user_id = ${d.userId}::uuid AND kind = ${d.kind} AND period = ${d.period} AND claimed_by = ${runnerId}
          RETURNING user_id
        )
        INSERT INTO companion_nudge_state AS s (user_id, nudges_since_contact, last_nudge_at, fewer_asked_at, updated_at)
        SELECT user_id, ${nudge ? 1 : 0}::int, ${nudge ? stamp : null}::timestamptz,
               ${d.kind === 'fewer_reminders' ? stamp : null}::timestamptz, ${stamp}::timestamptz
          FROM done
        ON CONFLICT (user_id) DO UPDATE SET
          nudges_since_contact = CASE
            WHEN EXCLUDED.last_nudge_at IS NULL THEN s.nudges_since_contact
            WHEN companion_interacted_since(s.user_id, s.last_nudge_at) THEN 1
            ELSE s.nudges_since_contact + 1 END,
          last_nudge_at = COALESCE(EXCLUDED.last_nudge_at, s.last_nudge_at),
          fewer_asked_at = COALESCE(s.fewer_asked_at, EXCLUDED.fewer_asked_at),
          unreachable_since = NULL,
          updated_at = EXCLUDED.updated_at`;
      return;
    }
    if (result.status === 'unreachable') {
      await db.$executeRaw`
        WITH done AS (
          UPDATE companion_deliveries SET status = 'skipped', detail = ${`unreachable:${result.code}`.slice(0, 100)},
                 updated_at = ${stamp}, lease_until = NULL
           WHERE user_id = ${d.userId}::uuid AND kind = ${d.kind} AND period = ${d.period} AND claimed_by = ${runnerId}
          RETURNING user_id
        )
        INSERT INTO companion_nudge_state AS s (user_id, unreachable_since, fewer_asked_at, updated_at)
        SELECT user_id, ${stamp}::timestamptz, ${d.kind === 'fewer_reminders' ? stamp : null}::timestamptz, ${stamp}::timestamptz FROM done
        ON CONFLICT (user_id) DO UPDATE SET
          unreachable_since = EXCLUDED.unreachable_since,
          fewer_asked_at = COALESCE(s.fewer_asked_at, EXCLUDED.fewer_asked_at),
          updated_at = EXCLUDED.updated_at`;
      return;
    }
    if (result.status === 'rate_limited') {
      // Still claimed, but free for any runner once the platform's wait is over.
      // Not delivered: the SENDING mark is replaced, so the claim can be taken over.
      await db.$executeRaw`
        UPDATE companion_deliveries SET lease_until = ${later(result.retryAfterMs)}, detail = 'rate_limited', updated_at = ${stamp}
         WHERE user_id = ${d.userId}::uuid AND kind = ${d.kind} AND period = ${d.period} AND claimed_by = ${runnerId}`;
      return;
    }
    await db.$executeRaw`
      UPDATE companion_deliveries SET status = 'failed', detail = ${result.code.slice(0, 100)}, updated_at = ${stamp}, lease_until = NULL
       WHERE user_id = ${d.userId}::uuid AND kind = ${d.kind} AND period = ${d.period} AND claimed_by = ${runnerId}`;
  }

  /** Gives this runner's unsent claims back at once (stopping), so another runner need not wait for the lease. */
  async function releaseClaims(): Promise<void> {
    await db.$executeRaw`
      UPDATE companion_deliveries SET lease_until = ${new Date(0)}, updated_at = ${now()}
       WHERE claimed_by = ${runnerId} AND status = 'claimed' AND detail IS DISTINCT FROM 'rate_limited'
         AND detail IS DISTINCT FROM ${SENDING}`;
  }

  /**
   * Fences a send: marks the claim SENDING if this runner still holds it. A runner
   * whose lease ran out (a long stall) and was taken over finds no row and must not
   * send; once marked, no other runner takes the claim over, whatever the clocks say.
   */
  async function markSending(d: ClaimedDelivery): Promise<boolean> {
    const stamp = now();
    const held = await db.$executeRaw`
      UPDATE companion_deliveries SET detail = ${SENDING}, lease_until = ${later(leaseMs)}, updated_at = ${stamp}
       WHERE user_id = ${d.userId}::uuid AND kind = ${d.kind} AND period = ${d.period}
         AND claimed_by = ${runnerId} AND status = 'claimed'`;
    return held > 0;
  }

  async function extendLeases(ms: number): Promise<void> {
    await db.$executeRaw`
      UPDATE companion_deliveries SET lease_until = GREATEST(lease_until, ${later(ms + leaseMs)})
       WHERE claimed_by = ${runnerId} AND status = 'claimed' AND detail IS DISTINCT FROM 'rate_limited'`;
  }

  /** Sends one claimed delivery and records how it went; undefined when another runner had taken the claim over. */
  async function deliver(d: ClaimedDelivery): Promise<SendResult | undefined> {
    const messenger = messengers.get(d.platform);
    if (!messenger) return { status: 'failed', code: 'no_messenger' };
    let image: Reply['image'] | undefined;
    if (d.kind === 'weekly_insights' && chart) {
      // The summary is complete without the chart; a chart that cannot be drawn is left out.
      image = await chart(d.userId).catch((error: unknown) => {
        log.warn({ err: error, userId: d.userId }, 'weekly chart failed; sending without it');
        return undefined;
      });
    }
    const reply = composeReply(d, image);
    const identity: DirectIdentity = {
      userId: d.userId,
      platform: d.platform as DirectIdentity['platform'],
      externalId: d.externalId,
      workspaceId: d.workspaceId,
    };
    let result: SendResult = { status: 'failed', code: 'not_sent' };
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await pacer.wait(d.platform);
      if (!(await markSending(d))) {
        log.warn({ userId: d.userId, kind: d.kind }, 'claim taken over by another runner; not sending');
        return undefined;
      }
      try {
        result = await messenger.send(identity, reply);
      } catch (error) {
        log.error({ err: error, userId: d.userId, kind: d.kind, platform: d.platform }, 'messenger threw');
        result = { status: 'failed', code: 'exception' };
      }
      if (result.status !== 'rate_limited' || stopping) break;
      log.warn({ platform: d.platform, retryAfterMs: result.retryAfterMs }, 'rate limited; waiting as asked');
      pacer.holdFor(d.platform, result.retryAfterMs);
      // Refused, so certainly not delivered: while waiting, the claim is an ordinary one again.
      await db.$executeRaw`
        UPDATE companion_deliveries SET detail = NULL, updated_at = ${now()}
         WHERE user_id = ${d.userId}::uuid AND kind = ${d.kind} AND period = ${d.period} AND claimed_by = ${runnerId} AND detail = ${SENDING}`;
      await extendLeases(result.retryAfterMs);
    }
    await record(d, result);
    return result;
  }

  /**
   * Makes sure the weekly insights of each week due at `at` were computed by a run
   * that started after the week ended for everyone due: one set-based statement for
   * everyone, by whichever runner claims the week.
   */
  async function ensureWeeklyInsights(at: Date): Promise<void> {
    const weeks = await db.$queryRaw<Array<{ week: string; needed: Date }>>(weeklyWeeksDueSql(at, core.defaultTimezone));
    for (const { week, needed } of weeks) {
      const stamp = now();
      const mine = await db.$queryRaw<Array<{ job: string }>>`
        INSERT INTO companion_job_runs AS r (job, period, claimed_by, lease_until, updated_at)
        VALUES ('weekly-insights', ${week}, ${runnerId}, ${later(leaseMs)}, ${stamp})
        ON CONFLICT (job, period) DO UPDATE
           SET claimed_by = EXCLUDED.claimed_by, lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at
         WHERE (r.covered_until IS NULL OR r.covered_until < ${needed}::timestamptz)
           AND (r.lease_until IS NULL OR r.lease_until < EXCLUDED.updated_at)
        RETURNING job`;
      if (mine.length === 0) continue;
      const started = performance.now();
      const users = await computeAllWeeklyInsights({ ...core, clock: { now: () => at } }, week);
      await db.$executeRaw`
        UPDATE companion_job_runs SET covered_until = ${at}, lease_until = NULL, updated_at = ${now()}
         WHERE job = 'weekly-insights' AND period = ${week} AND claimed_by = ${runnerId}`;
      log.info({ week, users, ms: Math.round(performance.now() - started) }, 'weekly insights computed');
    }
  }

  async function housekeeping(at: Date): Promise<void> {
    const stamp = now();
    // A runner died while handing these to the platform: they may have arrived, so they are
    // never sent again (a duplicate nudge is worse than a missing one). Final, and logged.
    const uncertain = await db.$executeRaw`
      UPDATE companion_deliveries SET status = 'skipped', detail = 'uncertain', lease_until = NULL, updated_at = ${stamp}
       WHERE status = 'claimed' AND detail = ${SENDING} AND lease_until < ${stamp}::timestamptz`;
    if (uncertain > 0) log.warn({ deliveries: uncertain }, 'sends interrupted by a crash recorded as uncertain; not resent');
    // Claims whose lease ran out a day ago are stale: nothing will send them any more.
    await db.$executeRaw`
      UPDATE companion_deliveries SET status = 'failed', detail = 'stale', lease_until = NULL, updated_at = ${stamp}
       WHERE status = 'claimed' AND lease_until < ${stamp}::timestamptz - interval '1 day'`;
    // Old keys can no longer be due; the one-time question is kept for good.
    await db.$executeRaw`
      DELETE FROM companion_deliveries
       WHERE kind <> 'fewer_reminders' AND status <> 'claimed' AND due_at < ${at}::timestamptz - interval '60 days'`;
    await db.$executeRaw`
      UPDATE companion_nudge_state s SET unreachable_since = NULL, updated_at = ${stamp}
       WHERE s.unreachable_since IS NOT NULL AND companion_interacted_since(s.user_id, s.unreachable_since)`;
  }

  async function run(name: JobName, at: Date): Promise<JobRunSummary> {
    const summary: JobRunSummary = { job: name, at: at.toISOString(), sent: 0, unreachable: 0, failed: 0, released: 0 };
    if (name === 'housekeeping') {
      await housekeeping(at);
      return summary;
    }
    if (platforms.length === 0) return summary;
    if (name === 'weekly-insights') {
      if (!mondayMorningSomewhere(at)) return summary;
      await ensureWeeklyInsights(at);
    }
    let emptyRounds = 0;
    let done = 0;
    while (!stopping) {
      const { candidates, claimed } = await claim(name, at);
      if (candidates === 0) break;
      if (claimed.length === 0) {
        // Another runner holds them; once its claims are visible they drop out of the candidates.
        if (++emptyRounds >= MAX_EMPTY_ROUNDS) break;
        continue;
      }
      emptyRounds = 0;
      for (const d of claimed) {
        if (stopping) break;
        const result = await deliver(d);
        if (!result) continue;
        if (result.status === 'ok') summary.sent += 1;
        else if (result.status === 'unreachable') {
          summary.unreachable += 1;
          log.info({ userId: d.userId, platform: d.platform, code: result.code }, 'DMs closed; not retrying until they interact');
        } else if (result.status === 'rate_limited') summary.released += 1;
        else {
          summary.failed += 1;
          log.warn({ userId: d.userId, kind: d.kind, platform: d.platform, code: result.code }, 'scheduled DM failed');
        }
        done += 1;
        if (done % progressEvery === 0) log.info({ ...summary }, 'scheduler progress');
      }
      if (summary.released > 0) break;
    }
    if (stopping) await releaseClaims();
    if (done > 0) log.info({ ...summary }, 'job finished');
    return summary;
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  async function runJob(name: JobName, at: Date = now()): Promise<JobRunSummary> {
    if (!isJobName(name)) throw new Error(`unknown job: ${String(name)}`);
    return track(run(name, at));
  }

  /** The error boundary of a scheduled run: a failing job is logged once and the next tick tries again. */
  async function safely(name: JobName, at: Date): Promise<JobRunSummary | undefined> {
    try {
      return await runJob(name, at);
    } catch (error) {
      log.error({ err: error, job: name }, 'scheduled job failed');
      return undefined;
    }
  }

  async function tick(at: Date = now()): Promise<JobRunSummary[]> {
    const results: JobRunSummary[] = [];
    for (const name of TICK_JOBS) {
      if (stopping) break;
      const result = await safely(name, at);
      if (result) results.push(result);
    }
    return results;
  }

  return {
    runnerId,
    start() {
      if (stopping || tasks.length > 0) return;
      const opts = { noOverlap: true } as const;
      tasks.push(cron.schedule('* * * * *', () => track(tick()), { ...opts, name: `scheduler-tick-${runnerId}` }));
      tasks.push(cron.schedule('17 * * * *', () => track(safely('housekeeping', now())), { ...opts, name: `scheduler-housekeeping-${runnerId}` }));
      // Windows missed while the process was down are caught up now, when still relevant.
      void track(tick());
    },
    async stop() {
      stopping = true;
      await Promise.all(tasks.map(async (t) => t.destroy()));
      tasks.length = 0;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    runJob,
    tick,
  };
}
