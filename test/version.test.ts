import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATCHSIM_VERSION } from '../src/version.js';
import { cli, seedScenario, writeFiles } from './fixtures/helpers.js';
import { join } from 'node:path';

describe('the version matchsim records', () => {
  it('is package.json\'s, and summary.json, sweep.json and tune.json record it (--version prints it)', async () => {
    expect(MATCHSIM_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 60 } });
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'run'), '--no-charts')).code).toBe(0);
    expect((await cli('run', join(dir, 's.json'), '--replications', '2', '-o', join(dir, 'sweep'), '--no-charts', '--workers', '0')).code).toBe(0);
    expect((await cli('tune', join(dir, 's.json'), '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--budget', '4', '--replications', '1', '-o', join(dir, 'tune'), '--no-charts')).code).toBe(0);
    const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')).matchsim;
    expect(read('run/summary.json')).toEqual({ summaryVersion: 1, version: MATCHSIM_VERSION });
    expect(read('sweep/sweep.json')).toEqual({ sweepVersion: 1, version: MATCHSIM_VERSION });
    expect(read('tune/tune.json')).toEqual({ tuneVersion: 1, version: MATCHSIM_VERSION });
    expect((await cli('--version')).stdout.trim()).toBe(MATCHSIM_VERSION);
  });
});
