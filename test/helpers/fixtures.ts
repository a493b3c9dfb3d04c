/** Small row builders for database tests, in plain SQL so they exercise the schema itself. */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/client.ts';
import { sql } from './databases.ts';

export async function insertUser(db: Database, preferences: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  await sql(db, `INSERT INTO users (id, email, username, first_name, preferences) VALUES ($1, $2, $3, 'Test', $4::jsonb)`, [
    id,
    `${id}@example.test`,
    `user_${id.slice(0, 8)}`,
    JSON.stringify(preferences),
  ]);
  return id;
}

/** Inserts a journal entry at `at` (an SQL timestamptz expression, e.g. "now() - interval '1 day'"). */
export async function insertEntryAt(db: Database, userId: string, at: string, content = 'A small step today'): Promise<string> {
  const [row] = await sql<{ id: string }>(
    db,
    `INSERT INTO journal_entries (user_id, content, mood, created_at) VALUES ($1, $2, 'calm', ${at}) RETURNING id`,
    [userId, content],
  );
  return row!.id;
}

/** An SQL expression for `hour`:00 local time on the day `daysAgo` days before today in `tz`. */
export function localTime(tz: string, daysAgo: number, hour = 12, minute = 0): string {
  return `(((now() AT TIME ZONE '${tz}')::date - ${daysAgo})::timestamp + interval '${hour} hours ${minute} minutes') AT TIME ZONE '${tz}'`;
}

export async function streakOf(db: Database, userId: string): Promise<{ streak: number; longest: number }> {
  const [row] = await sql<{ streak_days: number; longest_streak: number }>(
    db,
    'SELECT streak_days, longest_streak FROM users WHERE id = $1',
    [userId],
  );
  return { streak: row!.streak_days, longest: row!.longest_streak };
}
