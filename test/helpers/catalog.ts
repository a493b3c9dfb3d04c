/**
 * A database's catalog as comparable strings: tables and views with their columns
 * (type, default, nullability, generation), constraints with their definitions,
 * indexes, triggers, views and functions. Everything in schema `public`.
 */
import type { Database } from '../../src/db/client.ts';
import { sql } from './databases.ts';

export interface CatalogSnapshot {
  relations: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
  triggers: string[];
  views: string[];
  functions: Map<string, string>;
}

export async function catalogSnapshot(db: Database): Promise<CatalogSnapshot> {
  const column = await sql<{ line: string }>(
    db,
    `SELECT c.relname || '.' || a.attname || ': ' || format_type(a.atttypid, a.atttypmod)
            || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
            || CASE WHEN a.attgenerated = 's' THEN ' generated as ' ELSE COALESCE(' default ', '') END
            || COALESCE(pg_get_expr(d.adbin, d.adrelid), '') AS line
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const lines = async (query: string) => (await sql<{ line: string }>(db, query)).map((r) => r.line).sort();
  return {
    relations: await lines(
      `SELECT c.relkind::text || ' ' || c.relname AS line FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v')`,
    ),
    columns: column.map((r) => r.line).sort(),
    constraints: await lines(
      `SELECT c.relname || ' ' || k.conname || ': ' || pg_get_constraintdef(k.oid) AS line
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'`,
    ),
    indexes: await lines(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public'`),
    triggers: await lines(
      `SELECT pg_get_triggerdef(t.oid) AS line FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' WHERE NOT t.tgisinternal`,
    ),
    views: await lines(
      `SELECT c.relname || ': ' || pg_get_viewdef(c.oid) AS line FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' WHERE c.relkind = 'v'`,
    ),
    functions: new Map(
      (
        await sql<{ name: string; src: string }>(
          db,
          `SELECT p.proname AS name, p.prosrc AS src FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'`,
        )
      ).map((r) => [r.name, r.src]),
    ),
  };
}
