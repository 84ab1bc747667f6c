import type { CliIO } from './io.js';

/** How often a long command says, off a terminal, that it is alive. */
export const HEARTBEAT_MS = 30_000;

/**
 * Off a terminal (a CI log), long work says every 30 s or so on stderr that
 * it is alive and how far it is, so that a log never looks hung; on a
 * terminal the progress line does that. `describe` says how far it is, and
 * is called only when a line is due (so that a run's every tick costs nothing).
 * The timer holds the process open for nothing (unref), and the simulation
 * gives the event loop a turn often enough for it to fire.
 */
export function heartbeat(io: CliIO, what: string, describe: () => string): { readonly stop: () => void } {
  if (io.stderrIsTTY) return { stop: () => {} };
  const started = performance.now();
  const timer = setInterval(() => io.stderr(`matchsim: ${what} still running, ${Math.round((performance.now() - started) / 1000)} s elapsed: ${describe()}\n`), io.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
