import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** GitHub's anchor of a heading: lower case, punctuation but hyphens and underscores dropped, spaces as hyphens. */
const anchor = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

const pages = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

describe('the README and docs/', () => {
  it('link only to files that are there, and to headings those files have', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue;
        const [path, hash] = target.split('#');
        const file = path === '' ? page : join(dirname(page), path);
        if (!existsSync(file)) {
          broken.push(`${page}: ${target} (no such file)`);
          continue;
        }
        if (hash !== undefined && file.endsWith('.md')) {
          const headings = [...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]));
          if (!headings.includes(hash)) broken.push(`${page}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('start with the job: the README is short, its first scenario in the first screen, and every docs page is linked from it', () => {
    const readme = readFileSync('README.md', 'utf8');
    const lines = readme.split('\n');
    expect(lines.length).toBeLessThanOrEqual(320);
    expect(lines.findIndex((l) => l.includes('"arrivals"'))).toBeLessThan(40);
    for (const page of pages.slice(1)) expect(readme, page).toContain(`](${page})`);
    // Nothing a user does not have.
    for (const page of pages) expect(readFileSync(page, 'utf8'), page).not.toMatch(/DESIGN\.md|\.\.\/shared|seed 004|the issue|lesson/i);
  });
});
