/**
 * Errors with a stable code. The CLI prints each as one line and maps it to
 * an exit code (src/cli/io.ts); a stack trace is shown only for a bug, and
 * only when MATCHSIM_DEBUG=1.
 */
export class MatchsimError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(oneLine(message));
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
    error.message = oneLine(message);
    return error;
  }
}

/**
 * The machine, not the input, failed: a file that cannot be written (a full
 * disk, no permission, a read-only mount, a name too long), or an output that
 * another matchsim is writing. Exit code 4.
 */
export class EnvironmentError extends MatchsimError {
  constructor(message: string) {
    super('E_ENV', message);
  }

  /** A file-system error as one line naming the path and the cause, e.g. "cannot write out/x.csv: no space left on device (ENOSPC)". */
  static fromFs(what: string, path: string, error: unknown): EnvironmentError {
    return new EnvironmentError(`cannot ${what} ${path}: ${fsCause(error)}`);
  }
}

/** Node's errno codes, as words a person reads. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists',
  ENOTEMPTY: 'directory not empty',
  EBUSY: 'resource busy',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ELOOP: 'too many symbolic links',
  EXDEV: 'cannot move across file systems',
};

/** An error from the file system, as Node makes one: declared here so that the published types need no @types/node. */
export interface FsError extends Error {
  readonly code: string;
  readonly syscall: string;
  readonly path?: string;
  readonly errno?: number;
}

/** True for an error from the file system (a Node errno error). */
export function isFsError(error: unknown): error is FsError {
  const e = error as Partial<FsError> | null;
  return error instanceof Error && typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}

/** The cause of a file-system error in words, with its code: "no space left on device (ENOSPC)". */
export function fsCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code in CAUSES) return `${CAUSES[code]} (${code})`;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A piece of a user's file quoted in a message: at most `max` characters,
 * control characters escaped, so that an error can neither dump a file (a
 * secret read through a path) nor break into several lines.
 */
export function excerpt(text: string, max = 32): string {
  const shown = text.length > max ? `${text.slice(0, max)}...` : text;
  return JSON.stringify(shown);
}

/** A message made one line: every control character (newlines included) escaped as \uXXXX. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
