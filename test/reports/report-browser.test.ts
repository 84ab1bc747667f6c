import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, cli as runCli, seedScenario, writeFiles } from '../fixtures/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
// CI installs Chromium (.ci/run); elsewhere the test says it was skipped rather than pass without a browser.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs the Debian package chromium`);

const cli = async (...args: string[]): Promise<number> => (await runCli(...args)).code;

/** The built CLI in a process of its own, without blocking this one. */
function spawnCli(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

interface TextBox {
  readonly text: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** What the page shows of each chart, measured in one call: its size, the marks it drew, and its visible text labels. */
interface ChartFacts {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly drawn: number;
  readonly labels: readonly TextBox[];
}

/** The visible text labels under `root`, with their boxes (runs in the page). */
function visibleLabels(root: Element): TextBox[] {
  return (
    [...root.querySelectorAll('text')]
      // Vega hides a label that would overlap another by making it transparent.
      .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).opacity !== '0')
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent as string, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      })
  );
}

/** Pairs of labels whose boxes overlap (a pixel of slack for glyphs that touch). */
function overlapsOf(boxes: readonly TextBox[]): string[] {
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`"${a.text}" / "${b.text}"`);
    }
  }
  return overlaps;
}

/**
 * The categories a chart's spec puts along an axis: for each x or y encoding
 * of nominal or ordinal type, its scale's domain where the spec gives one,
 * else every value of its field in the data in scope. Each must be named on
 * the page (a label thinned out or cut short is a dot without a name).
 */
function axisCategories(spec: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown, rows: ReadonlyArray<Record<string, unknown>> | undefined) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, rows));
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    const data = n.data as { values?: Array<Record<string, unknown>> } | undefined;
    const scope = data?.values ?? rows;
    const encoding = n.encoding as Record<string, { type?: string; field?: string; scale?: { domain?: unknown[] }; axis?: unknown }> | undefined;
    for (const channel of ['x', 'y'] as const) {
      const e = encoding?.[channel];
      if (!e || (e.type !== 'nominal' && e.type !== 'ordinal') || e.axis === null || typeof e.field !== 'string') continue;
      const field = e.field;
      const values = Array.isArray(e.scale?.domain) ? e.scale.domain : (scope ?? []).filter((r) => r[field] !== undefined && r[field] !== null).map((r) => r[field]);
      for (const v of values) found.add(String(v));
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'data' && key !== 'encoding' && key !== 'config') walk(child, scope);
  };
  walk(spec, undefined);
  return found;
}

/**
 * Axes off their natural scale: a share (a % axis, or a panel titled in %)
 * not drawn from 0 to 100%, a correlation not from -1 to 1.
 */
function offScale(spec: unknown): string[] {
  const problems: string[] = [];
  const same = (a: unknown, b: readonly number[]) => JSON.stringify(a) === JSON.stringify(b);
  const walk = (node: unknown, title: string) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, title));
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    const own = typeof n.title === 'string' ? n.title : typeof (n.title as { text?: unknown } | undefined)?.text === 'string' ? (n.title as { text: string }).text : title;
    const encoding = n.encoding as Record<string, { type?: string; title?: unknown; scale?: { domain?: unknown }; axis?: { format?: unknown } | null }> | undefined;
    for (const channel of ['x', 'y'] as const) {
      const e = encoding?.[channel];
      if (!e || e.type !== 'quantitative') continue;
      const named = typeof e.title === 'string' ? e.title : own;
      if (typeof e.axis?.format === 'string' && e.axis.format.endsWith('%') && !same(e.scale?.domain, [0, 1])) problems.push(`${named}: a share not on [0, 1]`);
      if (/correlation/.test(named) && channel === 'y' && !same(e.scale?.domain, [-1, 1])) problems.push(`${named}: a correlation not on [-1, 1]`);
      if (channel === 'y' && e.title == null && own.endsWith('%)') && !same(e.scale?.domain, [0, 100])) problems.push(`${own}: a share not on [0, 100]`);
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'data' && key !== 'encoding' && key !== 'config') walk(child, own);
  };
  walk(spec, '');
  return problems;
}

