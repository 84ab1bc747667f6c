import { main, reportFailure } from './program.js';
import { processIO } from './io.js';
import { discardUnfinished } from '../reports/output-dir.js';
import { oneLine } from '../errors.js';

/** The CLI as a process: signals, broken pipes and stray errors handled, then the program run on argv. */
export async function start(): Promise<void> {
  // An interrupted run leaves no half-written result: its temporary directory goes, and the exit
  // code is the shell's for the signal (128 + 2, 128 + 15). Worker threads end with the process.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      const { completed } = discardUnfinished();
      // A result finished before the signal stays, whole, and is named; anything unfinished is gone.
      const kept = completed.length > 0 ? `${completed.map((c) => oneLine(c)).join(', ')} had been written whole and stays; ` : '';
      process.stderr.write(`\nmatchsim: interrupted (${signal}); ${kept}nothing half-written is left\n`);
      process.exit(code);
    });
  }

  // A reader that stops reading (matchsim ... | head) is not a failure: the run still finishes and writes its files.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });

  // Whatever escapes (an error event of a stream or a thread) still ends in one line, with nothing half-written.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error: unknown) => {
      discardUnfinished();
      process.exit(reportFailure(error, processIO));
    });
  }

  process.exitCode = await main(process.argv.slice(2));
}
