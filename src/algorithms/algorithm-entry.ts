import type * as z from 'zod';
import type { Filter, PoolSpec } from '../engine/pool/filters.js';
import type { ClockKind, PoolClock } from '../engine/pool/clock.js';
import type { LatencyCapSpec } from '../engine/pool/latency-cap.js';
import type { RoomCondition } from '../engine/pool/match-algorithm.js';
import type { MatchAlgorithm } from '../engine/pool/match-algorithm.js';
import type { TicketSlots } from '../engine/ticket/ticket-slots.js';
import type { AttributedCandidate } from '../engine/pool/partitioned-pool.js';
import type { CreateMatcher } from '../engine/pool/user-module.js';
import type { WindowPolicy, WindowSpec } from '../engine/pool/window.js';

import type { ServiceSettings } from '../engine/engine-matcher.js';
import type { PatienceSpec } from '../scenarios/schema/patience.js';

export type { ServiceSettings } from '../engine/engine-matcher.js';
export type ServiceMode = ServiceSettings['type'];

/** A matchmaking configuration's automatic backfill of sessions that start short: seconds until a session is up and asks, until a request times out (and is asked again), and until the session stops backfilling; how its requests stand against new matches. */
export interface SessionBackfillSettings {
  readonly startupSeconds: number;
  readonly timeoutSeconds: number;
  readonly untilSeconds: number;
  readonly priority: 'high' | 'normal' | 'low';
}

/**
 * A matcher as a run uses it: the scenario's matcher, resolved (one window,
 * aliases gone), with what was loaded for it. The fields here are the ones
 * every algorithm shares; each algorithm's own settings are in a namespace
 * of its own, `matcher.<name>` (matcher.teams, matcher.profiles,
 * matcher.flexmatch), which only its entry reads (AlgorithmEntry.settings).
 */
export interface MatcherSettings {
  readonly algorithm: string;
  /** Players per room. */
  readonly roomSize: number;
  /** How a request's score window grows with waiting (matcher.window; matcher.windowGrowth is its short form). */
  readonly window: WindowSpec;
  /** Whose time the window follows: worker rounds (absent: the reference server's count) or seconds since queueing. */
  readonly clock?: ClockKind;
  /** Pools by attribute filters, each matched on its own. */
  readonly pools?: readonly PoolSpec[];
  /** The latency cap a room's players must meet in its data centre (with the run's data centres). */
  readonly latency?: LatencyCapSpec;
  /** Requests may be parties of several players: the algorithm must hold them (MatchAlgorithm.parties). */
  readonly parties?: boolean;
  /** A user's matcher module, loaded: replaces `algorithm`. */
  readonly userModule?: { readonly name: string; readonly create: CreateMatcher; readonly options: Readonly<Record<string, unknown>> };
  /** Each algorithm's namespace (and the flat fields kept as aliases), read by its entry alone. */
  readonly [namespace: string]: unknown;
}

/** The shape of a room an algorithm deals into teams, for the team figures and a population's sides. */
export interface TeamShape {
  readonly count: number;
  readonly size: number;
  /** Rating points for 10:1 odds, for predicted win chances (default 400). */
  readonly eloScale?: number;
}

/** What every pool is built with. */
export interface PoolContext<T = AttributedCandidate> {
  readonly roomSize: number;
  /** The matcher's window policy. */
  readonly window: WindowPolicy;
  /** Seconds between worker rounds. */
  readonly roundSeconds: number;
  /** The clock the matcher's settings chose, of the kinds the algorithm declares (traits.clocks). */
  readonly clock: PoolClock<T>;
  /** The tickets behind the requests, by slot (attributes, latency, roles, queue time), when the caller keeps a ticket table (a run always does). */
  readonly tickets?: TicketSlots<T>;
  /** The run's random draws for the pool's own choices (FlexMatch's random batches), on a stream of their own; absent: the pool may make none. */
  readonly random?: () => number;
  /** What every room must pass besides the algorithm's own rules (the latency cap of a room as a whole, in one data centre's pool); absent: nothing. */
  readonly accepts?: RoomCondition<T>;
}

export interface AlgorithmTraits {
  /** Holds parties: requests of several players, each kept whole. */
  readonly parties: boolean;
  /** Deals each room into teams (matcher.teams): rooms get a team gap and the favourite's win chance. */
  readonly teams: boolean;
  /** Service modes it runs under: 'rounds' always; 'retry' needs a pool that matches one request on its own (SingleRequestMatching). */
  readonly services: readonly ServiceMode[];
  /** Every room forms within the matcher's one window, so the report can draw that window against the rooms. */
  readonly oneWindow: boolean;
  /** The clocks its pool follows when the context gives them (matcher.clock): 'rounds', the reference server's, first. */
  readonly clocks: readonly ClockKind[];
  /**
   * Its own rules decide the score gap and the round trips a match allows (a
   * FlexMatch rule set): the matcher's window and latency cap are not its, and
   * with data centres it is one pool, not one per data centre.
   */
  readonly ownRules?: boolean;
  /** Fills each team's role slots (matcher.composition) from the roles its players queue for. */
  readonly roles?: boolean;
  /** Fills running matches' backfill requests (BackfillMatching). */
  readonly backfill?: boolean;
}

