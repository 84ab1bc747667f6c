/**
 * Errors with a stable code. The CLI maps InputError to exit code 2 and prints
 * only its one-line message; anything else is a bug and keeps its stack.
 */
export class MatchsimError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input from the user: a file, a field, a command-line option. */
export class InputError extends MatchsimError {
  /** Further problems found in the same input, for tools that list them all (matchsim validate). */
  related: readonly InputError[] = [];

  constructor(
    /** Where the bad input came from: a file path or a command-line option. */
    readonly source: string,
    /** The field, line or option within the source, if any. */
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super('E_INPUT', field ? `${source}: ${field}: ${detail}` : `${source}: ${detail}`);
  }

  /** An InputError raised elsewhere (another thread), passed on with its own message. */
  static relayed(message: string): InputError {
    const error = new InputError(message, undefined, '');
    error.message = message;
    return error;
  }
}
