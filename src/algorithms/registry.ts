import { PoolClock } from '../engine/pool/clock.js';
import { queuedAt, ticketPings, type TicketSlots } from '../engine/ticket/ticket-slots.js';
import { DataCentrePools, type RoomCondition } from '../engine/pool/data-centre-pools.js';
import { LatencyCap, LatencyPlacer } from '../engine/pool/latency-cap.js';
import { PartitionedPool, type AttributedCandidate } from '../engine/pool/partitioned-pool.js';
import type { Candidate, MatchAlgorithm } from '../engine/pool/match-algorithm.js';
import { UserMatcherError, guardUserMatcher } from '../engine/pool/user-module.js';
import { windowPolicy, type WindowSpec } from '../engine/pool/window.js';
import type { EngineMatcher } from '../engine/engine-matcher.js';
import type * as z from 'zod';
import type { AcceptanceSettings, AlgorithmEntry, SessionBackfillSettings, AlgorithmTraits, FilterList, MatcherSettings, ServiceSettings, TeamShape, TunableParameter } from './algorithm-entry.js';
import { REGISTRY } from './built-in.js';
import { aroundValue } from './tunable-ranges.js';

export { REGISTRY };

export type AlgorithmName = (typeof REGISTRY)[number]['name'];
export const ALGORITHMS = REGISTRY.map((entry) => entry.name) as [AlgorithmName, ...AlgorithmName[]];

/**
 * Names old scenario files use for an algorithm plus settings that now have
 * fields of their own: "retry" is anchor under the retry service mode, with
 * matcher.retry.delay as the service's delay.
 */
export const ALGORITHM_ALIASES = { retry: { algorithm: 'anchor', fields: ['retry'] } } as const;

/** Names the window scans had when "seed" meant them too (and the random seed, a scenario and the reference server): still read, resolved to today's. */
export const FORMER_NAMES = { seed: 'score-scan', 'seed-legacy': 'arrival-scan' } as const;

/** Today's name of an algorithm, whatever name a scenario gives it. */
export function currentName(name: string): string {
  return Object.hasOwn(FORMER_NAMES, name) ? FORMER_NAMES[name as keyof typeof FORMER_NAMES] : name;
}

/** The matcher fields one entry owns: its namespace, matcher.<name> (when it has settings), and its aliases, each optional. */
type OwnFields<E> = E extends { readonly name: infer N extends string; readonly settings?: infer S; readonly aliases?: infer A }
  ? ([S] extends [z.ZodType] ? ([S] extends [z.ZodNever] ? unknown : { [K in N]: z.ZodOptional<S> }) : unknown) & ([A] extends [z.ZodRawShape] ? A : unknown)
  : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The fields of an entry, as the matcher's schema takes them. */
export function ownFields(entry: AlgorithmEntry): z.ZodRawShape {
  return { ...(entry.settings !== undefined ? { [entry.name]: entry.settings.optional() } : {}), ...(entry.aliases ?? {}) };
}

/** Every matcher field an algorithm owns, with its schema: what the scenario's matcher offers besides the common fields. */
export const ALGORITHM_FIELDS = Object.assign({}, ...(REGISTRY as readonly AlgorithmEntry[]).map(ownFields)) as UnionToIntersection<OwnFields<(typeof REGISTRY)[number]>>;

/** The entry of a built-in algorithm, by today's name or a former one; undefined for any other name. */
export function algorithmEntry(name: string): AlgorithmEntry | undefined {
  const current = currentName(name);
  return (REGISTRY as readonly AlgorithmEntry[]).find((entry) => entry.name === current);
}

/** The entry of a built-in algorithm, which the name must be. */
function requiredEntry(name: string): AlgorithmEntry {
  const entry = algorithmEntry(name);
  if (entry === undefined) throw new RangeError(`no algorithm named ${name}`);
  return entry;
}

/**
 * What a matcher does, for the parts of a run that depend on it (team
 * figures, the window chart, which services it can run under). A user's
 * module says only whether it holds parties; whether it can match one request
 * on its own is seen when it is built.
 */
export function matcherTraits(matcher: Pick<MatcherSettings, 'algorithm' | 'parties'> & { readonly module?: string; readonly userModule?: unknown }): AlgorithmTraits {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return { parties: matcher.parties === true, teams: false, services: ['rounds', 'retry'], oneWindow: false, clocks: ['rounds', 'seconds'] };
  return requiredEntry(matcher.algorithm).traits;
}

