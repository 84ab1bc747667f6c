import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import { EnvironmentError, excerpt, InputError, isFsError } from '../errors.js';
import { readHead, readText, realPathOr } from '../scenarios/read-text.js';

/**
 * Every result directory matchsim writes holds this file: the names it wrote
 * at the top level. A directory is replaced only when it is absent, empty, or
 * holds this marker and nothing beyond the names it lists.
 */
export const RESULT_MARKER = '.matchsim-result';

interface Marker {
  readonly matchsim: 'result';
  readonly entries: readonly string[];
}

/**
 * Builds a result directory atomically: `build` writes into a fresh temporary
 * directory beside `target`, which replaces `target` only once `build` has
 * finished. Before any work, the target is checked (see RESULT_MARKER) and
 * locked against another matchsim writing it; leftovers of killed runs into
 * the same target are removed. If `build` fails, the temporary directory is
 * removed and `target` is left as it was. A file-system failure is an
 * EnvironmentError naming the path and the cause.
 */
export async function writeDirectoryAtomically<T>(target: string, build: (dir: string) => Promise<T>): Promise<T> {
  const absolute = resolve(target);
  const parent = dirname(absolute);
  // The temporary, old and lock names beside the target are made from it (see sideName).
  const name = sideName(basename(absolute));
  if (absolute === parse(absolute).root) throw new InputError(target, undefined, 'is the root directory: choose a directory of its own for the results');
  const cwd = process.cwd();
  const real = realPathOr(absolute);
  if ([absolute, real].some((path) => cwd === path || cwd.startsWith(path + sep))) {
    throw new InputError(target, undefined, 'is the current directory or holds it: choose a directory of its own for the results');
  }
  onFs('create', parent, () => prepareParent(parent, target));
  const lock = acquireLock(parent, name, target);
  let temp: string | undefined;
  try {
    removeLeftovers(parent, name);
    checkReplaceable(absolute, target);
    temp = onFs('create', parent, () => mkdtempSync(join(parent, `.${name}.tmp-${process.pid}-`)));
    unfinished.add(temp);
    const dir = temp;
    chmodSync(dir, 0o755); // mkdtemp makes it private; a result directory is an ordinary one
    const result = await inTemporary(dir, absolute, async () => {
      const value = await build(dir);
      const marker: Marker = { matchsim: 'result', entries: readdirSync(dir).sort() };
      writeFileSync(join(dir, RESULT_MARKER), JSON.stringify(marker) + '\n');
      return value;
    });
    // Checked again: the directory may have changed while the run was running.
    checkReplaceable(absolute, target);
    onFs('replace', absolute, () => {
      if (exists(absolute)) {
        const old = mkdtempSync(join(parent, `.${name}.old-${process.pid}-`));
        const previous = join(old, 'previous');
        renameSync(absolute, previous);
        try {
          renameSync(dir, absolute);
        } catch (error) {
          // The new result could not take its place: the previous one goes back.
          renameSync(previous, absolute);
          rmSync(old, { recursive: true, force: true });
          throw error;
        }
        rmSync(old, { recursive: true, force: true });
      } else {
        renameSync(dir, absolute);
      }
    });
    unfinished.delete(dir);
    completed.push(target);
    return result;
  } catch (error) {
    if (temp !== undefined) {
      rmSync(temp, { recursive: true, force: true });
      unfinished.delete(temp);
    }
    throw error;
  } finally {
    releaseLock(lock);
  }
}

/** Runs a step on the file system, turning its failure into one line that names `path` and the cause. */
/** The most bytes matchsim adds to a target's name for the names beside it: ".", ".tmp-", a process id, "-XXXXXX", ".discarded". */
const SIDE_SUFFIX_BYTES = 30;
/** The longest name a file system takes (NAME_MAX on Linux and macOS). */
const NAME_MAX = 255;

/**
 * The name the temporary, old and lock entries beside a target are made
 * from: the target's own, or, where those would pass the file system's limit
 * on a name, a shortened one that a hash of the whole keeps apart from every
 * other: a name valid for mkdir is valid for -o.
 */
export function sideName(name: string): string {
  if (Buffer.byteLength(name) + SIDE_SUFFIX_BYTES <= NAME_MAX) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let kept = '';
  for (const c of name) {
    if (Buffer.byteLength(kept + c) > NAME_MAX - SIDE_SUFFIX_BYTES - 9) break;
    kept += c;
  }
  return `${kept}~${hash}`;
}

