/**
 * `npm run bench` prints a table; `npm run bench -- --json` prints one JSON object
 * (BENCH.md) and nothing else on standard output. Postgres figures use scratch
 * databases on TEST_DATABASE_URL's server (default: the local server on
 * 127.0.0.1:5432); PGlite figures use an in-memory database.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { testDatabaseUrl } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { coachOverhead } from './coach-overhead.ts';
import { coreThroughput } from './core-throughput.ts';
import { dmFanout } from './dm-fanout.ts';
import { progress, type BenchResult } from './harness.ts';
import { insightsSpeedup } from './insights-speedup.ts';
import { slackAck } from './slack-ack.ts';
import { streakInsertRatio } from './streak-insert.ts';

/** An entry reports one figure or several measured in the same run. */
type Entry = (db: Database) => Promise<BenchResult | BenchResult[]>;

/** Each entry with the databases it reports on. */
const ENTRIES: ReadonlyArray<{ run: Entry; dbs: ReadonlyArray<'postgres' | 'pglite'> }> = [
  { run: streakInsertRatio, dbs: ['postgres', 'pglite'] },
  { run: coreThroughput, dbs: ['postgres'] },
  { run: slackAck, dbs: ['postgres'] },
  { run: insightsSpeedup, dbs: ['postgres'] },
  { run: dmFanout, dbs: ['postgres'] },
  { run: coachOverhead, dbs: ['postgres'] },
];

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

async function withPostgres<T>(fn: (db: Database) => Promise<T>): Promise<T | undefined> {
  const serverUrl = testDatabaseUrl() ?? LOCAL_POSTGRES;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    progress(`no Postgres server at TEST_DATABASE_URL or ${LOCAL_POSTGRES} (${(error as Error).message}): Postgres figures left out`);
    return undefined;
  }
  const name = `ext_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString() });
  try {
    await prepareDatabase(db);
    return await fn(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function withPglite<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: 'pglite', instance: await PGlite.create() });
  try {
    await prepareDatabase(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function printTable(results: readonly BenchResult[]): void {
  const rows = [['name', 'db', 'value', 'unit', 'goal', 'detail'], ...results.map((r) => [r.name, r.db, String(r.value), r.unit, r.goal, r.detail])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const [i, row] of rows.entries()) {
    process.stdout.write(`${row.map((cell, j) => (j === row.length - 1 ? cell : cell.padEnd(widths[j]!))).join('  ')}\n`);
    if (i === 0) process.stdout.write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }
}

const json = process.argv.includes('--json');
const results: BenchResult[] = [];
const postgresEntries = ENTRIES.filter((e) => e.dbs.includes('postgres'));
const pgliteEntries = ENTRIES.filter((e) => e.dbs.includes('pglite'));

for (const entry of postgresEntries) {
  const result = await withPostgres(entry.run);
  if (result) results.push(...[result].flat());
}
for (const entry of pgliteEntries) results.push(...[await withPglite(entry.run)].flat());

if (json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, cpus: cpus().length, at: new Date().toISOString(), results })}\n`);
} else {
  printTable(results);
}
