import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';

const MB = 1024 * 1024;

/** The largest files matchsim reads: a scenario is settings, a trace or score file is data. */
export const MAX_BYTES = { scenario: 16 * MB, data: 2048 * MB } as const;

/**
 * Reads a text file as UTF-8: refused when larger than `maxBytes` (before
 * reading it), or when it is not valid UTF-8 (rather than turned into
 * replacement characters that would then be taken for data). A leading
 * byte-order mark is dropped.
 */
export function readText(file: string, what: string, maxBytes: number): string {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      throw new InputError(file, undefined, `the ${what} is ${(size / MB).toFixed(1)} MB; at most ${maxBytes / MB} MB is read`);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, undefined, `cannot read the ${what}: ${code === 'ENOENT' ? 'file not found' : (error as Error).message}`);
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidByte(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    throw new InputError(file, `line ${line}`, `not valid UTF-8 (byte ${at + 1}); save the ${what} as UTF-8`);
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Where UTF-8 decoding first fails: the longest valid prefix, found by
 * bisection (a prefix that cuts a character in two is invalid too, so this
 * lands within three bytes of the bad one, on the character it starts).
 */
function firstInvalidByte(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isUtf8(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Reads a JSON file matchsim wrote (a summary, a manifest, a baseline): a missing, unreadable or corrupt one is an InputError naming it. */
export function readJsonFile(file: string, what: string): unknown {
  const text = readText(file, what, MAX_BYTES.scenario * 64);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError(file, undefined, `the ${what} is not valid JSON (a damaged or unfinished file?)`);
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter), without reading the rest of it. */
export function readHead(file: string, bytes: number): Buffer {
  const head = Buffer.alloc(bytes);
  const fd = openSync(file, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** The path with symbolic links resolved, or the path itself where it does not exist. */
export function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
