#!/usr/bin/env node
import { main } from '../src/cli/program.js';
import { discardUnfinished } from '../src/reports/output-dir.js';

// An interrupted run leaves no half-written result: its temporary directory goes, and the exit
// code is the shell's for the signal (128 + 2, 128 + 15). Worker threads end with the process.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    discardUnfinished();
    process.stderr.write(`\nmatchsim: interrupted (${signal}); nothing written\n`);
    process.exit(code);
  });
}

process.exitCode = await main(process.argv.slice(2));
