/**
 * A reason the companion cannot start that the operator can fix: configuration,
 * a changed migration, a data directory in use, a taken port. `message` is one
 * line that says what is wrong and what to do; entry points print it as it is.
 */
export class StartupError extends Error {
  override readonly name: string = 'StartupError';
}
