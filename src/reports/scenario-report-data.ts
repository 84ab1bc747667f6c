import { roleWaitRows, type RoleWaitRow } from './charts/roles-chart.js';
import type { RolesSummary } from './roles-summary.js';
import { quantileSorted } from 'simple-statistics';
import { FAULT_KINDS, type FaultKind } from '../engine/run-events.js';
import type { FaultCosts } from '../engine/faults.js';
import type { RunStats } from '../engine/run-tally.js';
import { matcherTraits } from '../algorithms/registry.js';
import { windowPolicy } from '../engine/pool/window.js';
import { cdfPoints, cdfUpTo } from './cdf.js';
import { asNumbers, round6 } from './numbers.js';
import { niceStep, type Bin } from './run-report-data.js';
import type { Summary } from './summary.js';
import { populationReportData, type PopulationReportData } from './population-report-data.js';
import { backfillReportData, sessionBackfillReportData, streamBackfillReportData, type BackfillReportData } from './backfill-report-data.js';
import { isPopulationBackfill, isSessionBackfill } from './backfill-summary.js';
import { latencyReportData, type LatencyReportData } from './latency-report-data.js';

/**
 * What the charts particular to a scenario show (teams, pools, arrivals that
 * vary over time, abandonment, faults), and what every run's wait-by-score
 * and window charts show: aggregated, so that a run of millions of players
 * charts in kilobytes. A part is absent when the scenario has nothing for it.
 */
export interface ScenarioReportData {
  /** Matched players by score and wait: a density. */
  readonly waitByScore?: ReadonlyArray<{ readonly score: number; readonly score2: number; readonly wait: number; readonly wait2: number; readonly players: number }>;
  /** The window policy's allowed gap against seconds waited, and rooms' spreads against their shortest wait (a sample of at most MAX_DOTS rooms). */
  readonly window?: {
    readonly policy: ReadonlyArray<{ readonly wait: number; readonly gap: number }>;
    readonly rooms: ReadonlyArray<{ readonly wait: number; readonly spread: number }>;
    /** Rooms in the sample, of all rooms; those of the sample whose latest arrival waited beyond the limit (the 99.5th percentile) are not drawn. */
    readonly sampled: number;
    readonly total: number;
    readonly beyond: { readonly limit: number; readonly count: number };
    /** Rooms (of all) whose spread is above the window line. */
    readonly above: number;
  };
  readonly teams?: { readonly gaps: readonly Bin[]; readonly favourite: readonly Bin[] };
  /** Each pool's wait CDF, up to the largest of the pools' 99.5th percentiles (`limit`); `beyond` players waited longer. */
  readonly pools?: { readonly points: ReadonlyArray<{ readonly pool: string; readonly wait: number; readonly share: number }>; readonly limit: number; readonly beyond: number };
  /** By bucket of arrival time: arrivals per minute, the wait p50 and p95 of the players who arrived in it, and the share who gave up. */
  readonly overTime?: ReadonlyArray<{ readonly time: number; readonly arrivalsPerMinute: number; readonly waitP50: number | null; readonly waitP95: number | null; readonly gaveUp: number | null }>;
  /** A sample of players: patience drawn, and how long they stayed (until matched, or until they gave up). */
  readonly patience?: ReadonlyArray<{ readonly patience: number; readonly stayed: number; readonly outcome: string }>;
  readonly faults?: {
    readonly byFault: ReadonlyArray<{ readonly fault: string; readonly figure: string; readonly seconds: number }>;
    /** The players each fault hurt, by way, alone and through the others (what removing it saves). */
    readonly lost: ReadonlyArray<{ readonly fault: string; readonly measure: string; readonly way: string; readonly players: number }>;
    /** Faults per bucket of time during the run, by kind (in words). */
    readonly overTime: ReadonlyArray<{ readonly time: number; readonly time2: number; readonly kind: string; readonly count: number }>;
    /** Faults that struck after the run's end (messages still expiring in a lagging consumer's inbox), by kind; and when the last did. */
    readonly afterEnd: { readonly kinds: ReadonlyArray<{ readonly kind: string; readonly count: number }>; readonly last: number };
  };
  /** A closed population: convergence, calibration, concurrency, waits by uncertainty, evenness, retention. */
  readonly population?: PopulationReportData;
  /** With data centres: rooms by data centre over time, round trips, waits by where players are, the cap over the rooms. */
  readonly latency?: LatencyReportData;
  /** With role queues: summary.json's roles, and each role's waits as the chart's rows. */
  readonly roles?: { readonly summary: RolesSummary; readonly rows: readonly RoleWaitRow[] };
  /** With a population's backfill: how soon requests were filled, and how much of each match was short-handed. */
  readonly backfill?: BackfillReportData;
  /** With a replayed log's observed waits: the CDFs of the simulated and the observed waits, and how many each holds. */
  readonly observed?: {
    readonly cdf: ReadonlyArray<{ readonly series: string; readonly wait: number; readonly share: number }>;
    readonly simulated: number;
    readonly observed: number;
    /** With pools, or else data centres: the same two CDFs in each group (each player's pool, or nearest data centre), and how many each holds. */
    readonly groups?: {
      readonly by: 'pool' | 'nearest data centre';
      readonly cdf: ReadonlyArray<{ readonly group: string; readonly series: string; readonly wait: number; readonly share: number }>;
      readonly counts: ReadonlyArray<{ readonly group: string; readonly simulated: number; readonly observed: number }>;
    };
  };
}

