/**
 * core_vs_pg_ratio, core_ops_per_s, core_p99_ms: the services on a realistic mix
 * (journal entry, mood log, start and complete a mission, progress summary) with
 * 50 people at once, against plain `pg` sending the very statements the services
 * sent.
 *
 * The baseline is recorded, not written by hand, so it cannot drift from the
 * services: a template person runs the whole mix through a PrismaClient whose pool
 * records every statement (bench/recording-pool.ts); each baseline person then
 * replays that recording with `pg` alone, on a pool of the same size, with the
 * template's ids swapped for their own. What the ratio measures is everything the
 * services add on top of the SQL: validation, Prisma's query compiler and result
 * mapping, and any statement a plain implementation would still send too.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { testDatabaseUrl } from '../src/config.ts';
import { systemClock } from '../src/core/clock.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { writeJournalEntry } from '../src/core/journal.ts';
import { completeMission, startMission } from '../src/core/missions.ts';
import { logMood } from '../src/core/mood.ts';
import { progressSummary } from '../src/core/progress.ts';
import { resolveUser } from '../src/core/users.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { percentile, progress, round, type BenchResult } from './harness.ts';
import { RecordingPool, type RecordedStatement } from './recording-pool.ts';

const USERS = 50;
/** Rounds of the mix per person; each round uses a mission the person has not used before. */
const ROUNDS = 4;
/** The size src/db/client.ts gives the application's pool; the baseline gets the same. */
const POOL_SIZE = 20;
/** Service and baseline runs alternate this many times each, so drift touches both alike. */
const PAIRS = 3;
/** As bench/index.ts: the server whose scratch database the entry is handed. */
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Operation {
  readonly kind: string;
  run(deps: CoreDeps, userId: string, missionId: string): Promise<unknown>;
}

/** One round of the mix, for one person; `missionId` is a mission they have not used before. */
const MIX: readonly Operation[] = [
  {
    kind: 'writeJournalEntry',
    run: (deps, userId) =>
      writeJournalEntry(deps, userId, {
        content: 'Said hello to the new neighbour and we talked for a few minutes about the garden. Easier than I thought.',
        mood: 'hopeful',
        tags: 'neighbours, small-talk',
      }),
  },
  { kind: 'logMood', run: (deps, userId) => logMood(deps, userId, { mood: 'calm', intensity: 6, triggers: 'work, coffee with a friend' }) },
  { kind: 'startMission', run: (deps, userId, missionId) => startMission(deps, userId, { mission: missionId }) },
  {
    kind: 'completeMission',
    run: (deps, userId, missionId) => completeMission(deps, userId, { mission: missionId, difficulty: 2, satisfaction: 4 }),
  },
  { kind: 'progressSummary', run: (deps, userId) => progressSummary(deps, userId) },
];

const OPS_PER_RUN = USERS * ROUNDS * MIX.length;


async function scratchDatabaseUrl(db: Database): Promise<string> {
  const [row] = await db.session((s) => s.query<{ name: string }>('SELECT current_database() AS name'));
  const url = new URL(testDatabaseUrl() ?? LOCAL_POSTGRES);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

// ---------------------------------------------------------------------------
// Turning the template's recording into a replay for anyone
// ---------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a replayed statement's parameter comes from. */
type Binding =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'user' }
  | { readonly kind: 'mission' }
  /** An id an earlier statement returned (a row it created), read from that statement's replayed result. */
  | { readonly kind: 'result'; readonly op: number; readonly statement: number; readonly row: number; readonly column: number }
  | { readonly kind: 'array'; readonly items: readonly Binding[] };

interface ReplayStatement {
  readonly connection: 'pool' | number;
  readonly text: string;
  readonly values: readonly Binding[];
  readonly after: readonly number[];
  readonly lastOnConnection: boolean;
}

interface ReplayOp {
  readonly kind: string;
  readonly round: number;
  readonly statements: readonly ReplayStatement[];
}

interface Script {
  /** Every op of every round, in the order one person runs them. */
  readonly ops: readonly ReplayOp[];
  readonly statements: number;
  readonly transactions: number;
  readonly bindings: { user: number; mission: number; result: number; unexplainedIds: number };
}

