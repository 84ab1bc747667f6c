import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkMarkdown, type CheckOutcome } from '../../src/check/check-reports.js';

/*
 * The Markdown of `check --markdown` is read by GitHub's renderer, cmark-gfm
 * with its table and autolink extensions (and GitHub's own filters on top:
 * mentions, issue references). The labels below are rendered by the real
 * cmark-gfm (Debian's `cmark-gfm`, which .ci/run installs), not by a regular
 * expression of ours: each must come out as its own text, with no element
 * but the table's.
 */
const cmark = spawnSync('cmark-gfm', ['--version'], { encoding: 'utf8' });
const haveCmark = cmark.status === 0;
if (!haveCmark) console.warn('skipping the cmark-gfm rendering test: no cmark-gfm on this machine (apt-get install cmark-gfm)');

const render = (markdown: string): string => {
  const r = spawnSync('cmark-gfm', ['-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter'], { input: markdown, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
};

/** The text a browser would show for an HTML fragment that holds only text and entities. */
const textOf = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');

const HOSTILE = [
  'http://evil.example/x',
  'https://evil.example/login?next=/',
  'see www.evil.com now',
  'WWW.EVIL.COM',
  'ftp://files.example/x',
  'mail me: someone@example.com',
  'mailto:someone@example.com',
  'xmpp:someone@example.com/res',
  '@everyone and @octocat',
  'fixes #1 and owner/repo#2',
  '<a href="http://x">x</a> <img src=x onerror=alert(1)>',
  '![t](http://x/p.png) [l](http://x) [ref] [^1]',
  '<http://angle.example>',
  '**bold** _em_ ~~gone~~ `code` \\*',
  'a | b',
  'line\nbreak\r\nand\u2028more',
  'matcher.windowGrowth=25, tick=0.5',
];

describe.skipIf(!haveCmark)('check --markdown through cmark-gfm', () => {
  it('renders every hostile label as its own text: no link, image, mention, tag or emphasis', () => {
    for (const label of HOSTILE) {
      const outcome: CheckOutcome = {
        scenario: 'seed',
        results: 'results/seed',
        notes: [label],
        rows: [{ point: label, metric: label, kind: 'expectation', expected: label, actual: 1, verdict: 'fail', detail: label }],
      };
      const html = render(checkMarkdown(outcome));
      // The only elements are the report's own: the heading, its code span, the table, the list of notes, and bold FAIL.
      const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
      for (const tag of tags) expect(['h3', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'ul', 'li'], `${JSON.stringify(label)}: <${tag}>`).toContain(tag);
      const cells = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
      const shown = label.replace(/[\r\n\u2028]+/g, ' ');
      expect(textOf(cells[0]), JSON.stringify(label)).toBe(shown);
      expect(textOf(cells[2]), JSON.stringify(label)).toBe(shown);
      expect(textOf(cells[5]), JSON.stringify(label)).toBe(shown);
      expect(textOf((/<li>(.*?)<\/li>/.exec(html) as RegExpExecArray)[1]), JSON.stringify(label)).toBe(shown);
      // The metric is shown as code: never a link either.
      expect(cells[1]).toMatch(/^<code>[^<]*<\/code>$/);
    }
  });
});
