/**
 * An expected problem a person can act on (a bad option, something not found, a
 * full event). Shown to them privately as `message`; never logged as a failure.
 * `code` is stable: adapters and tests match on it, never on the text.
 */
export type UserErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'invalid_transition'
  | 'event_full'
  | 'not_allowed'
  | 'too_early'
  | 'conflict'
  | 'limit_reached';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}
