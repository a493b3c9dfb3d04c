/** The SQL blocks of the seed document (prisma/extrovertly-schema.md), the contract with the Extrovertly app. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEED_DOCUMENT = fileURLToPath(new URL('../../prisma/extrovertly-schema.md', import.meta.url));

export function seedSqlBlocks(): string[] {
  return [...readFileSync(SEED_DOCUMENT, 'utf8').matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The blocks that define the schema (tables, indexes, functions, triggers, views), in document order. */
export function seedSchemaSql(): string {
  return seedSqlBlocks()
    .filter((block) => /^\s*(--[^\n]*\n\s*)*CREATE /i.test(block))
    .join('\n');
}

/** The document's sample rows. */
export function seedSampleDataSql(): string {
  return seedSqlBlocks()
    .filter((block) => /\bINSERT INTO\b/i.test(block))
    .join('\n');
}
