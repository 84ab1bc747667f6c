import { MATCHSIM_VERSION } from '../version.js';
import type { Accounting } from '../engine/conservation.js';
import type { AcceptanceStats, RunStats } from '../engine/run-tally.js';
import type { FaultCosts } from '../engine/faults.js';
import type { RuleEvaluation } from '../engine/pool/rule-evaluations.js';
import type { ResolvedScenario } from '../scenarios/load.js';
import { matcherTraits, teamShapeOf } from '../algorithms/registry.js';
import { round6 } from './numbers.js';
import { distribution, type Distribution } from './distribution.js';
import { rolesSummary, type RolesSummary } from './roles-summary.js';
import { populationSummary, type PopulationSummary } from './population-summary.js';
import { backfillSummary, sessionBackfillSummary, streamBackfillSummary, type BackfillSummary, type SessionBackfillSummary, type StreamBackfillSummary } from './backfill-summary.js';
import { latencySummary, type LatencySummary } from './latency-summary.js';
import { observedSummary, type ObservedSummary } from './observed-summary.js';

export { distribution, type Distribution } from './distribution.js';
import { abandonmentFigures, partyFigures, poolFigures, scoreBands, type GroupFigures, type PoolFigures, type ScoreBand } from './breakdowns.js';

export const SUMMARY_FILE = 'summary.json';