/** Dots drawn at most in a scatter: enough to see the shape, few enough to draw in milliseconds. */
export const MAX_DOTS = 1500;
/** Buckets of time at most. */
const MAX_BUCKETS = 96;

export function scenarioReportData(summary: Summary, stats: RunStats): ScenarioReportData {
  const scenario = summary.scenario;
  const matcher = scenario.matcher;
  const varying = arrivalsVary(scenario);
  return {
    ...optional('waitByScore', waitByScore(stats)),
    ...optional('window', matcherTraits(matcher).oneWindow ? windowData(summary, stats) : undefined),
    ...optional('teams', stats.teamGaps.length > 0 ? { gaps: bins(stats.teamGaps, 30), favourite: bins(stats.favouriteWins.map((x) => x * 100), 30) } : undefined),
    ...optional('pools', (matcher.pools ?? []).length > 0 ? poolCdfs(stats, (matcher.pools ?? []).map((p) => p.name)) : undefined),
    ...optional('overTime', varying || scenario.abandonment ? overTime(stats, scenario.duration) : undefined),
    ...optional('patience', scenario.abandonment ? patienceSample(stats) : undefined),
    ...optional('faults', summary.faults ? faultData(summary, stats, scenario.duration + scenario.drain) : undefined),
    ...optional('population', stats.population && summary.population ? populationReportData(summary, stats.population, stats.byPlayer.wait, bins) : undefined),
    // No room formed: nothing went anywhere, and empty charts would say nothing.
    ...optional('observed', observedCdfs(stats, (matcher.pools ?? []).map((p) => p.name))),
    ...optional('latency', stats.placement && stats.placement.rooms.length > 0 ? latencyReportData(stats.placement, scenario.duration + scenario.drain, matcher.latency) : undefined),
    ...optional('roles', summary.roles !== undefined ? { summary: summary.roles, rows: roleWaitRows(summary.roles) } : undefined),
    ...optional('backfill', backfillData(summary, stats)),
  };
}

/** A population's backfill, or sessions that start short: what the backfill charts draw. */
function backfillData(summary: Summary, stats: RunStats): BackfillReportData | undefined {
  const b = summary.backfill;
  if (b === undefined) return undefined;
  if (isSessionBackfill(b)) {
    const timeout = (summary.scenario.matcher.flexmatch as { backfill?: { timeoutSeconds: number } } | undefined)?.backfill?.timeoutSeconds;
    return stats.sessionBackfill !== undefined && timeout !== undefined ? sessionBackfillReportData(stats.sessionBackfill, b, timeout) : undefined;
  }
  if (!isPopulationBackfill(b)) {
    const timeout = summary.scenario.backfillRequests?.timeoutSeconds;
    return stats.backfillStream !== undefined && timeout !== undefined ? streamBackfillReportData(stats.backfillStream, b, timeout) : undefined;
  }
  const spec = summary.scenario.population?.backfill;
  return stats.population?.backfill !== undefined && spec !== undefined ? backfillReportData(stats.population, stats.population.backfill, b, spec.timeoutSeconds) : undefined;
}

