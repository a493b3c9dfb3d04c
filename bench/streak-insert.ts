/**
 * streak_insert_ratio: p50 latency of a journal insert (through the streak trigger)
 * for a user with 5,000 entries ÷ the same for a user with 10. Both users journal
 * every day up to yesterday, so each measured insert extends the current run: the
 * path whose cost a naive streak would grow with history.
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../src/db/client.ts';
import { percentile, progress, round, type BenchResult } from './harness.ts';

const SAMPLES = 300;

async function userWithHistory(db: Database, days: number): Promise<string> {
  return db.session(async (s) => {
    const [user] = await s.query<{ id: string }>(
      `INSERT INTO users (email, username, first_name) VALUES ($1, $1, 'Bench') RETURNING id`,
      [`bench-${days}-${Date.now()}@example.test`],
    );
    await s.query(
      `INSERT INTO journal_entries (user_id, content, mood, created_at)
       SELECT $1, 'A few honest words about my day', 'calm', date_trunc('day', now()) - make_interval(days => d) + interval '12 hours'
       FROM generate_series(1, $2::int) AS d`,
      [user!.id, days],
    );
    return user!.id;
  });
}

export async function streakInsertRatio(db: Database): Promise<BenchResult> {
  progress(`streak_insert_ratio on ${db.kind}: building histories`);
  const long = await userWithHistory(db, 5000);
  const short = await userWithHistory(db, 10);
  const timings = new Map<string, number[]>([
    [long, []],
    [short, []],
  ]);

  await db.session(async (s) => {
    const insertToday = async (user: string) => {
      // Untimed: take today's entry away so the timed insert extends the run again.
      await s.query(`DELETE FROM journal_entries WHERE user_id = $1 AND created_at >= date_trunc('day', now())`, [user]);
      const started = performance.now();
      await s.query(`INSERT INTO journal_entries (user_id, content, mood) VALUES ($1, 'Said hello to a neighbour', 'hopeful')`, [user]);
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i++) for (const user of timings.keys()) await insertToday(user); // warm-up
    // Interleaved, so drift on a shared machine touches both sides alike.
    for (let i = 0; i < SAMPLES; i++) for (const [user, samples] of timings) samples.push(await insertToday(user));
    const [check] = await s.query<{ streak_days: number }>('SELECT streak_days FROM users WHERE id = $1', [long]);
    if (check!.streak_days !== 5001) throw new Error(`streak bench: expected a 5001-day streak, got ${check!.streak_days}`);
  });

  const longP50 = percentile(timings.get(long)!, 50);
  const shortP50 = percentile(timings.get(short)!, 50);
  return {
    name: 'streak_insert_ratio',
    db: db.kind,
    value: round(longP50 / shortP50),
    unit: 'ratio',
    goal: '< 1.5',
    detail: `p50 insert at 5000 entries / at 10 entries (${round(longP50, 3)} ms / ${round(shortP50, 3)} ms, ${SAMPLES} interleaved inserts each, extending a current streak)`,
  };
}