/** summary.json: the resolved scenario and seed, so any run can be replayed, and its figures. */
export interface Summary {
  readonly matchsim: { readonly summaryVersion: 1; readonly version: string };
  readonly scenario: ResolvedScenario;
  readonly seed: number;
  readonly ticks: number;
  readonly players: {
    readonly total: number;
    readonly matched: number;
    readonly waiting: number;
    /** Gave up and were never matched. total = matched + waiting + abandoned. */
    readonly abandoned: number;
    /** matched / total; null with no players. Counts ghosts: see matchedPresentShare. */
    readonly matchedShare: number | null;
    /** Matched after they had gone (gave up, or disconnected, with no cancel path): seated in a room they had left. */
    readonly ghosts: number;
    /** (matched - ghosts) / total: the share matched while still there, what a reader takes "matched" to mean; null with no players. */
    readonly matchedPresentShare: number | null;
  };
  readonly rooms: number;
  /** Seconds from arrival to the tick of the player's room: matched players still present when it formed. */
  readonly wait: Distribution;
  /** Max score - min score per room. */
  readonly spread: Distribution;
  readonly throughput: { readonly roomsPerMinute: number; readonly playersPerMinute: number };
  readonly notifications: { readonly messages: number; readonly playersNotified: number };
  /** Figures by group of players. */
  readonly breakdowns: {
    /** By decile of the score distribution: the tails usually wait longest. */
    readonly scoreBands: readonly ScoreBand[];
    /** By pool of matcher.pools; empty without pools. */
    readonly pools: readonly PoolFigures[];
    /** Players who stayed and who gave up (see abandonmentFigures); empty without abandonment. */
    readonly abandonment: readonly GroupFigures[];
    /** By the size of the party players queued in; only with scenario.parties. */
    readonly parties?: readonly GroupFigures[];
  };
  /**
   * Only with algorithm teams: per room, the gap between the highest and the
   * lowest team mean score, and the favourite team's predicted chance to win
   * (Elo logistic at matcher.teams.eloScale; 1 / teams is a fair room).
   */
  readonly teams?: { readonly gap: Distribution; readonly favouriteWin: Distribution };
  /** With a population: convergence, calibration, blowouts, waits of new players, concurrency, retention. */
  readonly population?: PopulationSummary;
  /**
   * With a population's backfill (population.backfill): players who left
   * running matches, the requests that refilled their seats, and the waits of
   * those who joined. With sessions that start short (matcher.flexmatch.backfill):
   * how full sessions started, and how full backfill made them. With a stream
   * of backfill requests (backfillRequests): how many were filled, and how soon.
   */
  readonly backfill?: BackfillSummary | SessionBackfillSummary | StreamBackfillSummary;
  /** With data centres (scenario.latency): round trips in the rooms' data centres, in ms (see latency-summary.ts). */
  readonly latency?: LatencySummary;
  /** With a replayed log that records production's waits: what production did with the same tickets, and the gap (see observed-summary.ts). */
  readonly observed?: ObservedSummary;
  /**
   * With algorithm flexmatch: each rule's passes and failures on the
   * potential matches judged over the run, in the rule set's order, as the
   * service puts them in its events (ruleName, passedCount, failedCount).
   */
  readonly ruleEvaluationMetrics?: readonly RuleEvaluation[];
  /** With acceptance (matcher.flexmatch.acceptanceRequired): the proposed matches and what became of them. */
  readonly acceptance?: AcceptanceSummary;
  /** With rooms that vary in size (a FlexMatch rule set's teams between minPlayers and maxPlayers): how many players the rooms held. */
  readonly roomPlayers?: RoomPlayersSummary;
  /** With role queues (roles, matcher.composition): waits by first-choice role, the bottleneck, players off their first choice. */
  readonly roles?: RolesSummary;
  /** With a replayed log read with onBadLine "skip": the lines passed over. */
  readonly replay?: { readonly skippedLines: number };
  /**
   * Where every player was at the end: arrived = queued + pool (+ proposed,
   * with acceptance) + matched + abandoned + lost, checked at every tick
   * (checks) and at the end; a break
   * stops the run with an error instead.
   */
  readonly conservation: Accounting & { readonly checks: number };
  /**
   * Only with scenario.faults: what they cost. extraWait is this run's wait
   * figures minus those of the same arrivals without the faults (a twin run).
   */
  readonly faults?: FaultCosts & {
    readonly extraWait: ExtraWait;
    /** Each fault's own cost: the same arrivals with only that fault, against none (faults interact, so these need not add up to extraWait). */
    readonly byFault: ReadonlyArray<{
      readonly fault: string;
      readonly extraWait: ExtraWait;
      /** Players notified without any fault but not with this one alone: what a fault on the notification path costs. */
      readonly playersNotNotified: number;
      /** Every way the fault alone hurt players (a cache fault notifies everyone, but some find their room entry gone). */
      readonly playersLost: FaultCosts['playersLost'];
      /**
       * What removing this fault from the others would save: this run's
       * waits and players lost against those of the run without it. This
       * counts what it does through the others (a culled cache entry costs
       * only a player who reads it late, behind a lagging consumer).
       */
      readonly removed: { readonly extraWait: ExtraWait; readonly playersLost: FaultCosts['playersLost'] };
    }>;
  };
  /** Players who gave up waiting (see scenario.abandonment). */
  readonly abandonment: {
    /** Gave up before being matched. */
    readonly left: number;
    /** left / total; null with no players. */
    readonly rate: number | null;
    /** Requests the service withdrew (cancel: true). */
    readonly cancelled: number;
    /** Rooms formed with a member who had gone (cancel: false), and those members. */
    readonly ghostRooms: number;
    readonly ghostPlayers: number;
    /** create_player messages sent to closed connections. */
    readonly messagesLost: number;
    /** With a request timeout (FlexMatch's requestTimeoutSeconds): players the service gave up on, unmatched; abandoned, not counted in left. */
    readonly timedOut?: number;
  };
}

