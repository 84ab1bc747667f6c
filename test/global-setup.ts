import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: a change to any of these makes dist stale. */
const SOURCES = ['bin', 'src', 'bench', 'package.json', 'tsconfig.json', 'rolldown.config.mjs'];
/** What the build writes last. */
const BUILT = 'dist/bundle/matchsim.js';

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Tests that run the CLI in child processes run dist: build it first when it
 * is missing or older than its sources, so that `npx vitest run` on a fresh
 * clone neither fails nor tests stale code. (`npm test` builds anyway.)
 */
export default function setup(): void {
  let built = 0;
  try {
    built = statSync(BUILT).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (built >= Math.max(...SOURCES.map(newest))) return;
  process.stderr.write(`matchsim tests: ${built === 0 ? 'building' : 'rebuilding'} dist (npm run build)\n`);
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
