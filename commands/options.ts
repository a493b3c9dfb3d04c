/**
 * Option builders: each returns the zod schema and the Discord metadata from the
 * same numbers, so limits are written once and match the services' column limits.
 */
import { z } from 'zod';
import type { AutocompleteKind, OptionDef } from './define.ts';

interface Common {
  readonly description: string;
  readonly required?: boolean;
}

function finish<S extends z.ZodType>(schema: S, def: Omit<OptionDef, 'schema' | 'required'>, required: boolean): OptionDef {
  return { ...def, required, schema: required ? schema : schema.optional() };
}

/** Free text, trimmed; an empty value counts as not given. */
export function text(o: Common & { maxLength: number; minLength?: number; autocomplete?: AutocompleteKind }): OptionDef {
  const minLength = o.minLength ?? 1;
  const schema = z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'is required' })
      .min(minLength, `write at least ${minLength} character${minLength === 1 ? '' : 's'}`)
      .max(o.maxLength, `write at most ${o.maxLength.toLocaleString('en-US')} characters`),
  );
  return finish(schema, { description: o.description, kind: 'string', minLength, maxLength: o.maxLength, autocomplete: o.autocomplete }, o.required ?? false);
}

/** A whole number in [min, max]; text like "7" is accepted. */
export function integer(o: Common & { min: number; max: number }): OptionDef {
  const message = `use a whole number from ${o.min} to ${o.max}`;
  const schema = z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: message }).int(message).min(o.min, message).max(o.max, message),
  );
  return finish(schema, { description: o.description, kind: 'integer', min: o.min, max: o.max }, o.required ?? false);
}

/** A number in [min, max] with at most one decimal place. */
export function decimal(o: Common & { min: number; max: number }): OptionDef {
  const message = `use a number from ${o.min} to ${o.max}`;
  const schema = z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number({ error: message }).min(o.min, message).max(o.max, message),
  );
  return finish(schema, { description: o.description, kind: 'number', min: o.min, max: o.max }, o.required ?? false);
}

/** One of a fixed list (shown as choices on Discord). */
export function choice<const T extends readonly [string, ...string[]]>(o: Common & { values: T }): OptionDef {
  const message = `choose one of ${o.values.join(', ')}`;
  const schema = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/[\s-]+/g, '_') : v), z.enum(o.values, { error: message }));
  return finish(schema, { description: o.description, kind: 'string', choices: o.values }, o.required ?? false);
}

const TRUE = new Set(['true', 'yes', 'on', '1', 'y']);
const FALSE = new Set(['false', 'no', 'off', '0', 'n']);

/** On or off; text accepts on/off, yes/no, true/false. */
export function flag(o: Common): OptionDef {
  const schema = z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const word = v.trim().toLowerCase();
    return TRUE.has(word) ? true : FALSE.has(word) ? false : v;
  }, z.boolean({ error: 'use on or off' }));
  return finish(schema, { description: o.description, kind: 'boolean' }, o.required ?? false);
}
