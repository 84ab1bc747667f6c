import type { RunStats } from '../engine/run-tally.js';
import { distribution, type Distribution } from './distribution.js';
import { round6 } from './numbers.js';

/**
 * summary.json's observed: what production did with the same tickets (a
 * replayed log's observed waits), beside what the simulated service did, and
 * the gap between them: (simulated - observed) / observed, so that 0.1 reads
 * "the simulation waits 10% longer than production did", and a calibration
 * gate is an expectation on it ({"observed.gap.waitP95": {"min": -0.1, "max": 0.1}}).
 */
export interface ObservedSummary {
  /** Tickets production matched (an observed wait is known), and their share of the tickets whose fate the log records (matched or left: a replay's copies, never observed, are not counted). */
  readonly matched: number;
  readonly matchedShare: number | null;
  /** Tickets production saw leave unmatched (timed out, cancelled). */
  readonly left: number;
  /** The waits production observed, in seconds. */
  readonly wait: Distribution;
  /** Simulated against observed, relative; null where the observed figure is 0 or unknown. */
  readonly gap: { readonly waitP50: number | null; readonly waitP95: number | null; readonly waitP99: number | null; readonly matchedShare: number | null };
}

/** The observed figures, for a run whose source records an observed wait; undefined for any other. */
export function observedSummary(stats: RunStats, simulated: { readonly wait: Distribution; readonly matchedPresentShare: number | null }): ObservedSummary | undefined {
  const observed = stats.observed;
  const at = observed?.names.indexOf('wait') ?? -1;
  if (observed === undefined || at < 0) return undefined;
  const waits = observed.columns[at].filter((x) => !Number.isNaN(x)).sort();
  const leftAt = observed.names.indexOf('waitBeforeLeaving');
  const left = leftAt < 0 ? 0 : observed.columns[leftAt].filter((x) => !Number.isNaN(x)).length;
  const wait = distribution(waits);
  const known = waits.length + left;
  // A log that records no leaves (Open Match's assignments) cannot say what share was matched: the rest may still have been waiting.
  const matchedShare = known === 0 || leftAt < 0 ? null : round6(waits.length / known);
  const gap = (sim: number | null, obs: number | null) => (sim === null || obs === null || obs === 0 ? null : round6((sim - obs) / obs));
  return {
    matched: waits.length,
    matchedShare,
    left,
    wait,
    gap: { waitP50: gap(simulated.wait.p50, wait.p50), waitP95: gap(simulated.wait.p95, wait.p95), waitP99: gap(simulated.wait.p99, wait.p99), matchedShare: gap(simulated.matchedPresentShare, matchedShare) },
  };
}
