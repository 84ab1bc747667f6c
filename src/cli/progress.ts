import type { Progress } from '../sweep/task-pool.js';
import type { CliIO } from './io.js';

const WIDTH = 24;

/** A one-line progress bar on stderr (runs done, elapsed, estimate), or nothing when stderr is not a terminal. */
export function progressBar(io: CliIO, what: string): Progress | undefined {
  if (!io.stderrIsTTY) return undefined;
  const started = performance.now();
  return (done, total) => {
    const elapsed = (performance.now() - started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
    const filled = Math.round((done / total) * WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled);
    io.stderr(`\r[${bar}] ${done}/${total} ${what}  ${elapsed.toFixed(1)} s elapsed  ~${eta.toFixed(1)} s left ${done === total ? '\n' : ''}`);
  };
}