function onFs<T>(what: string, path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (isFsError(error)) throw EnvironmentError.fromFs(what, path, error);
    throw error;
  }
}

/** Runs the build, naming a file-system failure by the path it will have in the result (not the temporary one). */
async function inTemporary<T>(temp: string, absolute: string, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (!isFsError(error)) throw error;
    const path = error.path !== undefined && (error.path === temp || error.path.startsWith(temp + sep)) ? join(absolute, relative(temp, error.path)) : absolute;
    throw EnvironmentError.fromFs('write', path, error);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes the folder of an output, as mkdir -p does. */
function prepareParent(parent: string, target: string): void {
  let stat;
  try {
    stat = statSync(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(parent, { recursive: true });
    return;
  }
  if (!stat.isDirectory()) throw new EnvironmentError(`cannot write ${target}: ${parent} is not a directory`);
}

/** Refuses a target that matchsim may not replace: anything but nothing, an empty directory, or its own result. */
function checkReplaceable(absolute: string, target: string): void {
  let stat;
  try {
    stat = lstatSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw EnvironmentError.fromFs('inspect', target, error);
  }
  const refuse = (what: string) => new InputError(target, undefined, `${what}; matchsim replaces only an empty directory or a result it wrote: choose another -o`);
  if (stat.isSymbolicLink()) throw refuse('is a symbolic link');
  if (!stat.isDirectory()) throw refuse(stat.isFile() ? 'is a file, not a result directory' : 'is not a directory');
  const entries = onFs('read', target, () => readdirSync(absolute)).sort();
  if (entries.length === 0) return;
  const marker = readMarker(join(absolute, RESULT_MARKER));
  if (marker === undefined) {
    if (entries.includes('summary.json') || entries.includes('sweep.json')) {
      throw refuse('looks like a result of an older matchsim, which left no .matchsim-result marker (remove it yourself if it is)');
    }
    throw refuse(`holds ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} matchsim did not write (${excerpt(entries[0])}${entries.length > 1 ? ', ...' : ''})`);
  }
  const foreign = entries.filter((e) => e !== RESULT_MARKER && !marker.entries.includes(e));
  if (foreign.length > 0) throw refuse(`is a matchsim result, but also holds ${excerpt(foreign[0])}, which matchsim did not write`);
}

function readMarker(file: string): Marker | undefined {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > 1 << 20) return undefined;
    const data = JSON.parse(readText(file, 'result marker', 1 << 20)) as Partial<Marker> | null;
    if (data?.matchsim !== 'result' || !Array.isArray(data.entries) || !data.entries.every((e) => typeof e === 'string')) return undefined;
    return data as Marker;
  } catch {
    return undefined;
  }
}

const LOCK_PREFIX = 'matchsim lock ';

interface Lock {
  readonly file: string;
}

/** Temporary directories of results still being written, in this thread. */
const unfinished = new Set<string>();
/** Locks this thread holds. */
const held = new Set<string>();
/** Results this thread has put in place, whole: what an interruption afterwards leaves, and says it leaves. */
const completed: string[] = [];

/**
 * Takes `.NAME.lock` beside the target, created exclusively: a second
 * matchsim writing the same target at once stops with one line. A lock left
 * by a process that no longer runs is taken over.
 */
function acquireLock(parent: string, name: string, target: string): Lock {
  const file = join(parent, `.${name}.lock`);
  // Written whole under a name of our own, then linked into place: a lock is never seen empty, and link fails if one is there.
  const mine = `${file}.${process.pid}`;
  try {
    // Inside the try: a write that fails (a full disk) may have made the file, and it goes too.
    onFs('write', target, () => writeFileSync(mine, `${LOCK_PREFIX}${process.pid}\n`));
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        held.add(file);
        return { file };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw EnvironmentError.fromFs('write', target, error);
      }
      const owner = lockOwner(file);
      if (owner === undefined) continue; // released meanwhile: try again
      if (owner === 'foreign') throw new InputError(target, undefined, `cannot be locked: ${file} exists and was not made by matchsim; remove it if nothing is writing there`);
      if (isRunning(owner)) {
        throw new EnvironmentError(`${target} is being written by another matchsim (process ${owner}): wait for it to finish, or choose another -o (if no matchsim runs, remove ${file})`);
      }
      // Stale: moved aside under a name of our own first, so that of two runs taking it over only one succeeds.
      const aside = `${file}.stale-${process.pid}`;
      try {
        renameSync(file, aside);
        const moved = lockOwner(aside);
        // Another run took the stale lock over between our read and our rename: give its lock back.
        if (moved !== owner && typeof moved === 'number' && isRunning(moved)) linkSync(aside, file);
        rmSync(aside, { force: true });
      } catch {
        // Another run took it over first; the next attempt sees its lock.
      }
    }
    throw new EnvironmentError(`${target} is being written by another matchsim: wait for it to finish, or choose another -o`);
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The process that holds a lock file, 'foreign' when the file is not a matchsim lock, undefined when it is gone. */
function lockOwner(file: string): number | 'foreign' | undefined {
  let text: string;
  try {
    if (!lstatSync(file).isFile()) return 'foreign';
    text = readText(file, 'lock', 4096);
  } catch {
    return undefined;
  }
  const m = new RegExp(`^${LOCK_PREFIX}(\\d+)\\n$`).exec(text);
  return m ? Number(m[1]) : 'foreign';
}

function isRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseLock(lock: Lock): void {
  held.delete(lock.file);
  rmSync(lock.file, { force: true });
}

/**
 * Removes what killed runs into the same target left beside it: temporary
 * and old directories named `.NAME.tmp-PID-XXXXXX` or `.NAME.old-PID-XXXXXX`,
 * and lock files `.NAME.lock.PID`, whose process no longer runs. Nothing else
 * is touched.
 */
function removeLeftovers(parent: string, name: string): void {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const directories = new RegExp(`^\\.${escaped}\\.(?:tmp|old)-(\\d+)-[A-Za-z0-9]{6}(?:\\.discarded)?$`);
  // A lock being written (.NAME.lock.PID) or taken over (.NAME.lock.stale-PID) by a process that was killed there.
  const lockFiles = new RegExp(`^\\.${escaped}\\.lock\\.(?:stale-)?(\\d+)$`);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    const directory = directories.exec(entry);
    const lock = directory === null ? lockFiles.exec(entry) : null;
    const match = directory ?? lock;
    if (match === null || Number(match[1]) === process.pid || isRunning(Number(match[1]))) continue;
    const path = join(parent, entry);
    try {
      // Each only as matchsim makes it: a directory, or a regular file.
      const stat = lstatSync(path);
      if (directory !== null ? stat.isDirectory() : stat.isFile()) rmSync(path, { recursive: true, force: true });
    } catch {
      // Left for a later run: a leftover that cannot be removed does not stop this one.
    }
  }
}

/**
 * Removes every result directory still being written, and releases the
 * locks: for a process that is interrupted (SIGINT, SIGTERM) and must leave
 * nothing half-written behind. Each is first renamed aside, so that it
 * vanishes from its place at once.
 */
export function discardUnfinished(): { readonly completed: readonly string[] } {
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
  for (const file of held) rmSync(file, { force: true });
  held.clear();
  return { completed: [...completed] };
}

/**
 * Writes a file whole or not at all (a report, a baseline): to a temporary
 * name beside it, then renamed. An existing file is replaced only when
 * `mayReplace` recognises it as matchsim's (by its first bytes).
 */
export function writeFileAtomically(file: string, text: string, mayReplace: (head: string) => boolean): void {
  const absolute = resolve(file);
  checkFileReplaceable(file, mayReplace);
  const parent = dirname(absolute);
  onFs('create', parent, () => prepareParent(parent, file));
  const temporary = join(parent, `.${sideName(basename(absolute))}.tmp-${process.pid}`);
  unfinished.add(temporary);
  try {
    onFs('write', file, () => {
      writeFileSync(temporary, text, { flag: 'wx' });
      renameSync(temporary, absolute);
    });
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    unfinished.delete(temporary);
  }
}

/** Refuses, with one line, a path holding anything but a file `mayReplace` recognises as matchsim's: to check an output before the work that makes it. */
export function checkFileReplaceable(file: string, mayReplace: (head: string) => boolean): void {
  const absolute = resolve(file);
  let stat;
  try {
    stat = lstatSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw EnvironmentError.fromFs('inspect', file, error);
  }
  if (stat !== undefined) {
    // Its first bytes are enough to recognise it, and a large file someone named by mistake is not read whole.
    const head = stat.isFile() ? onFs('read', file, () => readHead(absolute, 4096).toString('utf8')) : undefined;
    if (head === undefined || !mayReplace(head)) {
      throw new InputError(file, undefined, `exists and is not a file matchsim wrote; matchsim replaces only its own output: choose another path`);
    }
  }
}