/** Seconds of waiting a fault adds: wait mean, p95 and p99 with it minus without it. */
export interface ExtraWait {
  readonly mean: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** Wait mean, p95 and p99 of a run minus those of its fault-free twin; null where either has no samples. */
function extraWait(faulty: Float64Array, clean: Float64Array | undefined): ExtraWait {
  const a = distribution(faulty);
  const b = clean ? distribution(clean) : undefined;
  const minus = (x: number | null, y: number | null | undefined) => (x === null || y === null || y === undefined ? null : round6(x - y));
  return { mean: minus(a.mean, b?.mean), p95: minus(a.p95, b?.p95), p99: minus(a.p99, b?.p99) };
}

/** A run's samples in ascending order: sorted once, for the summary and the charts. */
export interface SortedSamples {
  readonly waits: Float64Array;
  readonly spreads: Float64Array;
}

export function sortSamples(stats: RunStats): SortedSamples {
  return { waits: Float64Array.from(stats.waits).sort(), spreads: Float64Array.from(stats.spreads).sort() };
}

/** A run with faults, run again on the same arrivals: without any fault, and with each fault alone. */
export interface FaultTwins {
  readonly clean: TwinRun;
  readonly each: ReadonlyArray<TwinRun & { readonly fault: string; readonly without: TwinRun }>;
}

/** What a twin run is compared on: its samples, and the players it notified. */
interface TwinRun {
  readonly sorted: SortedSamples;
  readonly notified: number;
  /** The players its faults lost, by way (none without faults). */
  readonly lost?: FaultCosts['playersLost'];
}

const NO_LOSS: FaultCosts['playersLost'] = { disconnected: 0, neverNotified: 0, roomEntryGone: 0 };

/** The players lost in one run less those in another, way by way. */
function lossBetween(a: FaultCosts['playersLost'], b: FaultCosts['playersLost']): FaultCosts['playersLost'] {
  return { disconnected: a.disconnected - b.disconnected, neverNotified: a.neverNotified - b.neverNotified, roomEntryGone: a.roomEntryGone - b.roomEntryGone };
}

/** What a run's recorded arrivals bring to its summary: the log's lines skipped as bad, and whether its players queued in parties. */
export interface RecordedFacts {
  readonly skippedLines?: number;
  readonly parties?: boolean;
}

export function buildSummary(scenario: ResolvedScenario, stats: RunStats, sorted: SortedSamples = sortSamples(stats), twins?: FaultTwins, recorded: RecordedFacts = {}): Summary {
  const { skippedLines } = recorded;
  const minutes = (scenario.duration + scenario.drain) / 60;
  const wait = distribution(sorted.waits);
  const matchedPresentShare = stats.players === 0 ? null : round6((stats.matched - stats.ghostPlayers) / stats.players);
  const observed = observedSummary(stats, { wait, matchedPresentShare });
  return {
    matchsim: { summaryVersion: 1, version: MATCHSIM_VERSION },
    scenario,
    seed: scenario.seed,
    ticks: stats.ticks,
    players: {
      total: stats.players,
      matched: stats.matched,
      waiting: stats.waiting,
      abandoned: stats.abandoned,
      matchedShare: stats.players === 0 ? null : round6(stats.matched / stats.players),
      ghosts: stats.ghostPlayers,
      matchedPresentShare,
    },
    rooms: stats.rooms,
    wait,
    spread: distribution(sorted.spreads),
    throughput: {
      roomsPerMinute: round6(stats.rooms / minutes),
      playersPerMinute: round6(stats.matched / minutes),
    },
    notifications: { messages: stats.messages, playersNotified: stats.playersNotified },
    breakdowns: {
      scoreBands: scoreBands(stats),
      pools: scenario.matcher.pools ? poolFigures(stats, scenario.matcher.pools.map((p) => p.name)) : [],
      abandonment: scenario.abandonment ? abandonmentFigures(stats) : [],
      ...(scenario.parties || recorded.parties === true ? { parties: partyFigures(stats) } : {}),
    },
    ...(matcherTraits(scenario.matcher).teams
      ? { teams: { gap: distribution(Float64Array.from(stats.teamGaps).sort()), favouriteWin: distribution(Float64Array.from(stats.favouriteWins).sort()) } }
      : {}),
    ...(stats.faults
      ? {
          faults: {
            ...stats.faults,
            extraWait: extraWait(sorted.waits, twins?.clean.sorted.waits),
            byFault: (twins?.each ?? []).map((alone) => ({
              fault: alone.fault,
              extraWait: extraWait(alone.sorted.waits, twins?.clean.sorted.waits),
              playersNotNotified: (twins?.clean.notified ?? 0) - alone.notified,
              playersLost: alone.lost ?? NO_LOSS,
              removed: { extraWait: extraWait(sorted.waits, alone.without.sorted.waits), playersLost: lossBetween(stats.faults?.playersLost ?? NO_LOSS, alone.without.lost ?? NO_LOSS) },
            })),
          },
        }
      : {}),
    ...(stats.population && scenario.population
      ? { population: populationSummary(stats.population, stats.byPlayer.wait, sorted.waits, scenario.population.newPlayerMatches, scenario.duration + scenario.drain) }
      : {}),
    ...(stats.population?.backfill !== undefined ? { backfill: backfillSummary(stats.population, stats.population.backfill, stats.byPlayer.wait, scenario.matcher.roomSize) } : {}),
    ...(stats.sessionBackfill !== undefined ? { backfill: sessionBackfillSummary(stats.sessionBackfill, stats.byPlayer.wait, scenario.duration + scenario.drain) } : {}),
    ...(stats.backfillStream !== undefined && scenario.backfillRequests !== undefined ? { backfill: streamBackfillSummary(stats.backfillStream, scenario.backfillRequests.rate, stats.byPlayer.wait) } : {}),
    ...(stats.placement ? { latency: latencySummary(stats.placement) } : {}),
    ...(observed ? { observed } : {}),
    ...(stats.ruleEvaluations !== undefined ? { ruleEvaluationMetrics: stats.ruleEvaluations } : {}),
    ...(stats.acceptance !== undefined ? { acceptance: acceptanceSummary(stats.acceptance, stats.rooms) } : {}),
    ...(stats.roomPlayers !== undefined ? { roomPlayers: roomPlayersSummary(stats.roomPlayers, scenario.matcher.roomSize) } : {}),
    ...(stats.roles !== undefined ? { roles: rolesSummary(stats.roles, roomSlots(scenario.matcher, stats.roles.names), stats.byPlayer.wait, scenario.roles?.priorityPass !== undefined) } : {}),
    ...(skippedLines !== undefined ? { replay: { skippedLines } } : {}),
    conservation: stats.accounting ?? { arrived: stats.players, queued: 0, pool: 0, matched: stats.matched, abandoned: 0, lost: { disconnected: 0 }, checks: 0 },
    abandonment: {
      left: stats.left,
      rate: stats.players === 0 ? null : round6(stats.left / stats.players),
      cancelled: stats.cancelled,
      ghostRooms: stats.ghostRooms,
      ghostPlayers: stats.ghostPlayers,
      messagesLost: stats.messagesLost,
      ...(stats.timedOut !== undefined ? { timedOut: stats.timedOut } : {}),
    },
  };
}

/** The players per room, where rooms vary in size; null figures without rooms. */
export interface RoomPlayersSummary {
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Rooms at roomSize, the most a room holds / all rooms. */
  readonly fullShare: number | null;
}

function roomPlayersSummary(players: Int32Array, roomSize: number): RoomPlayersSummary {
  if (players.length === 0) return { mean: null, min: null, max: null, fullShare: null };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let full = 0;
  for (const n of players) {
    sum += n;
    min = Math.min(min, n);
    max = Math.max(max, n);
    if (n === roomSize) full++;
  }
  return { mean: round6(sum / players.length), min, max, fullShare: round6(full / players.length) };
}

/** The acceptance flow's figures: every room is a proposal all its players accepted. */
export interface AcceptanceSummary extends Omit<AcceptanceStats, 'stillProposed' | 'proposals'> {
  readonly acceptedMatches: number;
  /** Accepted proposals / settled proposals; null with none settled. */
  readonly acceptedShare: number | null;
  /** Proposals still waiting for answers when the run ended, and their players. */
  readonly pendingMatches: number;
  readonly pendingPlayers: number;
}

function acceptanceSummary(a: AcceptanceStats, rooms: number): AcceptanceSummary {
  const settled = rooms + a.rejectedMatches + a.timedOutMatches;
  return {
    potentialMatches: a.potentialMatches,
    acceptedMatches: rooms,
    rejectedMatches: a.rejectedMatches,
    timedOutMatches: a.timedOutMatches,
    acceptedShare: settled === 0 ? null : round6(rooms / settled),
    pendingMatches: a.potentialMatches - settled,
    pendingPlayers: a.stillProposed,
    playersReturned: a.playersReturned,
    playersCancelled: a.playersCancelled,
    answers: a.answers,
    rejections: a.rejections,
  };
}

/** Each role's slots in a room: matcher.composition's per team, times the teams (0 for a role it does not name, or without a composition). */
function roomSlots(matcher: ResolvedScenario['matcher'], names: readonly string[]): number[] {
  const composition = matcher.composition as Readonly<Record<string, number>> | undefined;
  const teams = teamShapeOf(matcher)?.count ?? 1;
  return names.map((r) => (composition !== undefined && Object.hasOwn(composition, r) ? composition[r] * teams : 0));
}

