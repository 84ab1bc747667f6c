import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { EnvironmentError, fsCause, InputError } from '../errors.js';

const MB = 1024 * 1024;

/** The largest files matchsim reads: a scenario is settings, a trace or score file is data. */
export const MAX_BYTES = { scenario: 16 * MB, data: 2048 * MB, result: 1024 * MB } as const;

/** What a file that is not a regular one is, in words, for a message. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a file for reading only if it is a regular file, checked on the
 * descriptor after opening (a path checked first could be swapped for a link
 * to /dev/zero in between). O_NONBLOCK keeps the open of a FIFO from waiting
 * for a writer; it changes nothing for a regular file.
 */
export function openRegularFile(file: string, what: string, { followLinks = true } = {}): { readonly fd: number; readonly size: number } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : constants.O_NOFOLLOW));
  } catch (error) {
    throw unreadable(file, what, error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputError(file, undefined, `cannot read the ${what}: it is ${kindOf(stat)}, and matchsim reads only regular files`);
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw error instanceof InputError ? error : unreadable(file, what, error);
  }
}

/** A file that cannot be opened or read: not there is bad input (exit 2), anything else the environment (exit 4). */
function unreadable(file: string, what: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputError(file, undefined, `cannot read the ${what}: file not found`);
  if (code === 'EISDIR') return new InputError(file, undefined, `cannot read the ${what}: it is a directory, and matchsim reads only regular files`);
  if (code === 'ELOOP') return new InputError(file, undefined, `cannot read the ${what}: it is a symbolic link (or too many), and matchsim reads only regular files here`);
  return new EnvironmentError(`cannot read ${file}: ${fsCause(error)}`);
}

/**
 * A regular file's bytes, at most `maxBytes` of them: refused before reading
 * when its size says it is larger, and never read past the bound even if it
 * grows meanwhile.
 */
export function readBytes(file: string, what: string, maxBytes: number): Buffer {
  const { fd, size } = openRegularFile(file, what);
  try {
    if (size > maxBytes) throw new InputError(file, undefined, `the ${what} is ${(size / MB).toFixed(1)} MB; at most ${maxBytes / MB} MB is read`);
    // One byte more than allowed, to notice a file that grew past the bound since fstat.
    const bytes = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === bytes.length) {
        if (length > maxBytes) throw new InputError(file, undefined, `the ${what} grew past ${maxBytes / MB} MB while it was read; at most that is read`);
        break;
      }
    }
    return bytes.subarray(0, length);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadable(file, what, error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a text file as UTF-8: refused when larger than `maxBytes` (before
 * reading it), when it is not a regular file, when it is not valid UTF-8
 * (rather than turned into replacement characters that would then be taken
 * for data), or when its text is longer than V8 can hold as one string. A
 * leading byte-order mark is dropped.
 */
export function readText(file: string, what: string, maxBytes: number): string {
  const bytes = readBytes(file, what, maxBytes);
  if (!isUtf8(bytes)) throw notUtf8(file, what, bytes, 0, 0);
  let text: string;
  try {
    text = bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw error;
    throw new InputError(file, undefined, `the ${what} is ${(bytes.length / MB).toFixed(1)} MB of text, more than one string can hold (${Math.floor(bufferConstants.MAX_STRING_LENGTH / MB)} M characters); split it into smaller files`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A file that is not UTF-8: its first bad byte, in `bytes` (which begin `offset` bytes into the file, after `lineBreaks` line breaks), by line and byte. */
function notUtf8(file: string, what: string, bytes: Buffer, offset: number, lineBreaks: number): InputError {
  const at = firstInvalidByte(bytes);
  const line = bytes.subarray(0, at).reduce((n, b) => (b === 0x0a ? n + 1 : n), lineBreaks + 1);
  return new InputError(file, `line ${line}`, `not valid UTF-8 (byte ${offset + at + 1}); save the ${what} as UTF-8`);
}

/** Bytes read at a time by readTextPieces. */
const PIECE_BYTES = 4 * MB;

/**
 * Reads a text file as readText does, with the same refusals, but a piece
 * at a time (each cut at a character's end): `take` gets each piece of text
 * in order, and returns false to stop reading. Only a piece is held at once.
 */
export function readTextPieces(file: string, what: string, maxBytes: number, take: (text: string) => boolean, pieceBytes = PIECE_BYTES): void {
  const { fd, size } = openRegularFile(file, what);
  try {
    if (size > maxBytes) throw new InputError(file, undefined, `the ${what} is ${(size / MB).toFixed(1)} MB; at most ${maxBytes / MB} MB is read`);
    const buffer = Buffer.allocUnsafe(pieceBytes + 3);
    // The bytes of a character cut by the previous read, carried to the front of the next piece.
    let carried = 0;
    let offset = 0;
    let lineBreaks = 0;
    let first = true;
    for (;;) {
      const n = readSync(fd, buffer, carried, pieceBytes, null);
      const length = carried + n;
      if (offset + length > maxBytes) throw new InputError(file, undefined, `the ${what} grew past ${maxBytes / MB} MB while it was read; at most that is read`);
      const end = n === 0 ? length : characterEnd(buffer, length);
      const piece = buffer.subarray(0, end);
      if (!isUtf8(piece)) throw notUtf8(file, what, piece, offset, lineBreaks);
      let text = piece.toString('utf8');
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      if (n === 0) {
        if (text.length > 0) take(text);
        return;
      }
      if (!take(text)) return;
      for (let i = piece.indexOf(0x0a); i >= 0; i = piece.indexOf(0x0a, i + 1)) lineBreaks++;
      offset += end;
      carried = length - end;
      buffer.copyWithin(0, end, length);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadable(file, what, error);
  } finally {
    closeSync(fd);
  }
}

/** Where the last whole character of buffer[0, length) ends: before a lead byte whose continuation bytes are not all there yet. */
function characterEnd(buffer: Buffer, length: number): number {
  for (let back = 1; back <= Math.min(4, length); back++) {
    const b = buffer[length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? length - back : length;
  }
  return length;
}

/**
 * Where the first byte sequence that is not UTF-8 starts. Bisection on
 * isUtf8 of prefixes, each cut back to its last whole character: so cut,
 * a prefix is valid up to the bad sequence and invalid past it (cut mid
 * character, it would be invalid before it too, and the search could land
 * on a good character ahead of the bad one).
 */
function firstInvalidByte(bytes: Buffer): number {
  const valid = (k: number) => isUtf8(bytes.subarray(0, characterEnd(bytes, k)));
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (valid(mid)) lo = mid;
    else hi = mid - 1;
  }
  return characterEnd(bytes, lo);
}

/** Reads a JSON file matchsim wrote (a summary, a manifest, a baseline): a missing, unreadable or corrupt one is an InputError naming it. */
export function readJsonFile(file: string, what: string): unknown {
  const text = readText(file, what, MAX_BYTES.result);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InputError(file, undefined, `the ${what} is not valid JSON (a damaged or unfinished file?)`);
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter), without reading the rest of it. */
export function readHead(file: string, bytes: number, what = 'file'): Buffer {
  const head = Buffer.alloc(bytes);
  const { fd } = openRegularFile(file, what);
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
