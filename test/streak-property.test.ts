/**
 * The streak trigger against a plain reference implementation, over random
 * histories (out of order, several entries a day, deletions) and time zones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DB_KINDS, sql, useDatabase } from './helpers/databases.ts';
import { insertUser, streakOf } from './helpers/fixtures.ts';

const DAY_MS = 86_400_000;
const ZONES = ['UTC', 'America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Auckland', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];

/** Days since the epoch of the calendar date `ms` falls on in `zone`. */
function localDay(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS;
}

/** Maximal runs of consecutive days, as [start, end] pairs. */
function runsOf(days: Set<number>): Array<[number, number]> {
  const sorted = [...days].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === day - 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

function referenceStreak(all: number[], kept: number[], zone: string, now: number) {
  const longest = Math.max(0, ...runsOf(new Set(all.map((ms) => localDay(ms, zone)))).map(([s, e]) => e - s + 1));
  const today = localDay(now, zone);
  const current = runsOf(new Set(kept.map((ms) => localDay(ms, zone)))).find(([s, e]) => e >= today - 1 && s <= today);
  return { streak: current ? current[1] - current[0] + 1 : 0, longest };
}

const history = fc.record({
  zone: fc.constantFrom(...ZONES),
  entries: fc.array(
    fc.record({
      daysAgo: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 45 })),
      msIntoDay: fc.integer({ min: 0, max: DAY_MS - 1 }),
      deleteLater: fc.boolean(),
    }),
    { minLength: 1, maxLength: 25 },
  ),
});

describe.each(DB_KINDS)('streak trigger on %s', (kind) => {
  const t = useDatabase(kind);

  it('matches a reference implementation over random histories and time zones', async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ zone, entries }) => {
        const now = Date.now();
        const user = await insertUser(t.db, { timezone: zone });
        const placed = entries.map((e) => ({ ...e, at: Math.min(now - 1000, now - e.daysAgo * DAY_MS - e.msIntoDay + DAY_MS / 2) }));
        const ids: string[] = [];
        for (const entry of placed) {
          const [row] = await sql<{ id: string }>(
            t.db,
            "INSERT INTO journal_entries (user_id, content, mood, created_at) VALUES ($1, 'x', 'calm', $2::timestamptz) RETURNING id",
            [user, new Date(entry.at).toISOString()],
          );
          ids.push(row!.id);
        }
        const doomed = ids.filter((_, i) => placed[i]!.deleteLater);
        if (doomed.length > 0) await sql(t.db, 'DELETE FROM journal_entries WHERE id = ANY($1::uuid[])', [doomed]);

        const expected = referenceStreak(
          placed.map((e) => e.at),
          placed.filter((e) => !e.deleteLater).map((e) => e.at),
          zone,
          now,
        );
        expect(await streakOf(t.db, user)).toEqual(expected);
      }),
      { numRuns: kind === 'pglite' ? 60 : 40 },
    );
  });
});
