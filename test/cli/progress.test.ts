import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

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
