/**
 * Option builders: each returns the zod schema and the Discord metadata from the
 * same numbers, so limits are written once and match the services' column limits.
 */
import { z } from 'zod';
import type { AutocompleteKind, OptionDef } from './define.ts';

interface Common<R extends boolean> {
  readonly description: string;
  readonly required?: R;
}

/** The handler sees `T` for a required option and `T | undefined` for an optional one. */
type Option<T, R extends boolean> = OptionDef<z.ZodType<R extends true ? T : T | undefined>>;

function finish<T, R extends boolean>(schema: z.ZodType<T>, def: Omit<OptionDef, 'schema' | 'required'>, required: R | undefined): Option<T, R> {
  const schemaFor = required ? schema : schema.optional();
  return { ...def, required: required === true, schema: schemaFor as z.ZodType<R extends true ? T : T | undefined> };
}

/** Free text, trimmed; an empty value counts as not given. */
export function text<R extends boolean = false>(o: Common<R> & { maxLength: number; minLength?: number; autocomplete?: AutocompleteKind }): Option<string, R> {
  const minLength = o.minLength ?? 1;
  const schema = z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'is required' })
      .min(minLength, `write at least ${minLength} character${minLength === 1 ? '' : 's'}`)
      .max(o.maxLength, `write at most ${o.maxLength.toLocaleString('en-US')} characters`),
  );
  return finish(schema, { description: o.description, kind: 'string', minLength, maxLength: o.maxLength, autocomplete: o.autocomplete }, o.required);
}

/** A whole number in [min, max]; text like "7" is accepted. */
export function integer<R extends boolean = false>(o: Common<R> & { min: number; max: number }): Option<number, R> {
  const message = `use a whole number from ${o.min} to ${o.max}`;
  const schema = z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: message }).int(message).min(o.min, message).max(o.max, message),
  );
  return finish(schema, { description: o.description, kind: 'integer', min: o.min, max: o.max }, o.required);
}

/** A number in [min, max] with at most one decimal place. */
export function decimal<R extends boolean = false>(o: Common<R> & { min: number; max: number }): Option<number, R> {
  const message = `use a number from ${o.min} to ${o.max}`;
  const schema = z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v),
    z.number({ error: message }).min(o.min, message).max(o.max, message),
  );
  return finish(schema, { description: o.description, kind: 'number', min: o.min, max: o.max }, o.required);
}

/** One of a fixed list (shown as choices on Discord). */
export function choice<const T extends readonly [string, ...string[]], R extends boolean = false>(o: Common<R> & { values: T }): Option<T[number], R> {
  const message = `choose one of ${o.values.join(', ')}`;
  const schema = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/[\s-]+/g, '_') : v), z.enum(o.values, { error: message }));
  return finish(schema, { description: o.description, kind: 'string', choices: o.values }, o.required);
}

const TRUE = new Set(['true', 'yes', 'on', '1', 'y']);
const FALSE = new Set(['false', 'no', 'off', '0', 'n']);

/** On or off; text accepts on/off, yes/no, true/false. */
export function flag<R extends boolean = false>(o: Common<R>): Option<boolean, R> {
  const schema = z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    const word = v.trim().toLowerCase();
    return TRUE.has(word) ? true : FALSE.has(word) ? false : v;
  }, z.boolean({ error: 'use on or off' }));
  return finish(schema, { description: o.description, kind: 'boolean' }, o.required);
}
