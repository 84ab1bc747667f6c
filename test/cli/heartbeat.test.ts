import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/program.js';
import { seedScenario, writeFiles } from '../fixtures/helpers.js';

/** The CLI in-process with a terminal or not, and heartbeats every `heartbeatMs`. */
async function run(args: string[], io: { stderrIsTTY: boolean; heartbeatMs?: number }): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(args, { stdout: () => {}, stderr: (t) => (stderr += t), env: {}, ...io });
  return { code, stderr };
}

// A run of a second or so: long enough for heartbeats every 50 ms.
const busy = { ...seedScenario, duration: 1500, arrivals: { type: 'poisson', rate: 40 } };

describe('long work is seen to be alive', () => {
  it('off a terminal, a run, a sweep and a tuning each print a line every heartbeat on stderr, saying how far they are', async () => {
    const dir = writeFiles({ 's.json': busy });
    const s = join(dir, 's.json');
    const cases: Array<[string[], RegExp]> = [
      [['run', s, '-o', join(dir, 'a'), '--no-charts'], /^matchsim: the run still running, \d+ s elapsed: simulated \d+ of 1530 s, [\d,]+ players$/m],
      [['run', s, '-o', join(dir, 'b'), '--no-charts', '--replications', '2', '--workers', '0'], /^matchsim: the sweep still running, \d+ s elapsed: [01] of 2 runs done$/m],
      [['tune', s, '-o', join(dir, 'c'), '--no-charts', '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--budget', '4', '--replications', '1'], /^matchsim: the tuning still running, \d+ s elapsed: (starting|round \d+, \d+ of 4 runs, (best so far matcher\.windowGrowth=[\d.]+ \(wait\.p95 [\d.]+\)|nothing meets the constraints yet))$/m],
    ];
    for (const [args, line] of cases) {
      const r = await run(args, { stderrIsTTY: false, heartbeatMs: 50 });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(line);
    }
  });

  it('on a terminal, a tuning redraws its round, runs spent and best so far; off one with the default interval, a short run says nothing', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 120 } });
    const tty = await run(['tune', join(dir, 's.json'), '-o', join(dir, 't'), '--no-charts', '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--budget', '6', '--replications', '1'], { stderrIsTTY: true });
    expect(tty.code, tty.stderr).toBe(0);
    expect(tty.stderr).toMatch(/\rround 1, [23] of 6 runs, best so far matcher\.windowGrowth=[\d.]+ \(wait\.p95 [\d.]+\)\u001b\[K/);
    const quiet = await run(['run', join(dir, 's.json'), '-o', join(dir, 'q'), '--no-charts'], { stderrIsTTY: false });
    expect(quiet.stderr).toBe(`matchsim: wrote ${join(dir, 'q')}\n`);
  });
});
