import { describe, expect, it } from 'vitest';
import { progressBar, runProgressLine } from '../../src/cli/progress.js';

describe('progressBar', () => {
  it('draws on a terminal: runs done, elapsed and an estimate, ending the line when done', () => {
    let err = '';
    const progress = progressBar({ stdout: () => {}, stderr: (t) => (err += t), stderrIsTTY: true }, 'runs')!;
    progress(1, 4);
    expect(err).toMatch(/^\r\[#{6}-{18}\] 1\/4 runs {2}[\d.]+ s elapsed {2}~[\d.]+ s left $/);
    progress(4, 4);
    expect(err).toMatch(/\[#{24}\] 4\/4 runs .*\n$/);
  });

  it('is silent when stderr is not a terminal', () => {
    expect(progressBar({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false }, 'runs')).toBeUndefined();
  });
});

describe('runProgressLine', () => {
  it('draws simulated time, players and elapsed time on a terminal once the run has taken long enough, and ends its line', () => {
    let err = '';
    const line = runProgressLine({ stdout: () => {}, stderr: (t) => (err += t), stderrIsTTY: true }, 86400, 0)!;
    line.update(3 * 3600 + 12 * 60 + 5, 1234567);
    expect(err).toMatch(/^\rsimulated 3:12:05 of 24:00:00 \(13%\) {2}1,234,567 players {2}[\d.]+ s elapsed $/);
    line.finish();
    expect(err.endsWith('\n')).toBe(true);
  });

  it('shows nothing for a short run, and nothing at all off a terminal', () => {
    let err = '';
    const line = runProgressLine({ stdout: () => {}, stderr: (t) => (err += t), stderrIsTTY: true }, 100)!;
    line.update(50, 10);
    line.finish();
    expect(err).toBe('');
    expect(runProgressLine({ stdout: () => {}, stderr: () => {}, stderrIsTTY: false }, 100)).toBeUndefined();
  });
});