/** The teams a room is dealt into, for an algorithm that deals them (its settings say how many of what size); undefined otherwise, and for a user's module. */
export function teamShapeOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): TeamShape | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  const entry = requiredEntry(matcher.algorithm);
  return entry.traits.teams ? entry.teamShape?.(matcher) : undefined;
}

/** The names of the rosters an algorithm without team figures gives each match (a FlexMatch rule set's teams), if it names them. */
export function teamNamesOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): readonly string[] | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  const entry = requiredEntry(matcher.algorithm);
  return entry.traits.teams ? undefined : entry.teamNames?.(matcher);
}

/** The expansions whose step each match records (a FlexMatch rule set's targets, in its order): rooms.csv's expansion_<k>_step columns. */
export function expansionTargetsOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): readonly string[] {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return [];
  return requiredEntry(matcher.algorithm).expansionTargets?.(matcher) ?? [];
}

/** Seconds after which the service gives an unmatched request up, if the algorithm's settings say so (FlexMatch's requestTimeoutSeconds). */
export function requestTimeoutOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): number | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  return requiredEntry(matcher.algorithm).requestTimeout?.(matcher);
}

/** The automatic backfill of sessions that start short, if the algorithm's settings ask for it (FlexMatch's matcher.flexmatch.backfill). */
export function sessionBackfillOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): SessionBackfillSettings | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  return requiredEntry(matcher.algorithm).sessionBackfill?.(matcher);
}

/** The priority the algorithm's pool stands backfill requests at whatever they say (a FlexMatch rule set's), if it has one. */
export function backfillPriorityOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): 'high' | 'normal' | 'low' | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  return requiredEntry(matcher.algorithm).backfillPriority?.(matcher);
}

/** The fewest players a room may hold (FlexMatch's teams at their smallest minPlayers): roomSize unless the algorithm's rooms vary in size. */
export function smallestRoomOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): number {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return matcher.roomSize;
  return Math.min(matcher.roomSize, requiredEntry(matcher.algorithm).smallestRoom?.(matcher) ?? matcher.roomSize);
}

/** How players accept each match before it is made, if the algorithm's settings ask for it (FlexMatch's acceptanceRequired). */
export function acceptanceOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): AcceptanceSettings | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  return requiredEntry(matcher.algorithm).acceptance?.(matcher);
}

/** The sides a room is played between (a population's match outcomes): its teams, for an algorithm that deals them, or each player alone. */
export function matchSides(matcher: Parameters<typeof teamShapeOf>[0] & MatcherSettings): number {
  const shape = teamShapeOf(matcher);
  if (shape !== undefined) return shape.count;
  // Rosters all of one size (a FlexMatch rule set's teams) are the sides; without rosters every player is a side of its own.
  const sizes = teamSizesOf(matcher);
  return sizes !== undefined && sizes.length > 0 && sizes.every((n) => n === sizes[0]) ? sizes.length : matcher.roomSize;
}

/** The most players each of the algorithm's rosters holds, in order (a FlexMatch rule set's teams), if it names its rosters. */
export function teamSizesOf(matcher: Parameters<typeof matcherTraits>[0] & MatcherSettings): readonly number[] | undefined {
  if (matcher.module !== undefined || matcher.userModule !== undefined) return undefined;
  const entry = requiredEntry(matcher.algorithm);
  return entry.traits.teams ? undefined : entry.teamSizes?.(matcher);
}

/** The attribute filters every algorithm's settings in this matcher hold (a profile's), each with its path: checked against the players' attributes whichever algorithm runs. */
export function settingsFilters(matcher: MatcherSettings): FilterList[] {
  return (REGISTRY as readonly AlgorithmEntry[]).flatMap((entry) => entry.filters?.(matcher) ?? []);
}

/** The matcher fields an algorithm (or alias) owns: a sweep over algorithms keeps only its own at each point. */
export function fieldsOf(name: string): readonly string[] {
  if (Object.hasOwn(ALGORITHM_ALIASES, name)) return ALGORITHM_ALIASES[name as keyof typeof ALGORITHM_ALIASES].fields;
  const entry = algorithmEntry(currentName(name));
  return entry === undefined ? [] : Object.keys(ownFields(entry));
}

/** Every field some algorithm (or alias) owns, with the names that own it. */
export function ownedFields(): ReadonlyArray<readonly [field: string, owners: readonly string[]]> {
  const names = [...ALGORITHMS, ...Object.keys(ALGORITHM_ALIASES)];
  const fields = [...new Set(names.flatMap(fieldsOf))];
  return fields.map((field) => [field, names.filter((name) => fieldsOf(name).includes(field))] as const);
}