async function overlappingLabels(element: Locator): Promise<string[]> {
  return overlapsOf(await element.evaluate(visibleLabels));
}

/**
 * Every bundled scenario, as a user runs it, made shorter where that changes
 * no chart, to keep the suite short: sweeps with fewer replications (two for
 * those whose intervals are the point, one elsewhere), the busy hour a
 * quarter of an hour, a population's days six hours.
 */
const BUNDLED = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

/** Sweeps whose reports are checked with their confidence intervals drawn (a category and a number on the x axis). */
const INTERVALS = new Set(['teams-5v5', 'growth-sweep', 'churn-experiment']);

/** Charts a scenario's reports must have, beyond every run's: what the scenario is about. */
const REQUIRED: Record<string, { readonly top?: readonly string[]; readonly run?: readonly string[] }> = {
  seed: { top: ['wait-histogram', 'wait-cdf', 'spread-histogram', 'timeline', 'score-bands', 'wait-by-score', 'window'] },
  'teams-5v5': { top: ['sweep-figures', 'tradeoff'], run: ['teams'] },
  faults: { top: ['fault-costs', 'timeline'] },
  regions: { top: ['pools'] },
  'diurnal-day': { top: ['over-time'] },
  'launch-day': { top: ['over-time'] },
  'night-patience': { top: ['giving-up', 'patience'] },
  'growth-sweep': { top: ['sweep-figures', 'tradeoff'], run: ['window'] },
  'small-night': { top: ['rating-convergence', 'calibration', 'concurrency', 'waits-by-uncertainty', 'favourite'] },
  'season-ladder': { top: ['sweep-figures'], run: ['rating-convergence', 'calibration', 'concurrency', 'waits-by-uncertainty'] },
  'churn-experiment': { top: ['sweep-figures'], run: ['retention', 'rating-convergence', 'concurrency'] },
  // Its first point is mode off: nothing is asked for, and the seats players left stay empty.
  'backfill-5v5': { top: ['sweep-figures', 'tradeoff'], run: ['backfill-short-handed'] },
  'backfill-stream': { top: ['sweep-figures'], run: ['backfill-fill-time'] },
  'flexmatch-backfill': { top: ['sweep-figures', 'tradeoff'], run: ['backfill-fill-time', 'backfill-session-players'] },
  'global-launch': { top: ['rooms-by-data-centre', 'latency-cdf', 'wait-against-latency', 'latency-cap'] },
  'latency-trace': { top: ['rooms-by-data-centre', 'latency-cdf', 'wait-against-latency', 'latency-cap'] },
  'latency-cap-sweep': { top: ['sweep-figures', 'tradeoff'], run: ['rooms-by-data-centre', 'latency-cap'] },
  'replay-flexmatch': { top: ['wait-observed', 'wait-observed-groups', 'rooms-by-data-centre'] },
  'replay-flexmatch-3x': { top: ['wait-observed', 'wait-observed-groups', 'rooms-by-data-centre'] },
  'replay-openmatch': { top: ['rooms-by-data-centre', 'pools'] },
  'replay-openmatch-3x': { top: ['rooms-by-data-centre', 'pools'] },
};

