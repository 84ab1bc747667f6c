import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Builds a result directory atomically: `build` writes into a fresh temporary
 * directory beside `target`, which replaces `target` only once `build` has
 * finished. If `build` fails, the temporary directory is removed and `target`
 * is left as it was.
 */
export async function writeDirectoryAtomically<T>(target: string, build: (dir: string) => Promise<T>): Promise<T> {
  const absolute = resolve(target);
  const parent = dirname(absolute);
  mkdirSync(parent, { recursive: true });
  const temp = mkdtempSync(join(parent, `.${basename(absolute)}.tmp-`));
  unfinished.add(temp);
  try {
    chmodSync(temp, 0o755); // mkdtemp makes it private; a result directory is an ordinary one
    const result = await build(temp);
    if (existsSync(absolute)) {
      const old = mkdtempSync(join(parent, `.${basename(absolute)}.old-`));
      renameSync(absolute, join(old, 'previous'));
      renameSync(temp, absolute);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(temp, absolute);
    }
    return result;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  } finally {
    unfinished.delete(temp);
  }
}

/** Temporary directories of results still being written, in this thread. */
const unfinished = new Set<string>();

/**
 * Removes every result directory still being written: for a process that is
 * interrupted (SIGINT, SIGTERM) and must leave nothing half-written behind.
 * Each is first renamed aside, so that it vanishes from its place at once.
 */
export function discardUnfinished(): void {
  for (const temp of unfinished) {
    const aside = `${temp}.discarded`;
    try {
      renameSync(temp, aside);
      rmSync(aside, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  unfinished.clear();
}

/** Writes a file whole or not at all (a report, a baseline): to a temporary name beside it, then renamed. */
export function writeFileAtomically(file: string, text: string): void {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  unfinished.add(temporary);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    unfinished.delete(temporary);
  }
}