/** The simulated waits' CDF and the observed ones', when the source recorded production's waits and both have some. */
function observedCdfs(stats: RunStats, pools: readonly string[]): ScenarioReportData['observed'] {
  const at = stats.observed?.names.indexOf('wait') ?? -1;
  if (stats.observed === undefined || at < 0) return undefined;
  const column = stats.observed.columns[at];
  const observed = column.filter((x) => !Number.isNaN(x)).sort();
  const simulated = Float64Array.from(stats.waits).sort();
  if (observed.length === 0 || simulated.length === 0) return undefined;
  const cdf = [
    ...cdfPoints(simulated).map((p) => ({ series: 'simulated', wait: p.value, share: p.share })),
    ...cdfPoints(observed).map((p) => ({ series: 'observed in production', wait: p.value, share: p.share })),
  ];
  return { cdf, simulated: simulated.length, observed: observed.length, ...optional('groups', observedGroups(stats, column, pools)) };
}

/** Each player's group for the observed chart: its pool, or else its nearest data centre; none without either, or with one group only. */
function observedGroups(stats: RunStats, observed: Float64Array, pools: readonly string[]): NonNullable<ScenarioReportData['observed']>['groups'] {
  const placement = stats.placement;
  const grouping =
    pools.length > 0
      ? { by: 'pool' as const, labels: [...pools, '(no pool)'], of: (i: number) => (stats.byPlayer.pool[i] < 0 ? pools.length : stats.byPlayer.pool[i]) }
      : placement !== undefined
        ? { by: 'nearest data centre' as const, labels: [...placement.dataCentres, '(no round trip)'], of: (i: number) => (placement.nearestOf[i] < 0 ? placement.dataCentres.length : placement.nearestOf[i]) }
        : undefined;
  if (grouping === undefined) return undefined;
  const { wait } = stats.byPlayer;
  const sim = grouping.labels.map(() => [] as number[]);
  const obs = grouping.labels.map(() => [] as number[]);
  for (let i = 0; i < wait.length; i++) {
    const g = grouping.of(i);
    if (!Number.isNaN(wait[i])) sim[g].push(wait[i]);
    if (!Number.isNaN(observed[i])) obs[g].push(observed[i]);
  }
  // A group neither side has a wait in says nothing; one group is the overall chart again.
  const shown = grouping.labels.map((group, g) => ({ group, g })).filter(({ g }) => sim[g].length > 0 || obs[g].length > 0);
  if (shown.length < 2) return undefined;
  const points = (group: string, series: string, waits: number[]) => cdfPoints(Float64Array.from(waits).sort(), 100).map((p) => ({ group, series, wait: p.value, share: p.share }));
  return {
    by: grouping.by,
    cdf: shown.flatMap(({ group, g }) => [...points(group, 'simulated', sim[g]), ...points(group, 'observed in production', obs[g])]),
    counts: shown.map(({ group, g }) => ({ group, simulated: sim[g].length, observed: obs[g].length })),
  };
}

/** The arrival rate changes over the run: a profile, or bursts. */
export function arrivalsVary(scenario: Summary['scenario']): boolean {
  return scenario.arrivals?.type === 'profile' || (scenario.arrivals?.type === 'poisson' && (scenario.arrivals.bursts ?? []).length > 0);
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** Counts of `values` in at most `most` bins of a nice width over their range. */
export function bins(values: ArrayLike<number>, most: number): Bin[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!(hi >= lo)) return [];
  const step = niceStep((hi - lo) / most || 1);
  const start = Math.floor(lo / step) * step;
  const n = Math.max(1, Math.floor((hi - start) / step) + 1);
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < values.length; i++) counts[Math.min(n - 1, Math.floor((values[i] - start) / step))]++;
  return counts.map((count, i) => ({ start: round6(start + i * step), end: round6(start + (i + 1) * step), count }));
}