function compileScript(
  recorded: ReadonlyArray<{ kind: string; round: number; statements: readonly RecordedStatement[] }>,
  templateUserId: string,
  missionOfRound: readonly string[],
  catalogIds: ReadonlySet<string>,
): Script {
  const idSources = new Map<string, { op: number; statement: number; row: number; column: number }>();
  const counts = { user: 0, mission: 0, result: 0, unexplainedIds: 0 };
  let statements = 0;
  let transactions = 0;
  const ops = recorded.map((op, opIndex): ReplayOp => {
    const bind = (value: unknown): Binding => {
      if (Array.isArray(value)) return { kind: 'array', items: value.map(bind) };
      if (typeof value !== 'string') return { kind: 'value', value };
      if (value === templateUserId) return counts.user++, { kind: 'user' };
      if (value === missionOfRound[op.round]) return counts.mission++, { kind: 'mission' };
      if (catalogIds.has(value)) return { kind: 'value', value };
      const source = idSources.get(value);
      if (source) return counts.result++, { kind: 'result', ...source };
      if (UUID.test(value)) counts.unexplainedIds++;
      return { kind: 'value', value };
    };
    const compiled = op.statements.map((s): ReplayStatement => {
      if (s.error) throw new Error(`core throughput: the template's ${op.kind} sent a statement that failed (${s.error.message}): ${s.text}`);
      return { connection: s.connection, text: s.text, values: s.values.map(bind), after: s.after, lastOnConnection: s.lastOnConnection };
    });
    // Ids that statements return are indexed after binding this op's values: within one
    // op, a value equal to a sibling's result came from elsewhere (they ran concurrently or it is a constant).
    op.statements.forEach((s, statement) =>
      s.rows?.forEach((cells, row) =>
        cells.forEach((cell, column) => {
          if (typeof cell === 'string' && UUID.test(cell) && !idSources.has(cell) && cell !== templateUserId && !catalogIds.has(cell)) {
            idSources.set(cell, { op: opIndex, statement, row, column });
          }
        }),
      ),
    );
    const checkedOut = new Set(compiled.flatMap((s) => (s.connection === 'pool' ? [] : [s.connection])));
    for (const connection of checkedOut) {
      // The replay releases a client after its last statement; one never released would leak from the plain pool.
      if (!compiled.some((s) => s.connection === connection && s.lastOnConnection)) {
        throw new Error(`core throughput: the template's ${op.kind} checked out a connection and did not release it within the call`);
      }
    }
    statements += compiled.length;
    transactions += checkedOut.size;
    return { kind: op.kind, round: op.round, statements: compiled };
  });
  return { ops, statements, transactions, bindings: counts };
}

interface ReplayContext {
  readonly userId: string;
  readonly missionOfRound: readonly string[];
  /** Replayed result rows, by op and statement. */
  readonly results: unknown[][][][];
}

function resolveBinding(binding: Binding, op: ReplayOp, context: ReplayContext): unknown {
  switch (binding.kind) {
    case 'value':
      return binding.value;
    case 'user':
      return context.userId;
    case 'mission':
      return context.missionOfRound[op.round];
    case 'result': {
      const value = context.results[binding.op]?.[binding.statement]?.[binding.row]?.[binding.column];
      if (value === undefined) throw new Error('core throughput: a replayed statement returned fewer rows than the recording');
      return value;
    }
    case 'array':
      return binding.items.map((item) => resolveBinding(item, op, context));
  }
}