describe.skipIf(!haveBrowser)('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  /** Each report to open: what it is, its file under dir, the charts it must have. */
  const reports: Array<[string, string, readonly string[]]> = [];

  beforeAll(async () => {
    dir = writeFiles({ 's.json': seedScenario });
    const runs = BUNDLED.map((name) => {
      const file = join('scenarios', `${name}.json`);
      const sweep = readFileSync(file, 'utf8').includes('"sweep"');
      const text = readFileSync(file, 'utf8');
      // A population's two days are cut to six hours: every chart is still drawn.
      const population = text.includes('"population"') && JSON.parse(text).duration > 21600 ? ['--set', 'duration=21600'] : [];
      const shorter = [...(sweep ? ['--replications', INTERVALS.has(name) ? '2' : '1'] : name === 'busy' ? ['--set', 'duration=900'] : []), ...population];
      return { name, sweep, args: ['run', file, '-o', join(dir, name), '--trust-scenario', '--workers', '1', ...shorter] };
    });
    // The built CLI, as a user runs it (big runs format their CSV on a thread of the bundle), two at a time: these machines have two cores.
    const queue = [...runs];
    const worker = async () => {
      for (let run = queue.shift(); run !== undefined; run = queue.shift()) {
        const { code, stderr } = await spawnCli(run.args);
        expect(code, `${run.name}: ${stderr}`).toBe(0);
      }
    };
    await Promise.all([worker(), worker()]);
    for (const { name, sweep } of runs) {
      reports.push([`${name}.json`, `${name}/report.html`, REQUIRED[name]?.top ?? []]);
      if (sweep) {
        // The first run of the first point, where sweep.json says it is (points/FIELD=VALUE/.../seed=N).
        const first = JSON.parse(readFileSync(join(dir, name, 'sweep.json'), 'utf8')).points[0].runs[0].dir as string;
        reports.push([`a run inside ${name}.json`, join(name, first, 'report.html'), REQUIRED[name]?.run ?? []]);
      }
    }
    // compare: two runs, their distributions overlaid.
    expect(await cli('compare', join(dir, 'seed'), join(dir, 'fifo-module'), '-o', join(dir, 'compare'))).toBe(0);
    reports.push(['compare', 'compare/report.html', ['compare-figures', 'compare-wait-cdf', 'compare-spread-cdf']]);
    // Three results at once, and two sweeps (their shared points as small multiples).
    expect(await cli('compare', join(dir, 'seed'), join(dir, 'fifo-module'), join(dir, 'busy'), '-o', join(dir, 'compare-3'))).toBe(0);
    reports.push(['compare of three', 'compare-3/report.html', ['compare-figures', 'compare-wait-cdf', 'compare-spread-cdf']]);
    expect(await cli('compare', join(dir, 'algorithms'), join(dir, 'parties'), '-o', join(dir, 'compare-sweeps'))).toBe(0);
    reports.push(['compare of two sweeps', 'compare-sweeps/report.html', ['compare-figures', 'compare-wait-cdf', 'compare-spread-cdf']]);
    // tune: a search at two conditions.
    const tuned = await spawnCli(['tune', join('scenarios', 'seed.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=12', '--param', 'matcher.windowGrowth=5..400', '--across', 'arrivals.rate=2,8', '--budget', '30', '-o', join(dir, 'tune')]);
    expect(tuned.code, tuned.stderr).toBe(0);
    reports.push(['tune', 'tune/report.html', ['tune-tradeoff', 'tune-path']]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("the category check reads a sweep's categories from its chart (so that its silence means something)", () => {
    const spec = JSON.parse(readFileSync(join(dir, 'algorithms', 'charts', 'sweep-figures.vl.json'), 'utf8'));
    const sweep = JSON.parse(readFileSync(join('scenarios', 'algorithms.json'), 'utf8')).sweep['matcher.algorithm'];
    expect([...axisCategories(spec)]).toEqual(sweep);
  });

  it('the scale check finds a share or a correlation off its natural scale (so that its silence means something)', () => {
    const spec = {
      hconcat: [
        { encoding: { y: { field: 'v', type: 'quantitative', title: 'correlation with true skill' } } },
        { encoding: { y: { field: 'gaveUp', type: 'quantitative', title: 'share who gave up', axis: { format: '%' } } } },
        { title: 'matched (%)', layer: [{ encoding: { y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } } } }] },
      ],
    };
    expect(offScale(spec)).toEqual(['correlation with true skill: a correlation not on [-1, 1]', 'share who gave up: a share not on [0, 1]', 'matched (%): a share not on [0, 100]']);
  });

  it('the overlap check finds labels printed over each other (so that its silence means something)', async () => {
    const page = await browser.newPage();
    await page.setContent('<svg width="300" height="100"><text x="10" y="50">balance=greedy</text><text x="14" y="52">balance=snake</text><text x="200" y="50">apart</text></svg>');
    expect(await overlappingLabels(page.locator('svg'))).toEqual(['"balance=greedy" / "balance=snake"']);
    await page.close();
  });

  it('opens every bundled scenario\'s report, a run inside each sweep and a comparison: no errors, every chart drawn, no labels over each other, nothing wider than 1280 px', async () => {
    expect(reports.length).toBeGreaterThan(BUNDLED.length);
    // One page for all reports, each loaded in turn: what it logged and fetched is collected per report.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    let errors: string[] = [];
    let requests: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    for (const [what, file, required] of reports) {
      const html = readFileSync(join(dir, file), 'utf8');
      expect(html, what).not.toMatch(/<script|<link|<img|@import|url\(http/i);
      errors = [];
      requests = [];
      await page.goto('file://' + join(dir, file));
      expect(errors, what).toEqual([]);
      // Self-contained: nothing but the page itself is loaded.
      expect(requests.filter((u) => !u.startsWith('file://')), what).toEqual([]);
      const names = await page.locator('figure.chart').evaluateAll((figures) => figures.map((f) => f.id.replace(/^chart-/, '')));
      for (const name of required) expect(names, `${what}: ${name}`).toContain(name);
      expect(names.length, what).toBeGreaterThan(0);
      // Ids are the page's own: two charts never share a gradient or a clip path.
      const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
      expect(ids.length, what).toBe(new Set(ids).size);
      // Every chart measured in one call: opening ~20 reports of ~8 charts stays quick.
      const facts: ChartFacts[] = await page.evaluate(
        ({ labelsOf }) => {
          const visible = new Function(`return (${labelsOf})`)() as (root: Element) => TextBox[];
          return [...document.querySelectorAll('figure.chart')].map((figure) => {
            const svg = figure.querySelector('svg') as SVGSVGElement;
            const box = svg.getBoundingClientRect();
            // Vega draws data as paths and shapes inside mark groups: an empty chart has none.
            const drawn = svg.querySelectorAll('[class^="mark-"] path, [class^="mark-"] line, [class^="mark-"] text').length;
            return { name: figure.id.replace(/^chart-/, ''), width: box.width, height: box.height, drawn, labels: visible(svg) };
          });
        },
        { labelsOf: visibleLabels.toString() },
      );
      expect(facts.map((f) => f.name), what).toEqual(names);
      for (const f of facts) {
        expect(f.width, `${what}: ${f.name}`).toBeGreaterThan(200);
        expect(f.height, `${what}: ${f.name}`).toBeGreaterThan(100);
        expect(f.drawn, `${what}: ${f.name}`).toBeGreaterThan(5);
        // Every chart has labelled axes: a check that saw no label would say nothing.
        expect(f.labels.length, `${what}: ${f.name}`).toBeGreaterThan(3);
        // No two text labels of the chart overlap.
        expect(overlapsOf(f.labels), `${what}: ${f.name}`).toEqual([]);
        // And every category along an axis is named, whole.
        const spec = JSON.parse(readFileSync(join(dir, dirname(file), 'charts', `${f.name}.vl.json`), 'utf8'));
        const shown = new Set(f.labels.map((l) => l.text));
        const unnamed = [...axisCategories(spec)].filter((c) => !shown.has(c));
        expect(unnamed, `${what}: ${f.name}: categories without a label`).toEqual([]);
        expect(offScale(spec), `${what}: ${f.name}`).toEqual([]);
      }
      // Nothing wider than the window: no sideways scrolling at 1280 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(1280);
    }
    await page.close();
  }, 120_000);
});
