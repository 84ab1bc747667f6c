import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli as runCli, seedScenario, writeFiles } from '../fixtures/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Chromium (.ci/run); elsewhere the test says it was skipped rather than pass without a browser.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs the Debian package chromium`);

const cli = async (...args: string[]): Promise<number> => (await runCli(...args)).code;

/** Pairs of text labels in an element whose boxes overlap (a pixel of slack for glyphs that touch). */
async function overlappingLabels(element: Locator): Promise<string[]> {
  const boxes = await element.evaluate((el) =>
    [...el.querySelectorAll('text')]
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent as string, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
  );
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`"${a.text}" / "${b.text}"`);
    }
  }
  return overlaps;
}

describe.skipIf(!haveBrowser)('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = writeFiles({ 's.json': seedScenario });
    expect(await cli('run', join(dir, 's.json'), '-o', join(dir, 'run'))).toBe(0);
    expect(await cli('run', join(dir, 's.json'), '-o', join(dir, 'sweep'), '--workers', '0', '--sweep', 'matcher.windowGrowth=25,50,100', '--replications', '3')).toBe(0);
    // Categories, and points close together on the trade-off chart (anchor and retry nearly coincide).
    expect(await cli('run', join(dir, 's.json'), '-o', join(dir, 'algorithms'), '--workers', '0', '--sweep', 'matcher.algorithm=seed,anchor,retry,profiles', '--set', 'matcher.profiles=[{"name":"all"}]', '--replications', '2')).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const cases: Array<[string, string, string[]]> = [
    ['a run', 'run/report.html', ['wait-histogram', 'wait-cdf', 'spread-histogram', 'timeline', 'score-bands']],
    ['a sweep', 'sweep/report.html', ['sweep-figures', 'tradeoff']],
    ['a run inside a sweep', 'sweep/points/2-matcher.windowGrowth=50/seed-12/report.html', ['wait-histogram', 'wait-cdf', 'spread-histogram', 'timeline', 'score-bands']],
    ['a sweep over algorithms', 'algorithms/report.html', ['sweep-figures', 'tradeoff']],
  ];
  it('the overlap check finds labels printed over each other (so that its silence means something)', async () => {
    const page = await browser.newPage();
    await page.setContent('<svg width="300" height="100"><text x="10" y="50">balance=greedy</text><text x="14" y="52">balance=snake</text><text x="200" y="50">apart</text></svg>');
    expect(await overlappingLabels(page.locator('svg'))).toEqual(['"balance=greedy" / "balance=snake"']);
    await page.close();
  });

  for (const [what, file, charts] of cases) {
    it(`renders ${what} without errors, with every chart visible and drawn`, async () => {
      const html = readFileSync(join(dir, file), 'utf8');
      expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto('file://' + join(dir, file));
      expect(errors).toEqual([]);
      // Self-contained: nothing but the page itself is loaded.
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
      expect(await page.locator('figure.chart').count()).toBe(charts.length);
      for (const name of charts) {
        const svg = page.locator(`#chart-${name} svg`);
        const box = await svg.boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.width, name).toBeGreaterThan(200);
        expect(box!.height, name).toBeGreaterThan(100);
        expect(await svg.isVisible()).toBe(true);
        // Vega draws data as paths and shapes inside mark groups: an empty chart has none.
        const drawn = await svg.locator('[class^="mark-"] path, [class^="mark-"] line, [class^="mark-"] text').count();
        expect(drawn, name).toBeGreaterThan(5);
        // No two text labels of the chart overlap.
        expect(await overlappingLabels(svg), name).toEqual([]);
      }
      // Nothing wider than the window: no sideways scrolling at 1280 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await page.close();
    });
  }
});
