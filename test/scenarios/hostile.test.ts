import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../fixtures/helpers.js';

const corpus = 'test/fixtures/hostile';
const expected = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Record<string, string>;

describe('hostile input: every file of the corpus is refused in one line, exit 2, nothing written', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();

  it('has an expected message for every scenario in the corpus', () => {
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  for (const file of files) {
    it(file, async () => {
      const out = join(tempDir(), 'out');
      for (const args of [['validate', join(corpus, file)], ['run', join(corpus, file), '-o', out]]) {
        const r = await cli(...args);
        expect(r.code, args[0]).toBe(2);
        const lines = r.stderr.trim().split('\n');
        expect(lines[0]).toMatch(new RegExp(expected[file]));
        expect(lines[0]).toMatch(/^matchsim: /);
        // One line for the first problem; validate lists the others (one line each), never a stack trace.
        expect(r.stderr).not.toMatch(/\n\s+at /);
        // Every line is matchsim's own: nothing from a file can start a line (a CI workflow command, say).
        for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^matchsim: /);
        // A file's contents appear at most as short cells.
        expect(r.stderr).not.toMatch(/x{40}|SECRET_TOKEN=x{30}/);
        expect(existsSync(out)).toBe(false);
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  }

  it('refuses a scenario file over 16 MB before reading it', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.json');
    writeFileSync(file, '{"name": "x",' + ' '.repeat(17 * 1024 * 1024) + '"seed": 1}');
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.json: the scenario is 17\.0 MB; at most 16 MB is read/);
  });
});
