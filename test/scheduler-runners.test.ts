import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../src/core/deps.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import type { SendResult } from '../src/scheduler/messenger.ts';
import { coreDeps, type TestClock } from './helpers/core.ts';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';
import { person, recordingMessenger, testScheduler, type Person } from './helpers/scheduler.ts';

const MINUTE = 60_000;

describe.each(DB_KINDS)('several runners on %s', (kind) => {
  let t: TestDatabase;
  /** Postgres: a second pool on the same database, as a second process would have. */
  let second: Database;
  let core: CoreDeps & { clock: TestClock };

  beforeAll(async () => {
    t = await freshDatabase(kind);
    second = kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: t.url! }) : t.db;
    core = coreDeps(t.db, '2026-04-01T00:00:00Z');
  });
  afterAll(async () => {
    if (second !== t.db) await second.close();
    await t.dispose();
  });
  beforeEach(async () => {
    await sql(t.db, 'UPDATE users SET is_active = false WHERE is_active');
  });

  async function crowd(n: number, reminderTime = '09:00'): Promise<Person[]> {
    const people: Person[] = [];
    for (let i = 0; i < n; i++) people.push(await person(core, { timezone: 'UTC', reminderTime }));
    return people;
  }

  function countsByUser(...sent: Array<Array<{ identity: { userId: string } }>>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of sent.flat()) counts.set(s.identity.userId, (counts.get(s.identity.userId) ?? 0) + 1);
    return counts;
  }

  it('two runners ticking together send each reminder exactly once', async () => {
    core.clock.set('2026-04-01T08:00:00Z');
    const people = await crowd(40);
    const a = recordingMessenger();
    const b = recordingMessenger();
    const runnerA = testScheduler(core, [a], { batchSize: 7 });
    const runnerB = testScheduler({ ...core, db: second }, [b], { batchSize: 5 });
    core.clock.set('2026-04-01T09:00:00Z');
    const at = new Date('2026-04-01T09:00:00Z');
    await Promise.all([runnerA.tick(at), runnerB.tick(at), runnerA.tick(at), runnerB.tick(at)]);
    const counts = countsByUser(a.sent, b.sent);
    expect(people.map((p) => counts.get(p.id) ?? 0)).toEqual(people.map(() => 1));
    const [row] = await sql<{ sent: number }>(t.db, `SELECT count(*)::int AS sent FROM companion_deliveries WHERE status = 'sent' AND period = '2026-04-01'`);
    expect(row!.sent).toBe(40);
  });

  /** A promise and the function that settles it: tests wait on events, never on time. */
  function signal<T = void>() {
    let fire!: (value: T) => void;
    const fired = new Promise<T>((resolve) => (fire = resolve));
    return { fired, fire };
  }

  it('after a crash mid-run, the next runner sends the rest: no duplicates, nobody skipped', async () => {
    core.clock.set('2026-04-02T08:00:00Z');
    const people = await crowd(12);
    core.clock.set('2026-04-02T09:00:00Z');
    const at = new Date('2026-04-02T09:00:00Z');
    // The first runner's process dies during its 5th send, after the platform accepted the DM
    // and before the runner could record it: the worst moment for exactly-once.
    const dying = recordingMessenger();
    const accepted: string[] = [];
    const fifth = signal();
    dying.outcome = (identity, call) => {
      if (call <= 4) return { status: 'ok' };
      accepted.push(identity.userId);
      fifth.fire();
      return new Promise<SendResult>(() => {});
    };
    const crashed = testScheduler(core, [dying], { batchSize: 6, leaseMs: 2 * MINUTE });
    void crashed.runJob('streak-reminders', at);
    await fifth.fired;
    expect(dying.sent).toHaveLength(4);
    expect(accepted).toHaveLength(1);

    // A restart right away: the dead runner's claims still hold their lease, so nothing is sent twice...
    const next = recordingMessenger();
    const restarted = testScheduler({ ...core, db: second }, [next], { batchSize: 6 });
    await restarted.runJob('streak-reminders', new Date(at.getTime() + MINUTE));
    const early = next.sent.length;
    expect(early).toBe(6); // the 6 people no runner had claimed yet
    // ...and once the lease has run out, the rest of its batch is taken over: the one claim
    // never sent, but not the one in the platform's hands when the process died.
    core.clock.set(new Date(at.getTime() + 3 * MINUTE));
    await restarted.runJob('streak-reminders', new Date(at.getTime() + 3 * MINUTE));
    await restarted.runJob('housekeeping', new Date(at.getTime() + 3 * MINUTE));
    await restarted.runJob('streak-reminders', new Date(at.getTime() + 4 * MINUTE));
    const counts = countsByUser(dying.sent, next.sent, accepted.map((userId) => ({ identity: { userId } })));
    expect(people.map((p) => counts.get(p.id) ?? 0)).toEqual(people.map(() => 1));
    expect(next.sent).toHaveLength(7);
    expect(next.to(accepted[0]!)).toHaveLength(0);
    const [row] = await sql<{ status: string; detail: string }>(
      t.db,
      `SELECT status, detail FROM companion_deliveries WHERE user_id = $1 AND kind = 'streak_reminder'`,
      [accepted[0]],
    );
    expect(row).toEqual({ status: 'skipped', detail: 'uncertain' });
  });

  it('a runner that stalls past its lease is fenced: the claims taken over are sent once, by the new holder', async () => {
    core.clock.set('2026-04-05T08:00:00Z');
    const people = await crowd(5);
    core.clock.set('2026-04-05T09:00:00Z');
    const at = new Date('2026-04-05T09:00:00Z');
    // Runner A claims all five, then stalls (a long pause) inside its first send.
    const slow = recordingMessenger();
    const stalled = signal();
    const resume = signal();
    slow.outcome = async (_identity, call) => {
      if (call === 1) {
        stalled.fire();
        await resume.fired;
      }
      return { status: 'ok' };
    };
    const a = testScheduler(core, [slow], { batchSize: 10, leaseMs: 2 * MINUTE });
    const runA = a.runJob('streak-reminders', at);
    await stalled.fired;
    // Its lease runs out; runner B takes over the four claims A had not started on.
    core.clock.set(new Date(at.getTime() + 3 * MINUTE));
    const fast = recordingMessenger();
    const b = testScheduler({ ...core, db: second }, [fast]);
    await b.runJob('streak-reminders', new Date(at.getTime() + 3 * MINUTE));
    expect(fast.sent).toHaveLength(4);
    // A wakes up: it finishes the send it was in, and sends none of the claims it lost.
    resume.fire();
    const summary = await runA;
    expect(summary.sent).toBe(1);
    expect(slow.calls).toHaveLength(1);
    const counts = countsByUser(slow.sent, fast.sent);
    expect(people.map((p) => counts.get(p.id) ?? 0)).toEqual(people.map(() => 1));
    const [row] = await sql<{ sent: number }>(t.db, `SELECT count(*)::int AS sent FROM companion_deliveries WHERE status = 'sent' AND period = '2026-04-05'`);
    expect(row!.sent).toBe(5);
  });

  it('a runner that stops part-way gives its claims back, and stop() waits for the send in flight', async () => {
    core.clock.set('2026-04-03T08:00:00Z');
    const people = await crowd(6);
    core.clock.set('2026-04-03T09:00:00Z');
    const at = new Date('2026-04-03T09:00:00Z');
    const slow = recordingMessenger();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    slow.outcome = async (_identity, call) => {
      if (call === 2) await gate;
      return { status: 'ok' };
    };
    const first = testScheduler(core, [slow], { batchSize: 10 });
    const second_ = signal();
    const inner = slow.outcome;
    slow.outcome = (identity, call) => {
      if (call === 2) second_.fire();
      return inner(identity, call);
    };
    void first.runJob('streak-reminders', at);
    await second_.fired;
    let stopped = false;
    const stopping = first.stop().then(() => (stopped = true));
    // However long stop() is given, it cannot finish while a send is in flight.
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(slow.sent).toHaveLength(2);
    // No lease to wait out: another runner sends the other four at once.
    const other = recordingMessenger();
    await testScheduler({ ...core, db: second }, [other]).runJob('streak-reminders', new Date(at.getTime() + MINUTE));
    const counts = countsByUser(slow.sent, other.sent);
    expect(people.map((p) => counts.get(p.id) ?? 0)).toEqual(people.map(() => 1));
  });

  it('a send that failed is tried again on a later tick, by any runner', async () => {
    core.clock.set('2026-04-04T08:00:00Z');
    const [robin] = await crowd(1);
    const flaky = recordingMessenger();
    flaky.outcome = () => ({ status: 'failed', code: 'internal_error' });
    core.clock.set('2026-04-04T09:00:00Z');
    await testScheduler(core, [flaky]).runJob('streak-reminders', new Date('2026-04-04T09:00:00Z'));
    const ok = recordingMessenger();
    const other = testScheduler({ ...core, db: second }, [ok]);
    core.clock.set('2026-04-04T09:05:00Z');
    await other.runJob('streak-reminders', new Date('2026-04-04T09:05:00Z'));
    expect(ok.sent).toHaveLength(0);
    core.clock.set('2026-04-04T09:11:00Z');
    await other.runJob('streak-reminders', new Date('2026-04-04T09:11:00Z'));
    expect(ok.to(robin!.id)).toHaveLength(1);
  });
});
