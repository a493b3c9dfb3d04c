/**
 * A person's right to their data: a complete export, and a deletion that leaves no
 * row naming them.
 *
 * Which tables hold someone's rows is read from the catalog (every public table with
 * a `user_id` column), not listed here, so a table a later migration adds is exported,
 * emptied and checked without touching this file.
 */
import type { CoreDeps, Tx } from './deps.ts';
import { inTransaction } from './deps.ts';
import { UserError } from './errors.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonRow = { [column: string]: JsonValue };

export interface UserDataExport {
  readonly exportedAt: string;
  readonly userId: string;
  /** The `users` row. */
  readonly user: JsonRow;
  /**
   * Every table with a `user_id` column, by table name, with the person's rows (column
   * names as in the database). `user_missions` rows carry `mission_title`,
   * `user_achievements` rows `achievement_title`, `event_attendees` rows `event_title`
   * and `event_date`, and `coach_conversations` rows their `messages`.
   */
  readonly tables: Readonly<Record<string, JsonRow[]>>;
  /** Events the person organises. */
  readonly organizedEvents: JsonRow[];
}

export interface DeletionSummary {
  readonly userId: string;
  /** Rows removed per table, including `users` and `coach_messages`. */
  readonly removed: Readonly<Record<string, number>>;
  /** Events they organised that stay for their attendees, now without an organizer or organizer name. */
  readonly eventsUnlinked: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PersonColumn {
  table: string;
  column: string;
  isUuid: boolean;
  /** A foreign key to users(id) with ON DELETE CASCADE: deleting the user removes the rows. */
  cascades: boolean;
}

/**
 * Columns that can name a person: every `user_id` and `organizer_id`, and any other
 * column with a foreign key to users(id), in public base tables.
 */
async function personColumns(tx: Tx): Promise<PersonColumn[]> {
  return tx.$queryRaw<PersonColumn[]>`
    SELECT c.relname AS "table", a.attname AS "column", a.atttypid = 'uuid'::regtype AS "isUuid",
           EXISTS (SELECT 1 FROM pg_constraint k
                    WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid = 'public.users'::regclass
                      AND k.conkey = ARRAY[a.attnum] AND k.confdeltype = 'c') AS cascades
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
       AND (a.attname IN ('user_id', 'organizer_id')
            OR EXISTS (SELECT 1 FROM pg_constraint k
                        WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid = 'public.users'::regclass
                          AND k.conkey = ARRAY[a.attnum]))
     ORDER BY 1, 2`;
}

/** Catalog names inside SQL text: quoted, so any name is taken literally. Values stay parameters. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function matches(alias: string, c: PersonColumn): string {
  return c.isUuid ? `${alias}.${ident(c.column)} = $1::uuid` : `${alias}.${ident(c.column)}::text = $1`;
}

function notFound(): UserError {
  return new UserError('not_found', 'I could not find a profile for you, so there is nothing stored to export or delete.');
}

/** Columns of type timestamptz per table: to_jsonb writes them with the session's offset, the export in UTC ISO form. */
async function timestampColumns(tx: Tx, tables: string[]): Promise<Map<string, string[]>> {
  const rows = await tx.$queryRaw<Array<{ table: string; columns: string[] }>>`
    SELECT c.relname AS "table", array_agg(a.attname::text) AS columns
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
     WHERE c.relname = ANY(${tables}::text[]) AND a.attnum > 0 AND NOT a.attisdropped
       AND a.atttypid = 'timestamptz'::regtype
     GROUP BY c.relname`;
  return new Map(rows.map((r) => [r.table, r.columns]));
}

function normalise(row: JsonRow, timestamps: readonly string[]): JsonRow {
  for (const column of timestamps) {
    const value = row[column];
    if (typeof value === 'string') row[column] = new Date(value).toISOString();
  }
  return row;
}

/** The `row` column (a to_jsonb value) of `sqlText` run with $1 = the person. */
async function jsonRows(tx: Tx, sqlText: string, userId: string): Promise<JsonRow[]> {
  const rows = await tx.$queryRawUnsafe<Array<{ row: JsonRow }>>(sqlText, userId);
  return rows.map((r) => r.row);
}

const ORDER_COLUMNS = ['created_at', 'recorded_at', 'tracking_date', 'week_start_date', 'earned_at', 'assigned_at', 'rsvp_at', 'start_date'];

/** Everything stored about the person, as one JSON-serialisable object. */
export async function exportUserData(deps: CoreDeps, userId: string): Promise<UserDataExport> {
  if (!UUID.test(userId)) throw notFound();
  const exportedAt = deps.clock.now().toISOString();
  return inTransaction(deps, async (tx) => {
    // One snapshot, so rows written while the export runs cannot half-appear.
    await tx.$executeRawUnsafe('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const [user] = await jsonRows(tx, 'SELECT to_jsonb(u) AS row FROM users u WHERE u.id = $1::uuid', userId);
    if (!user) throw notFound();

    const columns = (await personColumns(tx)).filter((c) => c.column === 'user_id');
    const tableNames = columns.map((c) => c.table);
    const [allColumns, timestamps] = await Promise.all([
      tx.$queryRaw<Array<{ table: string; column: string }>>`
        SELECT table_name::text AS "table", column_name::text AS "column" FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ANY(${tableNames}::text[])`,
      timestampColumns(tx, [...tableNames, 'users', 'events', 'coach_messages']),
    ]);
    const stamps = (table: string) => timestamps.get(table) ?? [];

    const tables: Record<string, JsonRow[]> = {};
    for (const c of columns) {
      const present = new Set(allColumns.filter((a) => a.table === c.table).map((a) => a.column));
      const order = ORDER_COLUMNS.find((o) => present.has(o));
      const rows = await jsonRows(
        tx,
        `SELECT to_jsonb(t) AS row FROM ${ident(c.table)} t WHERE ${matches('t', c)}${order ? ` ORDER BY t.${ident(order)}` : ''}`,
        userId,
      );
      tables[c.table] = rows.map((r) => normalise(r, stamps(c.table)));
    }

    const titles = async (query: string) => new Map((await jsonRows(tx, query, userId)).map((r) => [r.id as string, r]));
    const missionTitles = await titles(
      `SELECT jsonb_build_object('id', um.id, 'title', m.title) AS row FROM user_missions um JOIN missions m ON m.id = um.mission_id WHERE um.user_id = $1::uuid`,
    );
    for (const row of tables.user_missions ?? []) row.mission_title = missionTitles.get(row.id as string)?.title ?? null;
    const achievementTitles = await titles(
      `SELECT jsonb_build_object('id', ua.id, 'title', a.title) AS row FROM user_achievements ua JOIN achievements a ON a.id = ua.achievement_id WHERE ua.user_id = $1::uuid`,
    );
    for (const row of tables.user_achievements ?? []) row.achievement_title = achievementTitles.get(row.id as string)?.title ?? null;
    const events = await titles(
      `SELECT jsonb_build_object('id', ea.id, 'title', e.title, 'date', e.date) AS row FROM event_attendees ea JOIN events e ON e.id = ea.event_id WHERE ea.user_id = $1::uuid`,
    );
    for (const row of tables.event_attendees ?? []) {
      const event = events.get(row.id as string);
      row.event_title = event?.title ?? null;
      row.event_date = event?.date ?? null;
    }

    const messages = await jsonRows(
      tx,
      `SELECT to_jsonb(m) AS row FROM coach_messages m JOIN coach_conversations c ON c.id = m.conversation_id
        WHERE c.user_id = $1::uuid ORDER BY m.timestamp, m.id`,
      userId,
    );
    for (const conversation of tables.coach_conversations ?? []) {
      conversation.messages = messages
        .filter((m) => m.conversation_id === conversation.id)
        .map((m) => normalise(m, stamps('coach_messages')));
    }

    const organizedEvents = (
      await jsonRows(tx, 'SELECT to_jsonb(e) AS row FROM events e WHERE e.organizer_id = $1::uuid ORDER BY e.date, e.time, e.id', userId)
    ).map((r) => normalise(r, stamps('events')));

    return { exportedAt, userId, user: normalise(user, stamps('users')), tables, organizedEvents };
  });
}

/**
 * Removes the person and every row that names them, in one transaction that checks
 * its own work: if any table still names them afterwards, it throws and nothing is
 * deleted.
 */
export async function deleteUserData(deps: CoreDeps, userId: string): Promise<DeletionSummary> {
  if (!UUID.test(userId)) throw notFound();
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    // Locked first: a concurrent insert naming them waits on its foreign key check, then fails.
    const [user] = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!user) throw notFound();

    const columns = await personColumns(tx);
    const owned = columns.filter((c) => c.column === 'user_id');
    const removed: Record<string, number> = {};
    if (owned.length > 0) {
      const counts = await tx.$queryRawUnsafe<Array<{ table: string; n: number }>>(
        owned.map((c) => `SELECT '${c.table.replace(/'/g, "''")}' AS "table", count(*)::int AS n FROM ${ident(c.table)} t WHERE ${matches('t', c)}`).join(' UNION ALL '),
        userId,
      );
      for (const { table, n } of counts) removed[table] = n;
    }
    const [messages] = await tx.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM coach_messages m JOIN coach_conversations c ON c.id = m.conversation_id WHERE c.user_id = ${userId}::uuid`;
    removed.coach_messages = messages?.n ?? 0;

    // The events stay for the people going; the seed unlinks the organizer, and their name goes too.
    const eventsUnlinked = await tx.$executeRaw`
      UPDATE events SET organizer_id = NULL, organizer_name = NULL, updated_at = ${now}
       WHERE organizer_id = ${userId}::uuid`;

    // Rows the cascade from users does not reach (a table without that foreign key).
    for (const c of owned.filter((o) => !o.cascades)) {
      await tx.$executeRawUnsafe(`DELETE FROM ${ident(c.table)} t WHERE ${matches('t', c)}`, userId);
    }
    removed.users = await tx.$executeRaw`DELETE FROM users WHERE id = ${userId}::uuid`;

    const left = await tx.$queryRawUnsafe<Array<{ place: string; n: number }>>(
      [
        `SELECT 'users.id' AS place, count(*)::int AS n FROM users WHERE id = $1::uuid`,
        ...columns.map(
          (c) =>
            `SELECT '${`${c.table}.${c.column}`.replace(/'/g, "''")}' AS place, count(*)::int AS n FROM ${ident(c.table)} t WHERE ${matches('t', c)}`,
        ),
      ].join(' UNION ALL '),
      userId,
    );
    const remaining = left.filter((r) => r.n > 0);
    if (remaining.length > 0) {
      throw new Error(`deleteUserData: rows still name the user after deletion (${remaining.map((r) => `${r.place}: ${r.n}`).join(', ')}); rolled back`);
    }
    return { userId, removed, eventsUnlinked };
  });
}