/** Matched players (present when their room formed) in cells of score and wait, both cut at their 0.5th and 99.5th percentiles. */
function waitByScore(stats: RunStats): ScenarioReportData['waitByScore'] {
  const { score, wait } = stats.byPlayer;
  const scores: number[] = [];
  const waits: number[] = [];
  for (let i = 0; i < wait.length; i++) {
    if (Number.isNaN(wait[i])) continue;
    scores.push(score[i]);
    waits.push(wait[i]);
  }
  if (waits.length < 2) return undefined;
  const sortedScores = Float64Array.from(scores).sort();
  const sortedWaits = Float64Array.from(waits).sort();
  const s0 = quantileSorted(asNumbers(sortedScores), 0.005);
  const s1 = quantileSorted(asNumbers(sortedScores), 0.995);
  const w1 = quantileSorted(asNumbers(sortedWaits), 0.995);
  const sStep = niceStep((s1 - s0) / 40 || 1);
  const wStep = niceStep(w1 / 30 || 1);
  const sFrom = Math.floor(s0 / sStep) * sStep;
  const columns = Math.max(1, Math.ceil((s1 - sFrom) / sStep + 1e-9));
  const rows = Math.max(1, Math.ceil(w1 / wStep + 1e-9));
  const cells = new Map<number, number>();
  for (let i = 0; i < waits.length; i++) {
    const c = Math.floor((scores[i] - sFrom) / sStep);
    const r = Math.floor(waits[i] / wStep);
    if (c < 0 || c >= columns || r < 0 || r >= rows) continue;
    cells.set(r * columns + c, (cells.get(r * columns + c) ?? 0) + 1);
  }
  // In cell order, whatever order players filled them: the chart's data is the same for the same run.
  return [...cells.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const r = Math.floor(key / columns);
      const c = key % columns;
      return { score: round6(sFrom + c * sStep), score2: round6(sFrom + (c + 1) * sStep), wait: round6(r * wStep), wait2: round6((r + 1) * wStep), players: cells.get(key) as number };
    });
}

/** Every k-th of n items, so that at most `most` are kept: a sample that is the same for the same run. */
function everyKth(n: number, most: number): number[] {
  const k = Math.max(1, Math.ceil(n / most));
  const picked: number[] = [];
  for (let i = 0; i < n; i += k) picked.push(i);
  return picked;
}

function windowData(summary: Summary, stats: RunStats): ScenarioReportData['window'] {
  const n = stats.spreads.length;
  if (n === 0) return undefined;
  const policy = windowPolicy(summary.scenario.matcher.window);
  const waits = Float64Array.from(stats.shortestWaits).sort();
  const longest = quantileSorted(asNumbers(waits), 0.995);
  const steps = 200;
  const line = Array.from({ length: steps + 1 }, (_, i) => {
    const wait = (longest * i) / steps;
    return { wait: round6(wait), gap: round6(policy(wait)) };
  });
  let above = 0;
  for (let r = 0; r < n; r++) if (stats.spreads[r] > policy(stats.shortestWaits[r]) + 1e-9) above++;
  const sample = everyKth(n, MAX_DOTS);
  const within = sample.filter((r) => stats.shortestWaits[r] <= longest);
  return {
    policy: line,
    rooms: within.map((r) => ({ wait: round6(stats.shortestWaits[r]), spread: stats.spreads[r] })),
    sampled: sample.length,
    total: n,
    beyond: { limit: round6(longest), count: sample.length - within.length },
    above,
  };
}

function poolCdfs(stats: RunStats, names: readonly string[]): ScenarioReportData['pools'] {
  const { pool, wait } = stats.byPlayer;
  const labels = [...names, '(no pool)'];
  const byPool = labels.map(() => [] as number[]);
  for (let i = 0; i < wait.length; i++) if (!Number.isNaN(wait[i])) byPool[pool[i] < 0 ? names.length : pool[i]].push(wait[i]);
  const sorted = byPool.map((waits) => Float64Array.from(waits).sort());
  const limit = round6(Math.max(0, ...sorted.filter((w) => w.length > 0).map((w) => quantileSorted(asNumbers(w), 0.995))));
  let beyond = 0;
  for (const w of sorted) for (let i = w.length - 1; i >= 0 && w[i] > limit; i--) beyond++;
  const points = labels.flatMap((label, p) => {
    // Only a curve the limit cuts is drawn up to it.
    const cut = sorted[p][sorted[p].length - 1] > limit;
    return cdfUpTo(cdfPoints(sorted[p], 100), cut ? limit : Infinity, 'value').map((point) => ({ pool: label, wait: point.value, share: point.share }));
  });
  return { points, limit, beyond };
}

