/**
 * A pg.Pool that can record the SQL it is asked to run, so a benchmark can replay
 * exactly what the services sent with plain `pg` (core_vs_pg_ratio).
 *
 * `@prisma/adapter-pg` sends a query outside a transaction through `pool.query` and
 * runs a transaction on a client it checks out with `pool.connect()` (BEGIN and
 * COMMIT included), so both paths are recorded, each statement with the connection
 * it ran on. Statements also note which others had already finished when they were
 * issued: replaying them in that happens-before order keeps the services'
 * concurrency (Promise.all over several queries) without inventing any.
 */
import pg from 'pg';

export interface RecordedStatement {
  /** Position within its recording. */
  readonly index: number;
  /** 'pool' for `pool.query`, otherwise the number of the checked-out client (a transaction). */
  readonly connection: 'pool' | number;
  readonly text: string;
  readonly values: readonly unknown[];
  /** Statements of the same recording that had completed when this one was issued. */
  readonly after: readonly number[];
  /** Result rows as arrays (the adapter asks for rowMode 'array'), undefined when it failed. */
  rows: unknown[][] | undefined;
  error: Error | undefined;
  /** Whether this is the last statement its checked-out client ran before it was released. */
  lastOnConnection: boolean;
}

export interface Recording {
  readonly statements: RecordedStatement[];
}

interface QueryConfigLike {
  text?: string;
  values?: unknown[];
}

export class RecordingPool extends pg.Pool {
  private recordingNow: { recording: Recording; completed: number[] } | undefined;
  private nextRecordedConnection = 0;

  /** Records every statement sent while `fn` runs. Only one recording at a time, and nothing else should use the pool meanwhile. */
  async record<T>(fn: () => Promise<T>): Promise<{ result: T; recording: Recording }> {
    if (this.recordingNow) throw new Error('RecordingPool: a recording is already running');
    const recording: Recording = { statements: [] };
    this.recordingNow = { recording, completed: [] };
    try {
      const result = await fn();
      return { result, recording };
    } finally {
      this.recordingNow = undefined;
    }
  }

  private statementStarted(connection: 'pool' | number, args: unknown[]): RecordedStatement | undefined {
    const current = this.recordingNow;
    if (!current) return undefined;
    const [first, second] = args;
    const config = (typeof first === 'object' && first !== null ? first : {}) as QueryConfigLike;
    const text = typeof first === 'string' ? first : (config.text ?? '');
    const values = config.values ?? (Array.isArray(second) ? second : []);
    const statement: RecordedStatement = {
      index: current.recording.statements.length,
      connection,
      text,
      values: [...values],
      after: [...current.completed],
      rows: undefined,
      error: undefined,
      lastOnConnection: false,
    };
    current.recording.statements.push(statement);
    return statement;
  }

  private statementEnded(statement: RecordedStatement | undefined, result: pg.QueryResult | undefined, error?: Error): void {
    if (!statement || !this.recordingNow) return;
    statement.rows = result?.rows as unknown[][] | undefined;
    statement.error = error;
    this.recordingNow.completed.push(statement.index);
  }

  private tracked(statement: RecordedStatement | undefined, pending: unknown): unknown {
    if (!statement || !(pending instanceof Promise)) return pending;
    return pending.then(
      (result: pg.QueryResult) => {
        this.statementEnded(statement, result);
        return result;
      },
      (error: Error) => {
        this.statementEnded(statement, undefined, error);
        throw error;
      },
    );
  }

  override query(...args: any[]): any {
    const statement = typeof args[args.length - 1] === 'function' ? undefined : this.statementStarted('pool', args);
    return this.tracked(statement, (super.query as (...a: unknown[]) => unknown).apply(this, args));
  }

  override connect(...args: any[]): any {
    // With a callback this is pool.query checking out its own client: recorded by query() already.
    if (args.length > 0 || !this.recordingNow) return (super.connect as (...a: unknown[]) => unknown).apply(this, args);
    return super.connect().then((client) => this.recordingClient(client));
  }

  private recordingClient(client: pg.PoolClient): pg.PoolClient {
    const connection = this.nextRecordedConnection++;
    const originalQuery = client.query;
    const originalRelease = client.release;
    let last: RecordedStatement | undefined;
    client.query = ((...args: unknown[]) => {
      const statement = typeof args[args.length - 1] === 'function' ? undefined : this.statementStarted(connection, args);
      if (statement) last = statement;
      return this.tracked(statement, (originalQuery as (...a: unknown[]) => unknown).apply(client, args));
    }) as typeof client.query;
    client.release = (error?: Error | boolean) => {
      // The client goes back to the pool; later users of it are not part of this transaction.
      client.query = originalQuery;
      client.release = originalRelease;
      if (last) last.lastOnConnection = true;
      return originalRelease.call(client, error);
    };
    return client;
  }
}