/** A setting the tuner may search, with the range and scale it searches it on. */
export interface TunableParameter {
  /** Dotted path in the scenario, as --set and --param take it. */
  readonly path: string;
  readonly low: number;
  readonly high: number;
  readonly scale: 'linear' | 'log';
  readonly integer?: boolean;
}

/** A problem with a matcher's settings: the path under the scenario, and what is wrong. */
/** Acceptance as a service asks it and as simulated players answer: each accepts with `probability`, answering `response` seconds after the proposal. */
export interface AcceptanceSettings {
  readonly timeoutSeconds: number;
  readonly probability: number;
  readonly response: PatienceSpec;
}

export type SettingsIssue = readonly [path: ReadonlyArray<string | number>, message: string];

/** A filter list of an algorithm's settings, with the path of the list (its filters' paths go on from it). */
export interface FilterList {
  readonly filters: readonly Filter[];
  readonly path: ReadonlyArray<string | number>;
}

/**
 * A built-in algorithm: its pool is one file in src/engine/pool; this entry
 * says how a scenario sets it up. Adding a variant is that file plus an entry
 * in the registry (built-in.ts).
 *
 * Its settings live in a namespace of its own, `matcher.<name>`, so that no
 * two algorithms' fields can collide (a FlexMatch rule set's teams are not
 * matcher.teams). Settings an algorithm had before namespaces keep their
 * flat spelling as aliases (matcher.evaluator for profiles).
 */
export interface AlgorithmEntry<Settings extends z.ZodType = z.ZodType, Aliases extends z.ZodRawShape = z.ZodRawShape> {
  /** The name a scenario gives in matcher.algorithm, and its namespace, matcher.<name>. */
  readonly name: string;
  /** One sentence for the scenario schema and the README. */
  readonly description: string;
  /** The schema of its settings at matcher.<name>; absent: it has none. A scenario may give them only with this algorithm. */
  readonly settings?: Settings;
  /** Flat fields kept from before namespaces (matcher.<field>), each optional, also only with this algorithm. */
  readonly aliases?: Aliases;
  /** The matcher with its settings' defaults filled in, in the spelling the scenario wrote (what the resolved scenario records). */
  resolve?(matcher: MatcherSettings): MatcherSettings;
  readonly traits: AlgorithmTraits;
  /** With traits.teams: the teams a room is dealt into, read from its settings. */
  teamShape?(matcher: MatcherSettings): TeamShape | undefined;
  /** The most players one request may bring when it is not a room or team (a FlexMatch rule set's largest team), and what holds them, for the party checks. */
  largestRequest?(matcher: MatcherSettings): { readonly size: number; readonly what: string } | undefined;
  /** The fewest players a room of its may hold, when rooms vary in size up to roomSize (a FlexMatch rule set's teams at their smallest minPlayers); undefined: every room is roomSize. */
  smallestRoom?(matcher: MatcherSettings): number | undefined;
  /** Without traits.teams: the name of each roster its matches give, in order (a FlexMatch rule set's teams), for players.csv's team column. */
  teamNames?(matcher: MatcherSettings): readonly string[] | undefined;
  /** With teamNames: the most players each roster holds, in the same order (a population's sides are its rosters, when all hold as many). */
  teamSizes?(matcher: MatcherSettings): readonly number[] | undefined;
  /** The expansions whose step each of its matches records (a FlexMatch rule set's targets, in order), for rooms.csv; undefined or empty: none. */
  expansionTargets?(matcher: MatcherSettings): readonly string[] | undefined;
  /** Seconds after which the service gives an unmatched request up (FlexMatch's requestTimeoutSeconds); undefined: never. */
  requestTimeout?(matcher: MatcherSettings): number | undefined;
  /** How its pool stands backfill requests against new matches whatever a request says (a FlexMatch rule set's algorithm.backfillPriority); undefined: as each request says. */
  backfillPriority?(matcher: MatcherSettings): 'high' | 'normal' | 'low' | undefined;
  /** Sessions that start short ask the pool for players once up (FlexMatch's automatic backfill with open arrivals); undefined: never. */
  sessionBackfill?(matcher: MatcherSettings): SessionBackfillSettings | undefined;
  /** When players must accept each match before it is made (FlexMatch's acceptanceRequired): the seconds they have, and how the simulated players answer; undefined: no acceptance. */
  acceptance?(matcher: MatcherSettings): AcceptanceSettings | undefined;
  /** The attribute filters its settings hold (a profile's), for the checks against the players' attributes. */
  filters?(matcher: MatcherSettings): FilterList[];
  /** Checks a schema cannot express (a required field, fields that must agree). */
  check?(matcher: MatcherSettings): SettingsIssue[];
  create<T extends AttributedCandidate>(settings: MatcherSettings, context: PoolContext<T>): MatchAlgorithm<T>;
  /** Settings of its own the tuner searches when no --param is given (the window's are the registry's), at paths in the scenario's own spelling. */
  tunable?(matcher: MatcherSettings): TunableParameter[];
}

/** Declares an entry, keeping its settings' and aliases' types for the scenario schema. */
export function defineAlgorithm<const Name extends string, Settings extends z.ZodType = z.ZodNever, const Aliases extends z.ZodRawShape = Record<never, never>>(
  entry: AlgorithmEntry<Settings, Aliases> & { readonly name: Name },
): AlgorithmEntry<Settings, Aliases> & { readonly name: Name } {
  return entry;
}