/** Players by bucket of arrival time over the arrivals' duration. */
function overTime(stats: RunStats, duration: number): ScenarioReportData['overTime'] {
  const { arrival, wait, waitedBeforeLeaving } = stats.byPlayer;
  if (arrival.length === 0) return undefined;
  const width = niceStep(duration / MAX_BUCKETS);
  const count = Math.max(1, Math.ceil(duration / width));
  const waits = Array.from({ length: count }, () => [] as number[]);
  const arrived = new Array<number>(count).fill(0);
  const left = new Array<number>(count).fill(0);
  for (let i = 0; i < arrival.length; i++) {
    const b = Math.min(count - 1, Math.floor(arrival[i] / width));
    arrived[b]++;
    if (!Number.isNaN(wait[i])) waits[b].push(wait[i]);
    if (!Number.isNaN(waitedBeforeLeaving[i])) left[b]++;
  }
  return waits.map((w, b) => {
    const sorted = asNumbers(Float64Array.from(w).sort());
    return {
      time: b * width,
      arrivalsPerMinute: round6((arrived[b] / width) * 60),
      waitP50: sorted.length > 0 ? round6(quantileSorted(sorted, 0.5)) : null,
      waitP95: sorted.length > 0 ? round6(quantileSorted(sorted, 0.95)) : null,
      gaveUp: arrived[b] > 0 ? round6(left[b] / arrived[b]) : null,
    };
  });
}

function patienceSample(stats: RunStats): ScenarioReportData['patience'] {
  const { patience, wait, waitedBeforeLeaving } = stats.byPlayer;
  return everyKth(patience.length, MAX_DOTS).flatMap((i) => {
    if (Number.isNaN(patience[i])) return [];
    const left = waitedBeforeLeaving[i];
    if (!Number.isNaN(left)) return [{ patience: round6(patience[i]), stayed: round6(left), outcome: 'gave up' }];
    if (!Number.isNaN(wait[i])) return [{ patience: round6(patience[i]), stayed: round6(wait[i]), outcome: 'matched' }];
    return [];
  });
}

function faultData(summary: Summary, stats: RunStats, end: number): ScenarioReportData['faults'] {
  const f = summary.faults;
  if (f === undefined) return undefined;
  const byFault = f.byFault.flatMap((b) => [
    { fault: b.fault, figure: 'mean', seconds: b.extraWait.mean ?? 0 },
    { fault: b.fault, figure: 'p95', seconds: b.extraWait.p95 ?? 0 },
  ]);
  const width = niceStep(end / MAX_BUCKETS);
  const counts = new Map<number, number>();
  const after = new Map<number, number>();
  let last = end;
  const { time, kind, count } = stats.faultEvents;
  for (let i = 0; i < time.length; i++) {
    if (time[i] >= end) {
      after.set(kind[i], (after.get(kind[i]) ?? 0) + count[i]);
      last = Math.max(last, time[i]);
      continue;
    }
    const key = Math.floor(time[i] / width) * FAULT_KINDS.length + kind[i];
    counts.set(key, (counts.get(key) ?? 0) + count[i]);
  }
  const overTime = [...counts.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const time = Math.floor(key / FAULT_KINDS.length) * width;
      return { time, time2: Math.min(end, time + width), kind: FAULT_WORDS[FAULT_KINDS[key % FAULT_KINDS.length]], count: counts.get(key) as number };
    });
  const afterEnd = { kinds: [...after.keys()].sort((a, b) => a - b).map((k) => ({ kind: FAULT_WORDS[FAULT_KINDS[k]], count: after.get(k) as number })), last };
  const lost = f.byFault.flatMap((b) =>
    LOST_WAYS.flatMap(([way, words]) => [
      { fault: b.fault, measure: 'alone', way: words, players: b.playersLost[way] },
      { fault: b.fault, measure: 'removing it saves', way: words, players: b.removed.playersLost[way] },
    ]),
  );
  return { byFault, lost, overTime, afterEnd };
}

/** Each kind of fault in words, as the timeline's strip names its rows. */
export const FAULT_WORDS: Readonly<Record<FaultKind, string>> = {
  stalledTick: 'worker stalled (ticks)',
  dropped: 'messages dropped',
  delayed: 'messages delayed',
  overCapacity: 'messages over capacity',
  expired: 'messages expired',
  disconnected: 'players disconnected',
  cacheCulled: 'cache entries culled',
  cacheExpired: 'cache entries expired',
};

/** The ways a fault loses a player, in words: summary.faults.playersLost's fields. */
export const LOST_WAYS: ReadonlyArray<readonly [keyof FaultCosts['playersLost'], string]> = [
  ['disconnected', 'disconnected before notified'],
  ['neverNotified', 'never notified'],
  ['roomEntryGone', 'found the room entry gone'],
];
