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

/** h:mm:ss of simulated time. */
const clock = (seconds: number): string => {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * A one-line progress report of a single run on stderr (simulated time out of
 * `end`, players so far, elapsed), drawn only on a terminal and only once the
 * run has taken `after` seconds, so that short runs show nothing.
 */
export function runProgressLine(io: CliIO, end: number, after = 2): { readonly update: (time: number, players: number) => void; readonly finish: () => void } | undefined {
  if (!io.stderrIsTTY) return undefined;
  const started = performance.now();
  let drawn = false;
  let lastDraw = -Infinity;
  return {
    update: (time, players) => {
      const at = performance.now();
      if (at - started < after * 1000 || at - lastDraw < 200) return;
      lastDraw = at;
      drawn = true;
      const share = end > 0 ? Math.min(100, Math.floor((time / end) * 100)) : 100;
      io.stderr(`\rsimulated ${clock(time)} of ${clock(end)} (${share}%)  ${players.toLocaleString('en-US')} players  ${((at - started) / 1000).toFixed(1)} s elapsed `);
    },
    finish: () => {
      if (drawn) io.stderr('\n');
    },
  };
}

/** A tuning's progress as words: its round, runs spent, and the best candidate so far (by means). */
export function tuneProgressText(p: { round: number; runs: number; budget: number; best?: { candidate: ReadonlyMap<string, number>; objective: number } }, objective: string): string {
  const best = p.best ? `best so far ${[...p.best.candidate].map(([path, value]) => `${path}=${value}`).join(' ')} (${objective} ${Math.round(p.best.objective * 1000) / 1000})` : 'nothing meets the constraints yet';
  return `round ${p.round}, ${p.runs} of ${p.budget} runs, ${best}`;
}
