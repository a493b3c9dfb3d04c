/**
 * prisma/schema.prisma describes the migrated database: every scalar field maps to
 * an existing column of a compatible type and nullability, and every column of
 * every table and view has a field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, freshDatabase, sql, type TestDatabase } from './helpers/databases.ts';

interface Field {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType: string | undefined;
}
interface Block {
  kind: 'model' | 'view';
  name: string;
  relation: string;
  fields: Field[];
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Boolean', 'Decimal', 'DateTime', 'Json', 'Float', 'Bytes']);

function parseSchema(text: string): Block[] {
  const blocks: Block[] = [];
  for (const match of text.matchAll(/^(model|view) (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const [, kind, name, body] = match;
    const relation = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const fields: Field[] = [];
    for (const line of body!.split('\n')) {
      const m = /^\s+(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!m || !SCALARS.has(m[2]!)) continue;
      const attrs = m[5]!;
      fields.push({
        name: m[1]!,
        column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? m[1]!,
        type: m[2]!,
        list: Boolean(m[3]),
        optional: Boolean(m[4]),
        nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(attrs)?.[1],
      });
    }
    blocks.push({ kind: kind as Block['kind'], name: name!, relation, fields });
  }
  return blocks;
}

/** The Postgres type a Prisma field stands for, as format_type() prints it (precision and length left to `nativeType`). */
function expectedType(field: Field): string {
  const native = field.nativeType?.replace(/\(.*\)$/, '');
  const base: Record<string, string> = {
    Uuid: 'uuid',
    VarChar: 'character varying',
    Decimal: 'numeric',
    Timestamptz: 'timestamp with time zone',
    Date: 'date',
    Time: 'time without time zone',
  };
  const byType: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    Decimal: 'numeric',
    DateTime: 'timestamp without time zone',
    Json: 'jsonb',
  };
  const type = (native && base[native]) ?? byType[field.type]!;
  const args = /\((.*)\)$/.exec(field.nativeType ?? '')?.[1];
  const withArgs = args && native !== 'Timestamptz' && native !== 'Time' ? `${type}(${args.replace(/\s/g, '')})` : type;
  return field.list ? `${withArgs}[]` : withArgs;
}

const BLOCKS = parseSchema(readFileSync(fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url)), 'utf8'));

describe.each(DB_KINDS)('Prisma models against the migrated database on %s', (kind) => {
  let t: TestDatabase;
  let columns: Map<string, { type: string; notNull: boolean }>;
  let relations: Array<{ name: string; kind: string }>;

  beforeAll(async () => {
    t = await freshDatabase(kind);
    const rows = await sql<{ rel: string; col: string; type: string; not_null: boolean }>(
      t.db,
      `SELECT c.relname AS rel, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
        WHERE c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped`,
    );
    columns = new Map(rows.map((r) => [`${r.rel}.${r.col}`, { type: r.type, notNull: r.not_null }]));
    relations = await sql<{ name: string; kind: string }>(
      t.db,
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND c.relname <> '_prisma_migrations'`,
    );
  });
  afterAll(async () => t.dispose());

  it('parses a model for each of the 15 seed tables and both views', () => {
    expect(BLOCKS.filter((b) => b.kind === 'model' && !b.relation.startsWith('companion_'))).toHaveLength(15);
    expect(BLOCKS.filter((b) => b.kind === 'view').map((b) => b.relation).sort()).toEqual(['user_dashboard_summary', 'weekly_progress']);
  });

  it('maps every field to an existing column of the same type', () => {
    const problems = BLOCKS.flatMap((block) =>
      block.fields.flatMap((field) => {
        const column = columns.get(`${block.relation}.${field.column}`);
        if (!column) return [`${block.name}.${field.name}: no column ${block.relation}.${field.column}`];
        const expected = expectedType(field);
        return column.type === expected ? [] : [`${block.name}.${field.name}: ${column.type}, model says ${expected}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('marks a table field optional exactly when its column allows NULL', () => {
    const problems = BLOCKS.filter((b) => b.kind === 'model').flatMap((block) =>
      block.fields
        // A Prisma list cannot be optional; the seed's array columns are nullable and read as [] or null.
        .filter((field) => !field.list)
        .filter((field) => field.optional === columns.get(`${block.relation}.${field.column}`)!.notNull)
        .map((field) => `${block.name}.${field.name}`),
    );
    expect(problems).toEqual([]);
  });

  it('has a model for every table and view and a field for every column', () => {
    const byRelation = new Map(BLOCKS.map((b) => [b.relation, b]));
    expect(relations.filter((r) => !byRelation.has(r.name)).map((r) => r.name)).toEqual([]);
    const unmapped = [...columns.keys()].filter((key) => {
      const [relation, column] = key.split('.') as [string, string];
      const block = byRelation.get(relation);
      return block !== undefined && !block.fields.some((f) => f.column === column);
    });
    expect(unmapped).toEqual([]);
  });
});
