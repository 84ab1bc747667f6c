import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Builds a result directory atomically: `build` writes into a fresh temporary
 * directory beside `target`, which replaces `target` only once `build` has
 * returned. If `build` throws, the temporary directory is removed and `target`
 * is left as it was.
 */
export function writeDirectoryAtomically<T>(target: string, build: (dir: string) => T): T {
  const absolute = resolve(target);
  const parent = dirname(absolute);
  mkdirSync(parent, { recursive: true });
  const temp = mkdtempSync(join(parent, `.${basename(absolute)}.tmp-`));
  try {
    const result = build(temp);
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
  }
}
