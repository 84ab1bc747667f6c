/*
 * The figures of a run's summary that expectations, baselines, sweeps and
 * comparisons speak of: plain data, a leaf module, so that the scenario's
 * schema (its expectations) can name them without importing the reports.
 */

/** A figure of a run's summary that sweeps, reports and comparisons put side by side. */
export interface Figure {
  readonly key: string;
  readonly label: string;
  /** Whether a larger value is better, for reading a comparison; undefined where neither is. */
  readonly higherIsBetter?: boolean;
  /** Only some runs have it (teams): tables leave it out where no run has a value. */
  readonly optional?: true;
  /** A count of players: an expectation may bound its share of players.total (minShare, maxShare). */
  readonly perPlayer?: true;
  /** The values it can take, where bounded (a share: [0, 1]); its intervals stay inside. */
  readonly range?: readonly [number, number];
}

/** The range of a share. */
export const SHARE: readonly [number, number] = [0, 1];

/** Every figure, by key: what expectations, baselines, sweeps and comparisons speak of. */
export const FIGURES: readonly Figure[] = [
  { key: 'wait.mean', label: 'wait mean (s)', higherIsBetter: false },
  { key: 'wait.p50', label: 'wait p50 (s)', higherIsBetter: false },
  { key: 'wait.p90', label: 'wait p90 (s)', higherIsBetter: false },
  { key: 'wait.p95', label: 'wait p95 (s)', higherIsBetter: false },
  { key: 'wait.p99', label: 'wait p99 (s)', higherIsBetter: false },
  { key: 'wait.max', label: 'wait max (s)', higherIsBetter: false },
  { key: 'spread.mean', label: 'spread mean', higherIsBetter: false },
  { key: 'spread.p50', label: 'spread p50', higherIsBetter: false },
  { key: 'spread.p95', label: 'spread p95', higherIsBetter: false },
  { key: 'spread.max', label: 'spread max', higherIsBetter: false },
  { key: 'throughput.roomsPerMinute', label: 'rooms per minute', higherIsBetter: true },
  { key: 'players.matchedShare', label: 'matched share (ghosts included)', higherIsBetter: true, range: SHARE },
  { key: 'players.matchedPresentShare', label: 'matched while present', higherIsBetter: true, range: SHARE, optional: true },
  { key: 'abandonment.rate', label: 'gave-up share', higherIsBetter: false, range: SHARE },
  { key: 'teams.gap.mean', label: 'team mean gap', higherIsBetter: false, optional: true },
  { key: 'teams.favouriteWin.mean', label: "favourite's predicted win chance", higherIsBetter: false, optional: true, range: SHARE },
  // With data centres (scenario.latency): round trips in the rooms' data centres.
  { key: 'latency.mean', label: 'latency mean (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.p50', label: 'latency p50 (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.p95', label: 'latency p95 (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.p99', label: 'latency p99 (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.max', label: 'latency max (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.deltaPing.mean', label: 'delta ping mean (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.deltaPing.p95', label: 'delta ping p95 (ms)', higherIsBetter: false, optional: true },
  { key: 'latency.atBestShare', label: 'placed at best data centre', higherIsBetter: true, optional: true, range: SHARE },
  // With a replayed log: what production did with the same tickets, and the simulation against it (relative).
  { key: 'observed.wait.p50', label: 'observed wait p50 (s)', optional: true },
  { key: 'observed.wait.p95', label: 'observed wait p95 (s)', optional: true },
  { key: 'observed.matchedShare', label: 'observed matched share', optional: true, range: SHARE },
  { key: 'observed.gap.waitP50', label: 'simulated wait p50 against observed (relative)', optional: true },
  { key: 'observed.gap.waitP95', label: 'simulated wait p95 against observed (relative)', optional: true },
  { key: 'observed.gap.waitP99', label: 'simulated wait p99 against observed (relative)', optional: true },
  { key: 'players.total', label: 'players' },
  { key: 'players.matched', label: 'players matched', higherIsBetter: true, perPlayer: true },
  { key: 'players.waiting', label: 'players still waiting', higherIsBetter: false, perPlayer: true },
  { key: 'players.abandoned', label: 'players who gave up unmatched', higherIsBetter: false, perPlayer: true },
  // With a FlexMatch requestTimeoutSeconds: tickets the service gave up.
  { key: 'abandonment.timedOut', label: 'players timed out by the service', higherIsBetter: false, optional: true, perPlayer: true },
  // With acceptance (FlexMatch's acceptanceRequired): how many proposed matches went ahead, and the players whose tickets a failed one ended.
  { key: 'acceptance.acceptedShare', label: 'proposed matches accepted', higherIsBetter: true, optional: true, range: SHARE },
  { key: 'acceptance.playersCancelled', label: 'players cancelled by a failed proposal', higherIsBetter: false, optional: true, perPlayer: true },
  // Where rooms vary in size (a FlexMatch rule set's teams between minPlayers and maxPlayers): how full they were.
  { key: 'roomPlayers.mean', label: 'players per room (mean)', higherIsBetter: true, optional: true },
  { key: 'roomPlayers.fullShare', label: 'rooms full', higherIsBetter: true, optional: true, range: SHARE },
  // With role queues: how many played off their first choice, or a role they did not queue for.
  { key: 'roles.offFirstChoiceShare', label: 'played off first choice', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'roles.fillShare', label: 'played a role not queued for (fill)', higherIsBetter: false, optional: true, range: SHARE },
  // With a priority pass (roles.priorityPass): how many visits had one, and what it bought them.
  { key: 'roles.priorityPass.share', label: 'visits with a priority pass', optional: true, range: SHARE },
  { key: 'roles.priorityPass.waitP50', label: 'wait p50 with a priority pass (s)', higherIsBetter: false, optional: true },
  { key: 'rooms', label: 'rooms' },
  // A closed population's (population mode only).
  { key: 'population.convergence.correlation', label: 'rating-skill correlation', higherIsBetter: true, optional: true, range: [-1, 1] },
  { key: 'population.convergence.rmse', label: 'rating RMSE', higherIsBetter: false, optional: true },
  { key: 'population.calibration.error', label: 'calibration error', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'population.blowoutRate', label: 'blowout share', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'population.favouriteWin.mean', label: "true-skill favourite's win chance", higherIsBetter: false, optional: true, range: SHARE },
  { key: 'population.waits.new.p95', label: "new players' wait p95 (s)", higherIsBetter: false, optional: true },
  { key: 'population.waits.established.p95', label: "established players' wait p95 (s)", higherIsBetter: false, optional: true },
  { key: 'population.concurrency.online.mean', label: 'players online (mean)', optional: true },
  { key: 'population.matchesPerSession.mean', label: 'matches per session', higherIsBetter: true, optional: true },
  { key: 'population.retention', label: 'players kept (not quit)', higherIsBetter: true, optional: true, range: SHARE },
  // With a population's backfill: how long requests took, how much of the play was short-handed, and the waits of players matched into new matches.
  { key: 'backfill.timeToFill.p50', label: 'backfill time to fill p50 (s)', higherIsBetter: false, optional: true },
  { key: 'backfill.timeToFill.p95', label: 'backfill time to fill p95 (s)', higherIsBetter: false, optional: true },
  { key: 'backfill.shortHandedShare', label: 'time short-handed (a place open)', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'backfill.emptySeatShare', label: 'seat time empty', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'backfill.requests.timedOut', label: 'backfill requests timed out', higherIsBetter: false, optional: true },
  { key: 'backfill.filledShare', label: 'backfill requests filled', higherIsBetter: true, optional: true, range: SHARE },
  { key: 'backfill.waits.newMatches.p95', label: "new matches' players' wait p95 (s)", higherIsBetter: false, optional: true },
  // With sessions that start short (FlexMatch's automatic backfill, open arrivals): how many start short, how full, and how many backfill leaves short.
  { key: 'backfill.sessions.formedShortShare', label: 'sessions formed short', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'backfill.sessions.stillShortShare', label: 'sessions still short when backfill stopped', higherIsBetter: false, optional: true, range: SHARE },
  { key: 'backfill.playersPerSession.final', label: 'players per session when backfill stopped', higherIsBetter: true, optional: true },
  { key: 'backfill.timeToFull.p50', label: 'session time to full p50 (s)', higherIsBetter: false, optional: true },
];

