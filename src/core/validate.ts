import type { z } from 'zod';
import { UserError } from './errors.ts';

/**
 * Validates service input at the boundary. A failure becomes one `invalid_input`
 * UserError naming the field and what is allowed, in words a person understands.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  throw new UserError('invalid_input', field ? `${field}: ${issue.message}` : issue.message);
}
