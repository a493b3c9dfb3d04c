/**
 * Conversations and messages in the seed's `coach_conversations` and
 * `coach_messages`. A person has at most one open conversation (ended_at null)
 * as far as the companion is concerned; message timestamps increase strictly
 * within a conversation, so their order is the order they were written even when
 * the clock stands still.
 */
import type { CoreDeps } from '../core/deps.ts';
import type { CoachMessageType } from './types.ts';

export interface OpenConversation {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  /** The newest message's time, or the creation time when it has none. */
  readonly lastActivityAt: Date;
}

export interface StoredMessage {
  readonly id: string;
  readonly content: string;
  readonly sender: 'user' | 'coach';
  readonly messageType: CoachMessageType;
  readonly timestamp: Date;
  readonly metadata: Record<string, unknown>;
}

export type Metadata = Record<string, unknown>;

/** The person's newest open conversation. */
export async function findOpenConversation(deps: CoreDeps, userId: string): Promise<OpenConversation | undefined> {
  const [row] = await deps.db.prisma.$queryRaw<Array<{ id: string; created_at: Date | null; last: Date | null }>>`
    SELECT c.id::text AS id, c.created_at, (SELECT max(m.timestamp) FROM coach_messages m WHERE m.conversation_id = c.id) AS last
      FROM coach_conversations c
     WHERE c.user_id = ${userId}::uuid AND c.ended_at IS NULL
     ORDER BY c.created_at DESC NULLS LAST, c.id DESC
     LIMIT 1`;
  if (!row) return undefined;
  const createdAt = row.created_at ?? new Date(0);
  return { id: row.id, userId, createdAt, lastActivityAt: row.last ?? createdAt };
}

export async function createConversation(deps: CoreDeps, userId: string): Promise<OpenConversation> {
  const now = deps.clock.now();
  const [row] = await deps.db.prisma.$queryRaw<Array<{ id: string }>>`
    INSERT INTO coach_conversations (user_id, created_at) VALUES (${userId}::uuid, ${now}) RETURNING id::text AS id`;
  return { id: row!.id, userId, createdAt: now, lastActivityAt: now };
}

/** Ends the conversation with its summary; false when it had already ended. */
export async function closeConversation(deps: CoreDeps, conversationId: string, summary: string): Promise<boolean> {
  const n = await deps.db.prisma.$executeRaw`
    UPDATE coach_conversations SET ended_at = ${deps.clock.now()}, session_summary = ${summary}
     WHERE id = ${conversationId}::uuid AND ended_at IS NULL`;
  return n > 0;
}

/** Appends a message; its timestamp is the clock's, or just after the conversation's newest message. */
export async function insertMessage(
  deps: CoreDeps,
  conversationId: string,
  message: { sender: 'user' | 'coach'; content: string; messageType: CoachMessageType; metadata: Metadata },
): Promise<{ id: string; timestamp: Date }> {
  const now = deps.clock.now();
  const [row] = await deps.db.prisma.$queryRaw<Array<{ id: string; timestamp: Date }>>`
    INSERT INTO coach_messages (conversation_id, content, sender, message_type, timestamp, metadata)
    SELECT ${conversationId}::uuid, ${message.content}, ${message.sender}, ${message.messageType},
           GREATEST(${now}::timestamptz, COALESCE(max(m.timestamp) + interval '1 millisecond', ${now}::timestamptz)),
           ${JSON.stringify(message.metadata)}::jsonb
      FROM coach_messages m WHERE m.conversation_id = ${conversationId}::uuid
    RETURNING id::text AS id, timestamp`;
  return row!;
}

/** The conversation's newest `limit` messages, oldest first. */
export async function conversationMessages(deps: CoreDeps, conversationId: string, limit = 60): Promise<StoredMessage[]> {
  const rows = await deps.db.prisma.$queryRaw<
    Array<{ id: string; content: string; sender: 'user' | 'coach'; message_type: string | null; timestamp: Date | null; metadata: unknown }>
  >`
    SELECT * FROM (
      SELECT m.id::text AS id, m.content, m.sender, m.message_type, m.timestamp, m.metadata
        FROM coach_messages m WHERE m.conversation_id = ${conversationId}::uuid
       ORDER BY m.timestamp DESC NULLS LAST, m.id DESC LIMIT ${limit}::int) recent
     ORDER BY timestamp NULLS FIRST, id`;
  return rows.map(storedMessage);
}

export interface DailyUsage {
  readonly messages: number;
  readonly tokens: number;
}

/** Messages the person sent and model tokens their turns used since `since`. */
export async function usageSince(deps: CoreDeps, userId: string, since: Date): Promise<DailyUsage> {
  const [row] = await deps.db.prisma.$queryRaw<Array<{ messages: number; tokens: number }>>`
    SELECT count(*) FILTER (WHERE m.sender = 'user')::int AS messages,
           coalesce(sum(CASE WHEN jsonb_typeof(m.metadata->'usage'->'total_tokens') = 'number'
                             THEN (m.metadata->'usage'->>'total_tokens')::numeric ELSE 0 END), 0)::int AS tokens
      FROM coach_messages m JOIN coach_conversations c ON c.id = m.conversation_id
     WHERE c.user_id = ${userId}::uuid AND m.timestamp >= ${since}`;
  return { messages: row?.messages ?? 0, tokens: row?.tokens ?? 0 };
}