/** The matcher as the engine runs it: its shape, its service, and a factory of its pool (the engine imports no algorithm). */
/** `random`: the run's draws for a pool's own random choices (PoolContext.random). */
export function engineMatcher(settings: MatcherSettings & { readonly service: ServiceSettings }, random?: () => number): EngineMatcher {
  const teams = teamShapeOf(settings);
  const requestTimeout = requestTimeoutOf(settings);
  const expansions = expansionTargetsOf(settings).length;
  const smallestRoom = smallestRoomOf(settings);
  return {
    roomSize: settings.roomSize,
    ...(smallestRoom < settings.roomSize ? { smallestRoom } : {}),
    service: settings.service,
    ...(settings.pools !== undefined ? { pools: settings.pools } : {}),
    ...(teams !== undefined ? { teams } : {}),
    ...(teamNamesOf(settings) !== undefined ? { rostered: true } : {}),
    ...(requestTimeout !== undefined ? { requestTimeout } : {}),
    ...(expansions > 0 ? { expansions } : {}),
    ...(settings.userModule !== undefined ? { moduleName: settings.userModule.name } : {}),
    createPool: <T extends AttributedCandidate>(tickSeconds: number, tickets: TicketSlots<T>) => createMatchAlgorithm<T>(settings, tickSeconds, tickets, random),
  };
}

/**
 * Builds a fresh pool for `settings`, for a worker that runs a round every
 * `tickSeconds`; `tickets`: the ticket table behind the requests, by slot,
 * which a pool may read (the seconds clock reads each ticket's queue time
 * there, on the clock match(now) is given; it needs one).
 */
export function createMatchAlgorithm<T extends AttributedCandidate>(settings: MatcherSettings, tickSeconds: number, tickets?: TicketSlots<T>, random?: () => number): MatchAlgorithm<T> {
  const clock = settings.clock ?? 'rounds';
  const traits = matcherTraits(settings);
  if (!traits.clocks.includes(clock)) throw new RangeError(`algorithm ${settings.algorithm} cannot follow the ${clock} clock (it follows ${traits.clocks.join(' or ')})`);
  if (clock === 'seconds' && tickets === undefined) throw new RangeError("the seconds clock reads each request's queue time from its ticket: give the ticket table (tickets)");
  const makeClock = (): PoolClock<T> => (tickets !== undefined ? PoolClock.of<T>(clock, tickSeconds, queuedAt(tickets)) : PoolClock.rounds<T>(tickSeconds));
  const placed = (): MatchAlgorithm<T> => placedPool<T>(settings, tickSeconds, makeClock(), tickets, random);
  const pools = settings.pools;
  if (pools !== undefined) return new PartitionedPool<T>(pools, placed);
  return placed();
}

/**
 * The algorithm's pool, or with data centres one pool of it per data centre
 * (DataCentrePools), placing each room within the latency cap (no cap:
 * anywhere every player has a round trip to). A user's module places its own
 * rooms: it sees the latencies in the ticket table.
 */
function placedPool<T extends AttributedCandidate>(settings: MatcherSettings, tickSeconds: number, clock: PoolClock<T>, tickets: TicketSlots<T> | undefined, random: (() => number) | undefined): MatchAlgorithm<T> {
  if (tickets === undefined || tickets.table.dataCentres.length === 0 || settings.userModule !== undefined || matcherTraits(settings).ownRules === true) return createSinglePool<T>(settings, tickSeconds, clock, tickets, undefined, random);
  const placer = new LatencyPlacer<T>(new LatencyCap(settings.latency ?? { max: Infinity }), ticketPings(tickets));
  return new DataCentrePools<T>({ roomSize: settings.roomSize, clock, placer, makePool: (_dc, carried, accepts) => createSinglePool<T>(settings, tickSeconds, carried, tickets, accepts, random) });
}

