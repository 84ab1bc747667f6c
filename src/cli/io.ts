/** Where the CLI writes: injected so that tests run the program in-process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress bars are drawn only on a terminal. */
  readonly stderrIsTTY?: boolean;
  /**
   * Run big single runs on a worker thread, keeping this thread free to
   * answer SIGINT and SIGTERM at once (the built CLI; tests run in-process).
   */
  readonly isolateRuns?: boolean;
  /** Milliseconds between the lines that say, off a terminal, that long work is alive (default 30 000; tests shorten it). */
  readonly heartbeatMs?: number;
  /** Environment variables the CLI reads (GITHUB_ACTIONS). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  isolateRuns: true,
};

/**
 * Exit codes: 0 success, 1 a failed check, 2 bad input (a file, a field, an
 * option, a matcher module that breaks its contract), 3 a run that broke
 * conservation, 4 the environment failed (a file that cannot be written or
 * read for a reason other than its content: a full disk, no permission, a
 * read-only mount; or an output another matchsim is writing), 5 a bug in
 * matchsim. Interrupted runs exit 130 (SIGINT) or 143 (SIGTERM).
 */
export const ExitCode = { OK: 0, CHECK_FAILED: 1, BAD_INPUT: 2, CONSERVATION: 3, ENVIRONMENT: 4, INTERNAL: 5 } as const;
