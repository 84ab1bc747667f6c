import { Command, CommanderError } from 'commander';
import { EnvironmentError, isFsError, MatchsimError, oneLine } from '../errors.js';
import { ExitCode, processIO, type CliIO } from './io.js';
import { consoleSafe } from '../reports/console-text.js';
import { MATCHSIM_VERSION } from '../version.js';
import { registerRun } from './commands/run.js';
import { registerCheck } from './commands/check.js';
import { registerMerge } from './commands/merge.js';
import { registerInit } from './commands/init.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { registerTune } from './commands/tune.js';
import { registerCompare } from './commands/compare.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';

export function buildProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  // What a command prints from files goes through here: no line of it can start a CI workflow command (only the annotations of check do, as matchsim's own).
  const print = (text: string) => io.stdout(consoleSafe(text));
  const program = new Command('matchsim')
    .description('Deterministic matchmaking simulator: runs the real match-pool code against arrival streams and reports waits, score spread and throughput.')
    .version(MATCHSIM_VERSION)
    // Commander's own messages ("error: unknown option") carry matchsim's prefix, as every other failure does.
    // A usage error is one line, as every other failure is, with matchsim's prefix and the way to the help on it.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`matchsim: ${oneLine(text.trim().replace(/^error: /, ''))} (run matchsim --help for usage)\n`) })
    .exitOverride();

  const cli = { io, print, setExitCode };
  registerRun(program, cli);
  registerCheck(program, cli);
  registerMerge(program, cli);
  registerInit(program, cli);
  registerSchema(program, cli);
  registerValidate(program, cli);
  registerTune(program, cli);
  registerCompare(program, cli);
  registerImport(program, cli);
  registerExport(program, cli);

  return program;
}

/** Runs the CLI on `args` (without node and script) and returns the exit code. */
export async function main(args: readonly string[], io: CliIO = processIO): Promise<number> {
  let code: number = ExitCode.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version are not errors.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
    return reportFailure(error, io);
  }
}

/** Any failure as one line on stderr and its exit code; a stack only for a bug, and only with MATCHSIM_DEBUG=1. */
export function reportFailure(error: unknown, io: CliIO): number {
  const say = (text: string) => io.stderr(`matchsim: ${oneLine(text)}\n`);
  if (error instanceof MatchsimError) {
    say(error.message);
    if (error.code === 'E_CONSERVATION') return ExitCode.CONSERVATION;
    if (error.code === 'E_ENV') return ExitCode.ENVIRONMENT;
    if (error.code === 'E_INPUT' || error.code === 'E_MODULE') return ExitCode.BAD_INPUT;
    return ExitCode.INTERNAL;
  }
  if (isFsError(error)) {
    say(EnvironmentError.fromFs(error.syscall ?? 'use', error.path ?? '(a file)', error).message);
    return ExitCode.ENVIRONMENT;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`internal error: ${message.split('\n')[0]} (a bug in matchsim; MATCHSIM_DEBUG=1 shows where)`);
  if (io.env?.MATCHSIM_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(error.stack + '\n');
  return ExitCode.INTERNAL;
}