/** Open conversations whose newest activity is at or before `before`. */
export async function idleConversations(deps: CoreDeps, before: Date, limit = 500): Promise<OpenConversation[]> {
  const rows = await deps.db.prisma.$queryRaw<Array<{ id: string; user_id: string; created_at: Date | null; last: Date | null }>>`
    SELECT c.id::text AS id, c.user_id::text AS user_id, c.created_at, l.last
      FROM coach_conversations c
      LEFT JOIN LATERAL (SELECT max(m.timestamp) AS last FROM coach_messages m WHERE m.conversation_id = c.id) l ON true
     WHERE c.ended_at IS NULL AND c.user_id IS NOT NULL AND COALESCE(l.last, c.created_at) <= ${before}
     ORDER BY COALESCE(l.last, c.created_at)
     LIMIT ${limit}::int`;
  return rows.map((r) => {
    const createdAt = r.created_at ?? new Date(0);
    return { id: r.id, userId: r.user_id, createdAt, lastActivityAt: r.last ?? createdAt };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Merges `patch` into a coach message's metadata when the message is that person's. */
export async function mergeCoachMessageMetadata(deps: CoreDeps, userId: string, messageId: string, patch: Metadata): Promise<boolean> {
  if (!UUID.test(messageId) || !UUID.test(userId)) return false;
  const n = await deps.db.prisma.$executeRaw`
    UPDATE coach_messages m SET metadata = COALESCE(m.metadata, '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb
      FROM coach_conversations c
     WHERE m.id = ${messageId}::uuid AND m.sender = 'coach' AND c.id = m.conversation_id AND c.user_id = ${userId}::uuid`;
  return n > 0;
}

export interface TurnState {
  /** The person's newest open conversation, if any. */
  readonly open: OpenConversation | undefined;
  /** Its newest `limit` messages, oldest first (empty without one). */
  readonly messages: StoredMessage[];
  /** Messages sent and tokens used since `since` (the daily caps). */
  readonly usage: DailyUsage;
}

/**
 * What a turn needs before it can decide anything, in one round trip: the open
 * conversation, its recent messages and the day's usage. (The time to the first
 * visible text is what people feel; three statements in a row were three waits.)
 */
export async function turnState(deps: CoreDeps, userId: string, since: Date, limit = 60): Promise<TurnState> {
  const [row] = await deps.db.prisma.$queryRaw<
    Array<{ id: string | null; created_at: Date | null; last: Date | null; messages: RawMessage[] | null; used_messages: number; used_tokens: number }>
  >`
    WITH open AS (
      SELECT c.id, c.created_at FROM coach_conversations c
       WHERE c.user_id = ${userId}::uuid AND c.ended_at IS NULL
       ORDER BY c.created_at DESC NULLS LAST, c.id DESC LIMIT 1),
    usage AS (
      SELECT count(*) FILTER (WHERE m.sender = 'user')::int AS used_messages,
             coalesce(sum(CASE WHEN jsonb_typeof(m.metadata->'usage'->'total_tokens') = 'number'
                               THEN (m.metadata->'usage'->>'total_tokens')::numeric ELSE 0 END), 0)::int AS used_tokens
        FROM coach_messages m JOIN coach_conversations c ON c.id = m.conversation_id
       WHERE c.user_id = ${userId}::uuid AND m.timestamp >= ${since})
    SELECT o.id::text AS id, o.created_at,
           (SELECT max(m.timestamp) FROM coach_messages m WHERE m.conversation_id = o.id) AS last,
           (SELECT coalesce(jsonb_agg(r ORDER BY r.timestamp NULLS FIRST, r.id), '[]'::jsonb) FROM (
              SELECT m.id::text AS id, m.content, m.sender, m.message_type, m.timestamp, m.metadata
                FROM coach_messages m WHERE m.conversation_id = o.id
               ORDER BY m.timestamp DESC NULLS LAST, m.id DESC LIMIT ${limit}::int) r) AS messages,
           u.used_messages, u.used_tokens
      FROM usage u LEFT JOIN open o ON true`;
  const usage = { messages: row?.used_messages ?? 0, tokens: row?.used_tokens ?? 0 };
  if (!row?.id) return { open: undefined, messages: [], usage };
  const createdAt = row.created_at ?? new Date(0);
  return {
    open: { id: row.id, userId, createdAt, lastActivityAt: row.last ?? createdAt },
    messages: (row.messages ?? []).map((r) => storedMessage({ ...r, timestamp: r.timestamp === null ? null : new Date(r.timestamp) })),
    usage,
  };
}

interface RawMessage {
  id: string;
  content: string;
  sender: 'user' | 'coach';
  message_type: string | null;
  timestamp: Date | string | null;
  metadata: unknown;
}

function storedMessage(r: RawMessage & { timestamp: Date | null }): StoredMessage {
  return {
    id: r.id,
    content: r.content,
    sender: r.sender,
    messageType: (r.message_type ?? 'text') as CoachMessageType,
    timestamp: r.timestamp ?? new Date(0),
    metadata: r.metadata && typeof r.metadata === 'object' && !Array.isArray(r.metadata) ? (r.metadata as Metadata) : {},
  };
}
