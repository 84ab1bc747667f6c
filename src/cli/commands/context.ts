import type { CliIO } from '../io.js';

/** What every command is given: the process's streams, printing that keeps a file's text from reaching CI as a command, and the exit code to end with. */
export interface CommandContext {
  readonly io: CliIO;
  readonly print: (text: string) => void;
  readonly setExitCode: (code: number) => void;
}
