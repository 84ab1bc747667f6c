#!/usr/bin/env node
// Nothing of matchsim's is loaded statically: loading the program opens files, and a process that
// is out of file descriptors (or memory) must still end in one line with the environment's exit code.
let start: () => Promise<void>;
try {
  ({ start } = await import('../src/cli/start.js'));
} catch (error) {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'EMFILE' || code === 'ENFILE' ? `too many open files (${code}): raise the limit (ulimit -n) or close some` : typeof code === 'string' ? code : 'its modules could not be loaded';
  process.stderr.write(`matchsim: cannot start: ${why}\n`);
  process.exit(typeof code === 'string' ? 4 : 5);
}
await start();
