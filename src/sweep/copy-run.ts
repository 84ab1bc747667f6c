import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { MAX_BYTES, openRegularFile } from '../scenarios/read-text.js';

const CHUNK = 1 << 20;

/**
 * Copies a run's directory out of a shard, which is untrusted input (a CI
 * artifact): only folders and regular files, each opened without following
 * a link and checked on its descriptor, at most MAX_BYTES.data each. A
 * symbolic link, a FIFO or a device in it is refused, so that the merged
 * result never points outside itself.
 */
export function copyRunDirectory(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from).sort()) {
    const source = join(from, entry);
    const stat = lstatSync(source);
    if (stat.isDirectory()) copyRunDirectory(source, join(to, entry));
    else if (stat.isFile()) copyRegularFile(source, join(to, entry));
    else throw new InputError(source, undefined, `is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; a shard's run holds only the folders and files matchsim writes`);
  }
}

/** Copies one regular file (not through a link, checked on its descriptor, at most MAX_BYTES.data) to a new file. */
export function copyRegularFile(source: string, target: string): void {
  const { fd, size } = openRegularFile(source, 'run file', { followLinks: false });
  try {
    if (size > MAX_BYTES.data) throw new InputError(source, undefined, `is ${(size / 2 ** 20).toFixed(0)} MB; a run file of at most ${MAX_BYTES.data / 2 ** 20} MB is copied`);
    const out = openSync(target, 'wx');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      let copied = 0;
      for (let n; (n = readSync(fd, buffer, 0, CHUNK, null)) > 0; ) {
        copied += n;
        if (copied > MAX_BYTES.data) throw new InputError(source, undefined, `grew past ${MAX_BYTES.data / 2 ** 20} MB while it was copied`);
        writeSync(out, buffer, 0, n);
      }
    } finally {
      closeSync(out);
    }
  } finally {
    closeSync(fd);
  }
}
