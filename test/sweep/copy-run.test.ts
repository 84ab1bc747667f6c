import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRunDirectory } from '../../src/sweep/copy-run.js';
import { tempDir, tree } from '../fixtures/helpers.js';

describe('copyRunDirectory', () => {
  it('copies folders and regular files as they are', () => {
    const from = join(tempDir(), 'run');
    mkdirSync(join(from, 'charts'), { recursive: true });
    writeFileSync(join(from, 'summary.json'), '{"a": 1}\n');
    writeFileSync(join(from, 'charts', 'x.svg'), Buffer.alloc(3 * 1024 * 1024, 7));
    const to = join(tempDir(), 'copy');
    copyRunDirectory(from, to);
    expect(tree(to)).toEqual(tree(from));
    expect(readFileSync(join(to, 'charts', 'x.svg')).length).toBe(3 * 1024 * 1024);
  });

  it('refuses a symbolic link, a FIFO or a device in a run, by name', () => {
    for (const make of [(p: string) => symlinkSync('/etc/hostname', p), (p: string) => execFileSync('mkfifo', [p]), (p: string) => symlinkSync('/dev/zero', p)]) {
      const from = join(tempDir(), 'run');
      mkdirSync(from);
      make(join(from, 'players.csv'));
      const to = join(tempDir(), 'copy');
      expect(() => copyRunDirectory(from, to)).toThrow(/players\.csv: is (a symbolic link|not a regular file); a shard's run holds only the folders and files matchsim writes/);
      expect(existsSync(join(to, 'players.csv'))).toBe(false);
    }
  });
});
