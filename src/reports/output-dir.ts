import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
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
  }
}