/** A role's figures (role queues): its first-choice players' wait p50 and p95, and the share who played it. */
const ROLE_FIGURE = /^roles\.byRole\.([A-Za-z][A-Za-z0-9_-]{0,31})\.(waitP50|waitP95|playedFirstChoice)$/;

/** The figures of one role of a run's role queues (summary.json roles.byRole.<role>): each as any other figure. */
export function roleFigures(role: string): Figure[] {
  return [`roles.byRole.${role}.waitP50`, `roles.byRole.${role}.waitP95`, `roles.byRole.${role}.playedFirstChoice`].map((key) => figureOf(key) as Figure);
}

/** The figure of this key (a role's figure by its pattern), or undefined. */
export function figureOf(key: string): Figure | undefined {
  const fixed = FIGURES.find((f) => f.key === key);
  if (fixed !== undefined) return fixed;
  const role = ROLE_FIGURE.exec(key);
  if (role === null) return undefined;
  const [, name, field] = role;
  if (field === 'playedFirstChoice') return { key, label: `${name} played first choice`, higherIsBetter: true, optional: true, range: SHARE };
  return { key, label: `${name} wait ${field === 'waitP50' ? 'p50' : 'p95'} (s)`, higherIsBetter: false, optional: true };
}

/** The role whose wait p50 this key is (roles.byRole.<role>.waitP50), or undefined: the figure a sweep of role queues shows first. */
export function roleOfWaitP50(key: string): string | undefined {
  const role = ROLE_FIGURE.exec(key);
  return role !== null && role[2] === 'waitP50' ? role[1] : undefined;
}

/** The figures points of a sweep hold (a sweep.json read back holds what its runs had): the catalogue's, then any role's its first point names. */
export function figuresOfPoints(points: ReadonlyArray<{ readonly figures: Readonly<Record<string, unknown>> }>): Figure[] {
  const roles = Object.keys(points[0]?.figures ?? {}).filter((key) => !FIGURES.some((f) => f.key === key) && ROLE_FIGURE.test(key));
  return [...FIGURES, ...roles.map((key) => figureOf(key) as Figure)];
}

/** The figures a set of runs has: every figure of the catalogue, then each role's of the runs' role queues (in the order they first name them). */
export function figuresOfRuns(summaries: ReadonlyArray<{ readonly roles?: { readonly byRole: Readonly<Record<string, unknown>> } }>): Figure[] {
  const roles: string[] = [];
  for (const s of summaries) for (const role of Object.keys(s.roles?.byRole ?? {})) if (!roles.includes(role) && ROLE_FIGURE.test(`roles.byRole.${role}.waitP50`)) roles.push(role);
  return [...FIGURES, ...roles.flatMap(roleFigures)];
}