function createSinglePool<T extends AttributedCandidate>(settings: MatcherSettings, tickSeconds: number, clock: PoolClock<T>, tickets: TicketSlots<T> | undefined, accepts: RoomCondition<T> | undefined, random: (() => number) | undefined): MatchAlgorithm<T> {
  const context = { roomSize: settings.roomSize, window: windowPolicy(settings.window), roundSeconds: tickSeconds, clock, ...(tickets !== undefined ? { tickets } : {}), ...(accepts !== undefined ? { accepts } : {}), ...(random !== undefined ? { random } : {}) };
  const user = settings.userModule;
  if (user) {
    let made: MatchAlgorithm<Candidate>;
    try {
      made = user.create(user.options, {
        roomSize: settings.roomSize,
        tickSeconds,
        window: context.window,
        parties: settings.parties === true,
        clock: clock as unknown as PoolClock<Candidate>,
        ...(tickets !== undefined ? { tickets: tickets as unknown as TicketSlots<Candidate> } : {}),
        dataCentres: tickets?.table.dataCentres ?? [],
        ...(settings.latency !== undefined ? { latency: settings.latency } : {}),
      });
    } catch (error) {
      throw new UserMatcherError(user.name, 'createMatcher', error);
    }
    if (made.roomSize !== settings.roomSize) {
      throw new UserMatcherError(user.name, 'createMatcher', new Error(`createMatcher returned rooms of ${made.roomSize}, the scenario asks for ${settings.roomSize}`));
    }
    if (settings.parties && made.parties !== true) {
      throw new UserMatcherError(user.name, 'createMatcher', new Error('the scenario has parties, and the matcher createMatcher returned does not declare parties: true'));
    }
    return guardUserMatcher(user.name, made as unknown as MatchAlgorithm<T>);
  }
  return requiredEntry(settings.algorithm).create<T>(settings, context);
}

/**
 * The settings the tuner searches when the command line names none: the
 * window's (by its type), the algorithm's own, and the retry service's delay.
 * Paths are in the scenario's own spelling (matcher.windowGrowth when it gives
 * the short form), so that --set and tuned.json take them as they are.
 */
export function tunableParameters(matcher: MatcherSettings & { readonly service?: ServiceSettings }, written: { readonly windowGrowth?: unknown; readonly algorithm?: unknown }): TunableParameter[] {
  const ownRules = matcher.userModule === undefined && algorithmEntry(matcher.algorithm)?.traits.ownRules === true;
  const window = ownRules ? [] : windowParameters(matcher.window, written.windowGrowth !== undefined ? 'matcher.windowGrowth' : 'matcher.window');
  const own = matcher.userModule === undefined ? (algorithmEntry(matcher.algorithm)?.tunable?.(matcher) ?? []) : [];
  const service = matcher.service?.type === 'retry' ? [aroundValue(written.algorithm === 'retry' ? 'matcher.retry.delay' : 'matcher.service.delay', matcher.service.delay, 4, { low: 0.25, high: 30 }, 1e9)] : [];
  return [...window, ...own, ...service, ...(ownRules ? [] : latencyParameters(matcher.latency))];
}

/**
 * A latency cap's first cap, to search up to its first step's (so that every
 * point still relaxes); the steps' caps only with --param, as they must stay
 * in order. A cap of no limit is a choice, not a setting.
 */
function latencyParameters(cap: MatcherSettings['latency']): TunableParameter[] {
  if (cap === undefined || !Number.isFinite(cap.max)) return [];
  const next = cap.steps?.[0]?.max ?? Infinity;
  const around = aroundValue('matcher.latency.max', cap.max, 4, { low: 5, high: 1000 }, 100_000);
  return [{ ...around, high: Math.min(around.high, next) }];
}

/** A window's settings to search; `at` is where the scenario writes it (the short form is the growth itself). */
function windowParameters(window: WindowSpec, at: string): TunableParameter[] {
  const growthRange = { low: 1, high: 1000 };
  switch (window.type) {
    case 'linear':
      return [aroundValue(at === 'matcher.windowGrowth' ? at : `${at}.growth`, window.growth, 10, growthRange)];
    case 'capped':
      return [aroundValue(`${at}.growth`, window.growth, 10, growthRange), aroundValue(`${at}.cap`, window.cap, 4, { low: 10, high: 10000 })];
    case 'exponential':
      return [
        aroundValue(`${at}.initial`, window.initial, 10, growthRange),
        { path: `${at}.factor`, low: 1, high: Math.min(1000, Math.max(2, 2 * window.factor)), scale: 'linear' },
        ...(window.cap !== undefined ? [aroundValue(`${at}.cap`, window.cap, 4, { low: 10, high: 10000 })] : []),
      ];
    case 'steps':
      // A step that keeps the window shut (0) is a choice of design, not a setting to search.
      return window.steps.flatMap((step, i) => (step.window > 0 ? [aroundValue(`${at}.steps.${i}.window`, step.window, 4, growthRange)] : []));
  }
}
