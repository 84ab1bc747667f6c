#!/usr/bin/env node
// The command as npm links it. In a fresh checkout nothing is built yet (the package has no prepare
// script, which npm flags on every install of it): the first run builds dist/ once, then starts.
// Installed from the registry or a tarball, dist/ is there and this only imports it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/bundle/matchsim.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(fileURLToPath(new URL('../src/cli/start.ts', import.meta.url)))) {
    process.stderr.write('matchsim: cannot start: dist/bundle/matchsim.js is missing from the installed package: reinstall it\n');
    process.exit(5);
  }
  process.stderr.write('matchsim: building dist/ (the first run in this checkout; npm run build does it too)\n');
  const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('matchsim: cannot start: the build failed (npm run build shows why)\n');
    process.exit(5);
  }
}
try {
  await import(bundle.href);
} catch (error) {
  // As bin/matchsim.ts: out of file descriptors (or memory), still one line and the environment's exit code.
  const code = error?.code;
  const why = code === 'EMFILE' || code === 'ENFILE' ? `too many open files (${code}): raise the limit (ulimit -n) or close some` : typeof code === 'string' ? code : 'its modules could not be loaded';
  process.stderr.write(`matchsim: cannot start: ${why}\n`);
  process.exit(typeof code === 'string' ? 4 : 5);
}