/** Runs one recorded op with plain pg: pool queries on the pool, each transaction on one checked-out client. */
async function replayOp(pool: pg.Pool, opIndex: number, context: ReplayContext, op: ReplayOp): Promise<void> {
  const rows: unknown[][][] = [];
  context.results[opIndex] = rows;
  const clients = new Map<number, Promise<pg.PoolClient>>();
  const done: Array<Promise<void>> = [];
  for (const [index, statement] of op.statements.entries()) {
    done[index] = (async () => {
      if (statement.after.length > 0) await Promise.all(statement.after.map((i) => done[i]));
      const query = { text: statement.text, values: statement.values.map((b) => resolveBinding(b, op, context)), rowMode: 'array' as const };
      if (statement.connection === 'pool') {
        rows[index] = (await pool.query(query)).rows;
        return;
      }
      let checkout = clients.get(statement.connection);
      if (!checkout) {
        checkout = pool.connect();
        clients.set(statement.connection, checkout);
      }
      const client = await checkout;
      try {
        rows[index] = (await client.query(query)).rows;
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      if (statement.lastOnConnection) client.release();
    })();
  }
  await Promise.all(done);
}

// ---------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------

interface RunResult {
  readonly opsPerSecond: number;
  readonly latencies: readonly number[];
  /** Share of the run this process spent on the CPU (1 = one core all the time): the load generator and the client side. */
  readonly clientCpu: number;
}

/** `USERS` people at once, each running `step` for every op of every round; each step is one timed operation. */
async function timedRun(users: readonly string[], step: (userId: string, round: number, op: number) => Promise<void>): Promise<RunResult> {
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    users.map(async (userId) => {
      for (let r = 0; r < ROUNDS; r++) {
        for (let op = 0; op < MIX.length; op++) {
          const t = performance.now();
          await step(userId, r, op);
          latencies.push(performance.now() - t);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { opsPerSecond: latencies.length / seconds, latencies, clientCpu: (used.user + used.system) / 1e6 / seconds };
}

let people = 0;

/** People created the way the adapters create them: through first contact. */
async function newPeople(deps: CoreDeps, label: string, count: number): Promise<string[]> {
  const numbers = Array.from({ length: count }, () => ++people);
  const users = await Promise.all(
    numbers.map((n) => resolveUser(deps, { platform: 'console', externalId: `bench-${label}-${n}`, displayName: `Bench ${label} ${n}` })),
  );
  return users.map((u) => u.id);
}

/** Fails the benchmark when a run did not leave what the mix should have left for each of its people. */
async function checkEffects(db: Database, users: readonly string[], label: string): Promise<void> {
  const rows = await db.session((s) =>
    s.query<{ journal: number; moods: number; missions: number }>(
      `SELECT (SELECT count(*) FROM journal_entries WHERE user_id = u.id)::int AS journal,
              (SELECT count(*) FROM mood_tracking WHERE user_id = u.id)::int AS moods,
              (SELECT count(*) FROM user_missions WHERE user_id = u.id AND status = 'completed')::int AS missions
         FROM users u WHERE u.id = ANY($1::uuid[])`,
      [users],
    ),
  );
  const wrong = rows.filter((r) => r.journal !== ROUNDS || r.moods !== ROUNDS || r.missions !== ROUNDS);
  if (rows.length !== users.length || wrong.length > 0) {
    throw new Error(`core throughput: the ${label} run left the wrong rows for ${wrong.length} of ${users.length} people`);
  }
}

export async function coreThroughput(benchDb: Database): Promise<BenchResult[]> {
  const url = await scratchDatabaseUrl(benchDb);
  const recordingPool = new RecordingPool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 10_000 });
  recordingPool.on('error', () => {});
  const db = await openDatabase({ kind: 'postgres', pool: recordingPool });
  const plainPool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 10_000 });
  plainPool.on('error', () => {});
  const deps: CoreDeps = { db, clock: systemClock, defaultTimezone: 'UTC' };

  try {
    const missions = await db.prisma.mission.findMany({ where: { isActive: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    if (missions.length < ROUNDS) throw new Error(`core throughput: needs ${ROUNDS} active missions, the catalog has ${missions.length}`);
    const missionOfRound = missions.slice(0, ROUNDS).map((m) => m.id);
    const achievements = await db.prisma.achievement.findMany({ select: { id: true } });
    const catalogIds = new Set([...missions, ...achievements].map((m) => m.id));

    progress(`core throughput on postgres: warming up and recording the mix for a template person`);
    const [warm] = await newPeople(deps, 'warm', 1);
    for (let r = 0; r < ROUNDS; r++) for (const op of MIX) await op.run(deps, warm!, missionOfRound[r]!);
    const [template] = await newPeople(deps, 'template', 1);
    const recorded = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const op of MIX) {
        const { recording } = await recordingPool.record(() => op.run(deps, template!, missionOfRound[r]!));
        recorded.push({ kind: op.kind, round: r, statements: recording.statements });
      }
    }
    const script = compileScript(recorded, template!, missionOfRound, catalogIds);
    if (script.bindings.unexplainedIds > 0) {
      progress(`core throughput: ${script.bindings.unexplainedIds} ids in the recording are replayed as recorded (neither the person's, the mission's nor returned earlier)`);
    }
    progress(
      `core throughput: recorded ${script.statements} statements (${script.transactions} transactions) for ${script.ops.length} ops; ` +
        `ids swapped per person: ${script.bindings.user} user, ${script.bindings.mission} mission, ${script.bindings.result} returned`,
    );

    const warmPlain = await newPeople(deps, 'warm-pg', 1);
    await replayAll(plainPool, script, missionOfRound, warmPlain[0]!);

    const service: RunResult[] = [];
    const baseline: RunResult[] = [];
    for (let pair = 0; pair < PAIRS; pair++) {
      const serviceUsers = await newPeople(deps, `core-${pair}`, USERS);
      const s = await timedRun(serviceUsers, (userId, r, op) => MIX[op]!.run(deps, userId, missionOfRound[r]!).then(() => {}));
      await checkEffects(db, serviceUsers, 'service');
      service.push(s);
      progress(`core throughput: services run ${pair + 1}/${PAIRS}: ${round(s.opsPerSecond, 0)} ops/s, p99 ${round(percentile(s.latencies, 99), 1)} ms, node CPU ${round(s.clientCpu)} cores`);

      const plainUsers = await newPeople(deps, `pg-${pair}`, USERS);
      const contexts = new Map(plainUsers.map((userId) => [userId, { userId, missionOfRound, results: [] } as ReplayContext]));
      const b = await timedRun(plainUsers, (userId, r, op) => {
        const index = r * MIX.length + op;
        return replayOp(plainPool, index, contexts.get(userId)!, script.ops[index]!);
      });
      await checkEffects(db, plainUsers, 'plain pg');
      baseline.push(b);
      progress(`core throughput: plain pg run ${pair + 1}/${PAIRS}: ${round(b.opsPerSecond, 0)} ops/s, p99 ${round(percentile(b.latencies, 99), 1)} ms, node CPU ${round(b.clientCpu)} cores`);
    }

    const cpuPerOp = (run: RunResult) => (run.clientCpu / run.opsPerSecond) * 1000;
    const best = (runs: readonly RunResult[]) => runs.reduce((a, b) => (b.opsPerSecond > a.opsPerSecond ? b : a));
    const bestService = best(service);
    const bestBaseline = best(baseline);
    const p99 = percentile(bestService.latencies, 99);
    const sizes =
      `${USERS} concurrent people x ${ROUNDS} rounds x ${MIX.length} ops (${MIX.map((o) => o.kind).join(', ')}) = ${OPS_PER_RUN} ops per run; ` +
      `${PAIRS} service and ${PAIRS} plain-pg runs alternated, fresh people each run, best of each`;
    const baselineHow =
      `plain pg = the ${script.statements} statements (${script.transactions} transactions) the services sent for a template person, ` +
      `recorded through a pg.Pool subclass under PrismaPg and replayed with pg (rowMode array) in the recorded order and concurrency, person and mission ids swapped`;
    const pools = `pools of ${POOL_SIZE} connections each`;
    return [
      {
        name: 'core_vs_pg_ratio',
        db: 'postgres',
        value: round(bestService.opsPerSecond / bestBaseline.opsPerSecond),
        unit: 'ratio',
        goal: '≥ 0.6',
        detail:
          `services ${round(bestService.opsPerSecond, 0)} ops/s / plain pg ${round(bestBaseline.opsPerSecond, 0)} ops/s ` +
          `(node CPU per op ${round(cpuPerOp(bestService), 1)} ms / ${round(cpuPerOp(bestBaseline), 1)} ms); ${sizes}; ${pools}; ${baselineHow}`,
      },
      {
        name: 'core_ops_per_s',
        db: 'postgres',
        value: round(bestService.opsPerSecond, 0),
        unit: 'ops/s',
        goal: '—',
        detail: `services, best run (runs: ${service.map((r) => round(r.opsPerSecond, 0)).join(', ')} ops/s); ${sizes}; ${pools}`,
      },
      {
        name: 'core_p99_ms',
        db: 'postgres',
        value: round(p99, 1),
        unit: 'ms',
        goal: '—',
        detail: `p99 latency of one service call in the best services run (p50 ${round(percentile(bestService.latencies, 50), 1)} ms); ${sizes}; ${pools}`,
      },
    ];
  } finally {
    await db.close();
    await plainPool.end();
  }
}

/** One person's whole script, untimed (warms the plain pool's connections and statement paths). */
async function replayAll(pool: pg.Pool, script: Script, missionOfRound: readonly string[], userId: string): Promise<void> {
  const context: ReplayContext = { userId, missionOfRound, results: [] };
  for (const [index, op] of script.ops.entries()) await replayOp(pool, index, context, op);
}
