import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShard, shardTasks } from '../../src/sweep/shards.js';
import { cli, seedScenario, tree, writeFiles } from '../fixtures/helpers.js';

describe('shardTasks', () => {
  it('cuts the runs into contiguous slices, as even as whole runs allow, that cover every run once', () => {
    const tasks = Array.from({ length: 10 }, (_, index) => ({ index, point: index % 3, replication: 0, seed: 1, dir: `d${index}` }));
    const slices = [1, 2, 3, 4].map((index) => shardTasks(tasks, { index, of: 4 }).map((t) => t.index));
    expect(slices).toEqual([[0, 1], [2, 3, 4], [5, 6], [7, 8, 9]]);
    expect(shardTasks(tasks.slice(0, 2), { index: 3, of: 4 })).toEqual([]);
    expect(parseShard('2/4')).toEqual({ index: 2, of: 4 });
    expect(() => parseShard('5/4')).toThrow(/expected K\/N/);
  });
});

describe('sharded sweeps', () => {
  it('merges the shards of a sweep into outputs byte-identical to one unsharded run', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 120, sweep: { 'matcher.windowGrowth': [20, 50, 80] }, replications: 3 } });
    const s = join(dir, 's.json');
    expect((await cli('run', s, '-o', join(dir, 'whole'), '--workers', '0')).code).toBe(0);
    for (const k of [1, 2, 3, 4]) {
      const r = await cli('run', s, '--shard', `${k}/4`, '-o', join(dir, `shard${k}`), '--workers', '0');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^shard ${k}/4 of small: [23] of 9 runs in `));
    }
    const merged = await cli('merge', join(dir, 'shard3'), join(dir, 'shard1'), join(dir, 'shard4'), join(dir, 'shard2'), '-o', join(dir, 'merged'));
    expect(merged.code).toBe(0);
    expect(tree(join(dir, 'merged'))).toEqual(tree(join(dir, 'whole')));
    // And the merged result can be checked.
    const checked = await cli('check', s, '--from', join(dir, 'merged'), '--baseline', join(dir, 'whole', 'sweep.json'));
    expect(checked.code).toBe(0);
  });

  it('refuses missing, repeated and foreign shards, and shards of a single run', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 60, replications: 2 }, 't.json': { ...seedScenario, duration: 60, replications: 2, seed: 5 } });
    for (const k of [1, 2]) await cli('run', join(dir, 's.json'), '--shard', `${k}/2`, '-o', join(dir, `s${k}`), '--workers', '0');
    await cli('run', join(dir, 't.json'), '--shard', '2/2', '-o', join(dir, 't2'), '--workers', '0');
    const out = join(dir, 'm');
    const cases: Array<[string[], RegExp]> = [
      [['merge', join(dir, 's1'), '-o', out], /merge: missing shard 2\/2/],
      [['merge', join(dir, 's1'), join(dir, 's1'), '-o', out], /s1: shard 1\/2 is also in .*s1/],
      [['merge', join(dir, 's1'), join(dir, 't2'), '-o', out], /t2: not a shard of the same sweep as .*s1/],
      [['merge', dir, '-o', out], /not a shard directory: no shard\.json/],
      [['run', join(dir, 's.json'), '--set', 'replications=1', '--shard', '1/2', '-o', out], /--shard: .*s\.json is a single run/],
      [['run', join(dir, 's.json'), '--shard', '0/2', '-o', out], /argument '0\/2' is invalid\. expected K\/N with 1 <= K <= N <= 1000/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('names a damaged shard file in one line, exit 2, and writes nothing: a corrupt summary.json, a truncated or forged shard.json', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 60, replications: 2 } });
    for (const k of [1, 2]) expect((await cli('run', join(dir, 's.json'), '--shard', `${k}/2`, '-o', join(dir, `s${k}`), '--workers', '0', '--no-charts')).code).toBe(0);
    const out = join(dir, 'm');
    const summary = join(dir, 's2', 'points', 'seed=12', 'summary.json');
    const manifest = join(dir, 's1', 'shard.json');
    const good = readFileSync(manifest, 'utf8');
    const cases: Array<[() => void, RegExp]> = [
      [() => writeFileSync(summary, '{"matchsim": {"summaryVersion": 1}, "wait": '), /seed=12\/summary\.json: the run summary is not valid JSON \(a damaged or unfinished file\?\)$/],
      [() => writeFileSync(summary, '{"matchsim": {"summaryVersion": 1}}'), /seed=12\/summary\.json: not a matchsim run summary$/],
      [() => writeFileSync(manifest, good.slice(0, 40)), /s1\/shard\.json: the shard manifest is not valid JSON/],
      [() => writeFileSync(manifest, good.replace('"shard": 1', '"shard": "1"')), /s1\/shard\.json: shard: not a matchsim shard manifest$/],
    ];
    for (const [damage, message] of cases) {
      damage();
      const r = await cli('merge', join(dir, 's1'), join(dir, 's2'), '-o', out);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
      expect(existsSync(out)).toBe(false);
      writeFileSync(manifest, good);
    }
  });
});
