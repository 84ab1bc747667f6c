import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, cliWithEnv, writeFiles } from '../fixtures/helpers.js';

/*
 * Labels that a file chooses (trace file names swept as arrivals.file, a pool
 * name) carry workflow commands, links, mentions and formulas; they must reach
 * every CI surface as text: stdout, Markdown, CSV.
 */
const TRACE = 'time,id,score\n0,a,1500\n0,b,1510\n1,c,1490\n2,d,1500\n3,e,1600\n3,f,1590\n';
const NAMES = ['::error::pwn.csv', '=HYPERLINK(1).csv', 'www.evil.com @everyone.csv', '##[warning]x https:&&evil.example.csv'];
const scenario = {
  name: 'labels',
  seed: 1,
  drain: 10,
  arrivals: { type: 'trace', file: NAMES[0] },
  matcher: { algorithm: 'seed', roomSize: 3, windowGrowth: 50, pools: [{ name: '::error::pool http://evil.example/a\t@everyone', filters: [] }] },
  sweep: { 'arrivals.file': NAMES },
  expect: { 'wait.p95': { max: 0.001 } },
};

/** No line of what a command printed starts a workflow command, and none holds a control character. */
function expectSafeStdout(stdout: string, what: string): void {
  for (const line of stdout.split('\n')) {
    expect(line, what).not.toMatch(/^\s*(::|##)/);
    // eslint-disable-next-line no-control-regex
    expect(line, what).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  }
}

/** Every text cell of every CSV file below `dir`: none may start a spreadsheet formula (a number, negative too, is a number). */
function expectNoFormulaCells(dir: string): number {
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.csv')) {
        files++;
        for (const row of parse(readFileSync(path, 'utf8')) as string[][]) {
          for (const cell of row) if (!/^-?\d/.test(cell)) expect(cell, `${path}: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    }
  };
  walk(dir);
  return files;
}

describe('labels from files on every CI surface', () => {
  it('run, check (table, annotations, Markdown, JUnit), compare and merge print them as text; their CSV cells start no formula', async () => {
    const dir = writeFiles({ 's.json': scenario, ...Object.fromEntries(NAMES.map((n) => [n, TRACE])) });
    const s = join(dir, 's.json');
    const run = await cli('run', s, '-o', join(dir, 'out'), '--workers', '0', '--no-charts');
    expect(run.code, run.stderr).toBe(0);
    expectSafeStdout(run.stdout, 'run');
    // The label is there, as text.
    expect(run.stdout).toContain(':error::pwn.csv');

    const single = await cli('run', s, '--set', 'sweep={}', '-o', join(dir, 'single'), '--no-charts');
    expect(single.code, single.stderr).toBe(0);
    expectSafeStdout(single.stdout, 'run (single)');
    expect(single.stdout).toMatch(/^pool ::error::pool http:\/\/evil\.example\/a\\u0009@everyone +6 players/m);

    const md = join(dir, 'check.md');
    const junit = join(dir, 'check.xml');
    const check = await cliWithEnv({ GITHUB_ACTIONS: 'true' }, 'check', s, '--from', join(dir, 'out'), '--markdown', md, '--junit', junit);
    expect(check.code, check.stderr).toBe(1);
    // matchsim's own annotations are the only lines that start a workflow command: one per failed row, and nothing else.
    const annotations = check.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(NAMES.length);
    for (const a of annotations) expect(a).toMatch(/^::error file=[^:]*,title=matchsim check%3A wait\.p95::arrivals\.file=/);
    expectSafeStdout(check.stdout.split('\n').filter((l) => !annotations.includes(l)).join('\n'), 'check');
    expect(readFileSync(junit, 'utf8')).not.toMatch(/<(?!\/?(testsuites|testsuite|testcase|failure|skipped|system-out)\b|\?xml)/);
    const cmark = spawnSync('cmark-gfm', ['-e', 'table', '-e', 'autolink'], { input: readFileSync(md, 'utf8'), encoding: 'utf8' });
    if (cmark.status === 0) expect(cmark.stdout).not.toMatch(/<a |<img /);
    else console.warn('cmark-gfm not found: the Markdown is checked by test/check/markdown.test.ts where it is');

    const compare = await cli('compare', join(dir, 'out'), join(dir, 'out'), '-o', join(dir, 'cmp'), '--no-charts');
    expect(compare.code, compare.stderr).toBe(0);
    expectSafeStdout(compare.stdout, 'compare');

    for (const k of [1, 2]) expect((await cli('run', s, '--shard', `${k}/2`, '-o', join(dir, `shard${k}`), '--workers', '0', '--no-charts')).code).toBe(0);
    const merge = await cli('merge', join(dir, 'shard1'), join(dir, 'shard2'), '-o', join(dir, 'merged'));
    expect(merge.code, merge.stderr).toBe(0);
    expectSafeStdout(merge.stdout, 'merge');

    for (const out of ['out', 'single', 'cmp', 'merged']) expect(expectNoFormulaCells(join(dir, out)), out).toBeGreaterThan(0);
    // The swept value that is a formula is there, neutralised.
    expect(readFileSync(join(dir, 'out', 'sweep.csv'), 'utf8')).toContain(`'=HYPERLINK(1).csv`);
  });

  it('a tuning across a file\'s labels prints them as text, and tune.csv starts no formula', async () => {
    const dir = writeFiles({ 's.json': { ...scenario, sweep: undefined, expect: undefined }, ...Object.fromEntries(NAMES.map((n) => [n, TRACE])) });
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=1..100', '--budget', '6', '--replications', '1', '--across', `arrivals.file=${NAMES.slice(0, 2).join(',')}`, '-o', join(dir, 'tuned'), '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    expectSafeStdout(r.stdout, 'tune');
    expect(expectNoFormulaCells(join(dir, 'tuned'))).toBe(1);
  });
});
